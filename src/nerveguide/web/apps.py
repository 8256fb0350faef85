from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "nerveguide.web"
    label = "web"

    def ready(self):
        from nerveguide.project import lookups

        lookups.register()
