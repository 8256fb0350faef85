from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    name = "nerveguide.clinics"
    label = "clinics"
