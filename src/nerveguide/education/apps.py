from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "nerveguide.education"
    label = "education"
