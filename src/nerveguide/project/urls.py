from django.contrib import admin
from django.urls import include, path

from nerveguide.project.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("soeg/", include("nerveguide.search.urls")),
    path("symptomtjek/", include("nerveguide.selfcheck.urls")),
    path("patientuddannelse/", include("nerveguide.education.urls")),
    path("", include("nerveguide.clinics.urls")),
    path("", include("nerveguide.web.urls")),
    path("", include("nerveguide.content.urls")),  # last: catches /<slug>/
]

handler400 = "nerveguide.web.views.bad_request"
handler403 = "nerveguide.web.views.permission_denied"
handler404 = "nerveguide.web.views.page_not_found"
handler500 = "nerveguide.web.views.server_error"
