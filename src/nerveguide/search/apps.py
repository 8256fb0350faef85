from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "nerveguide.search"
    label = "search"
