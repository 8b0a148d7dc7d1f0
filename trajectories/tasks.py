"""Background work of trajectories, run by the django-tasks database worker."""

from django_tasks import task

from trajectories import services


@task()
def send_due_reminders() -> int:
    """Email every client whose planned moment is due; safe to run as often as wanted."""
    return services.send_due_reminders()
