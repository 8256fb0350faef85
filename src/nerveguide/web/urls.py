from django.urls import path

from nerveguide.web import views

app_name = "web"
urlpatterns = [
    path("", views.front_page, name="front_page"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("om-nerveguide/", views.trust_page, {"page": "about"}, name="about"),
    path("kontakt/", views.trust_page, {"page": "contact"}, name="contact"),
    path("privatlivspolitik/", views.trust_page, {"page": "privacy"}, name="privacy"),
    path("tilgaengelighed/", views.trust_page, {"page": "accessibility"}, name="accessibility"),
]
