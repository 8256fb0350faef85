from django.apps import AppConfig


class SelfcheckConfig(AppConfig):
    name = "nerveguide.selfcheck"
    label = "selfcheck"
