"""A server-rendered SVG plot of locations by coordinates: no map tiles, so nothing to fail
loading under the CSP; the list of results stays the primary way to read them."""

from __future__ import annotations

from collections.abc import Iterable

WIDTH, HEIGHT, MARGIN = 320, 220, 16


def plot_locations(points: Iterable[tuple[str, str, float, float]]) -> dict | None:
    """points: (service name, location name, latitude, longitude), numbered in this order."""
    points = list(points)
    if not points:
        return None
    lats = [lat for _s, _l, lat, _lon in points]
    lons = [lon for _s, _l, _lat, lon in points]
    lat_span = (max(lats) - min(lats)) or 0.01
    lon_span = (max(lons) - min(lons)) or 0.01
    dots = []
    for number, (service_name, location_name, lat, lon) in enumerate(points, start=1):
        x = MARGIN + (lon - min(lons)) / lon_span * (WIDTH - 2 * MARGIN)
        # North is up: a larger latitude is a smaller y.
        y = MARGIN + (max(lats) - lat) / lat_span * (HEIGHT - 2 * MARGIN)
        dots.append(
            {
                "x": round(x, 1),
                "y": round(y, 1),
                "number": number,
                "service_name": service_name,
                "location_name": location_name,
            }
        )
    return {"width": WIDTH, "height": HEIGHT, "dots": dots}
