from django.apps import AppConfig


class EducationConfig(AppConfig):
    """Django app of patient education: the handout builder, clinician guide and exercise
    library (data in education/data/*.yaml); no models."""

    name = "nerveguide.education"
    label = "education"
