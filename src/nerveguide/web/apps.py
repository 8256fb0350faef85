from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "nerveguide.web"
    label = "web"
