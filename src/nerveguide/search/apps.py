from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Django app of the site search (/soeg/ and /api/search/); no models."""

    name = "nerveguide.search"
    label = "search"

    def ready(self) -> None:
        """Drop the cached search index whenever content changes (content_changed signal)."""
        from nerveguide.content.signals import content_changed
        from nerveguide.search.webindex import invalidate

        content_changed.connect(invalidate, dispatch_uid="search-index-invalidate")
