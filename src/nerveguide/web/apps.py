from django.apps import AppConfig


class WebConfig(AppConfig):
    """The site-wide pages (front page, about, robots.txt, error pages) and project-wide hooks."""

    name = "nerveguide.web"
    label = "web"

    def ready(self):
        """Register the static manifest check, the safe integer __in lookup and the safe admin
        changelist.
        """
        from nerveguide.project import admin_changelist, lookups
        from nerveguide.web import checks  # noqa: F401  (registers the static manifest check)

        lookups.register()
        admin_changelist.install()
