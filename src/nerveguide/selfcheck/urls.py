from django.urls import path

from nerveguide.selfcheck import views

app_name = "selfcheck"
urlpatterns = [
    path("", views.start, name="start"),
    path("trin/", views.step, name="step"),
]
