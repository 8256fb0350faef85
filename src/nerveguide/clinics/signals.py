"""A clinic's stored rating follows its reviews: recomputed whenever a review is saved or
deleted (confirmation, moderation, admin edits), never while a page is being read.

Reviews also leave the rating when they turn two years old; `nerveguide clinics
refresh-ratings` (run daily, see README "Production") recomputes those clinics.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from nerveguide.clinics.models import Clinic, Review


@receiver(post_save, sender=Review, dispatch_uid="clinics-review-saved")
@receiver(post_delete, sender=Review, dispatch_uid="clinics-review-deleted")
def review_changed(sender, instance: Review, **kwargs) -> None:
    """Recompute the clinic's stored rating after any review is saved or deleted (if the clinic
    still exists).
    """
    clinic = Clinic.objects.filter(pk=instance.clinic_id).first()
    if clinic is not None:
        clinic.refresh_rating()
