from django.urls import path

from nerveguide.web import views

app_name = "web"
urlpatterns = [
    path("", views.front_page, name="front_page"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
