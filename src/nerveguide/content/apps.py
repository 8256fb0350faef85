from django.apps import AppConfig


class ContentConfig(AppConfig):
    """The articles app: article pages, topic overview, sitemap, page cache and ingest."""

    name = "nerveguide.content"
    label = "content"
    verbose_name = "Artikler"

    def ready(self) -> None:
        """Connect the signals that move the publication generation on every article change."""
        # Connects the signals that move the publication generation on every article change.
        from nerveguide.content import publication  # noqa: F401
