from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "nerveguide.content"
    label = "content"
    verbose_name = "Artikler"

    def ready(self) -> None:
        # Connects the signals that move the publication generation on every article change.
        from nerveguide.content import publication  # noqa: F401
