from django.contrib.auth import views as auth_views
from django.urls import path

from nerveguide.clinics import views

app_name = "clinics"
urlpatterns = [
    path("find-fysioterapeut/", views.finder, name="finder"),
    path("find-fysioterapeut/saadan-sorterer-vi/", views.ranking_info, name="ranking_info"),
    path("find-fysioterapeut/anmeldelser/", views.review_policy, name="review_policy"),
    path("find-fysioterapeut/klinik/<slug:slug>/", views.clinic_detail, name="clinic"),
    path("find-fysioterapeut/klinik/<slug:slug>/anmeld/", views.review_create, name="review_create"),
    path("find-fysioterapeut/klinik/<slug:slug>/anmeld/tak/", views.review_thanks, name="review_thanks"),
    path("find-fysioterapeut/anmeldelse/bekraeft/<str:token>/", views.review_confirm, name="review_confirm"),
    path("find-fysioterapeut/anmeldelse/<int:pk>/anmeld/", views.review_flag, name="review_flag"),
    path("klinik/login/", auth_views.LoginView.as_view(template_name="clinics/owner/login.html"), name="login"),
    path("klinik/logout/", auth_views.LogoutView.as_view(next_page="/klinik/login/"), name="logout"),
    path("klinik/", views.owner_home, name="owner_home"),
    path("klinik/<slug:slug>/rediger/", views.owner_edit, name="owner_edit"),
    path("klinik/<slug:slug>/anmeldelser/", views.owner_reviews, name="owner_reviews"),
    path("klinik/anmeldelse/<int:pk>/svar/", views.owner_reply, name="owner_reply"),
]
