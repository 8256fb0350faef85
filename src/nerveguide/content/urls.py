from django.contrib.sitemaps.views import sitemap
from django.urls import path

from nerveguide.content import views

app_name = "content"
urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": views.SITEMAPS}, name="sitemap"),
    path("emner/", views.topic_overview, name="topics"),
    path("<slug:slug>/", views.article_page, name="article"),
]
