from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "nerveguide.search"
    label = "search"

    def ready(self) -> None:
        from nerveguide.content.signals import content_changed
        from nerveguide.search.webindex import invalidate

        content_changed.connect(invalidate, dispatch_uid="search-index-invalidate")
