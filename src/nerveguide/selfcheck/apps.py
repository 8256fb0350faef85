from django.apps import AppConfig


class SelfcheckConfig(AppConfig):
    """Django app of the self-check (Symptomtjek): web flow and API; no models."""

    name = "nerveguide.selfcheck"
    label = "selfcheck"
