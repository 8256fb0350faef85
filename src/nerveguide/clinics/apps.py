from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    name = "nerveguide.clinics"
    label = "clinics"
    verbose_name = "Klinikker og anmeldelser"

    def ready(self) -> None:
        from nerveguide.clinics import signals  # noqa: F401  (connects the rating signals)
