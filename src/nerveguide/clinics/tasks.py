"""Background tasks of the clinics app, on Django's tasks framework (settings.TASKS).

In production the tasks are rows in the database (django-tasks-db) and `nerveguide manage
db_worker` runs them; each attempt's result, a failure's traceback included, is listed in the
admin under "Tasks Database Backend" > "Task Results". In development and tests they run at once (ImmediateBackend).
"""

from django.tasks import task


@task
def send_review_confirmation(review_id: int, confirm_url: str) -> str:
    """Send the confirmation e-mail of review `review_id` once; see reviews.deliver_confirmation.

    Returns "sent" or "skipped"; raises reviews.ConfirmationNotSent when the attempt failed (a
    retry is queued first, while attempts remain).
    """
    from nerveguide.clinics import reviews

    return reviews.deliver_confirmation(review_id, confirm_url)
