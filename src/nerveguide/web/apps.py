from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "nerveguide.web"
    label = "web"

    def ready(self):
        from nerveguide.project import admin_changelist, lookups
        from nerveguide.web import checks  # noqa: F401  (registers the static manifest check)

        lookups.register()
        admin_changelist.install()
