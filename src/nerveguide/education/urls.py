from django.urls import path

from nerveguide.education import views

app_name = "education"
urlpatterns = [
    path("", views.builder, name="builder"),
    path("udskrift/", views.print_page, name="print"),
    path("pdf/", views.pdf_download, name="pdf"),
    path("guide/", views.guide, name="guide"),
    path("guide/pixi/", views.guide, {"version": "pixi"}, name="guide_pixi"),
    path("oevelser/", views.exercise_library, name="exercises"),
]
