"""Background work for the collective figures, run by the task worker after the response."""

from django_tasks import task

from insights import services


@task()
def refresh_figures(cells: list[dict]) -> None:
    """Recount these rollup cells, then publish any quarter that has closed since."""
    services.refresh_cells(cells)
    services.publish_closed_periods()


@task()
def publish_figures() -> None:
    services.publish_closed_periods()
