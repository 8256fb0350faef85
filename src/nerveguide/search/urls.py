from django.urls import path

from nerveguide.search import views

app_name = "search"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("forslag/", views.suggestions, name="suggestions"),
]
