"""A server-rendered SVG plot of locations by coordinates: no map tiles, so nothing to fail
loading under the CSP; the list of results stays the primary way to read them."""

from __future__ import annotations

from collections.abc import Iterable

WIDTH, HEIGHT, MARGIN = 320, 220, 16


def plot_locations(services: Iterable) -> dict | None:
    points = []
    for service in services:
        for link in service.service_at_locations.all():
            location = link.location
            if location.latitude is not None and location.longitude is not None:
                points.append((service, location))
    if not points:
        return None
    lats = [loc.latitude for _s, loc in points]
    lons = [loc.longitude for _s, loc in points]
    lat_span = (max(lats) - min(lats)) or 0.01
    lon_span = (max(lons) - min(lons)) or 0.01
    dots = []
    for number, (service, location) in enumerate(points, start=1):
        x = MARGIN + (location.longitude - min(lons)) / lon_span * (WIDTH - 2 * MARGIN)
        # North is up: a larger latitude is a smaller y.
        y = MARGIN + (max(lats) - location.latitude) / lat_span * (HEIGHT - 2 * MARGIN)
        dots.append(
            {
                "x": round(x, 1),
                "y": round(y, 1),
                "number": number,
                "service": service,
                "location": location,
            }
        )
    return {"width": WIDTH, "height": HEIGHT, "dots": dots}
