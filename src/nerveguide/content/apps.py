from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "nerveguide.content"
    label = "content"
