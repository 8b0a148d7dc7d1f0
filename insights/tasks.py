"""Background work for the collective figures, run by the task worker after the response."""

from django_tasks import task

from insights import services


@task()
def refresh_figures(cells: list[dict] | None = None) -> None:
    """Recount the cells marked pending, then publish any quarter that has closed since.

    `cells` is only given by tasks queued before cells were marked (insights migration 0005).
    """
    if cells:
        services.refresh_cells(cells)
    services.recount_pending()
    services.publish_closed_periods()


@task()
def publish_figures() -> None:
    services.publish_closed_periods()
