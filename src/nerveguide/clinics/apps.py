from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    """The clinic finder and reviews app."""

    name = "nerveguide.clinics"
    label = "clinics"
    verbose_name = "Klinikker og anmeldelser"

    def ready(self) -> None:
        """Connect the signals that keep each clinic's stored rating in step with its reviews."""
        from nerveguide.clinics import signals  # noqa: F401  (connects the rating signals)
