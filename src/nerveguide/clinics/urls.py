from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from nerveguide.clinics import views

app_name = "clinics"
urlpatterns = [
    path("find-fysioterapeut/", views.finder, name="finder"),
    path("find-fysioterapeut/saadan-sorterer-vi/", views.ranking_info, name="ranking_info"),
    path("find-fysioterapeut/anmeldelser/", views.review_policy, name="review_policy"),
    path("find-fysioterapeut/klinik/<slug:slug>/", views.clinic_detail, name="clinic"),
    path(
        "find-fysioterapeut/klinik/<slug:slug>/anmeld/", views.review_create, name="review_create"
    ),
    path(
        "find-fysioterapeut/klinik/<slug:slug>/anmeld/tak/",
        views.review_thanks,
        name="review_thanks",
    ),
    path(
        "find-fysioterapeut/anmeldelse/bekraeft/<str:token>/",
        views.review_confirm,
        name="review_confirm",
    ),
    path("find-fysioterapeut/anmeldelse/<int:pk>/anmeld/", views.review_flag, name="review_flag"),
    path(
        "klinik/login/",
        auth_views.LoginView.as_view(template_name="clinics/owner/login.html"),
        name="login",
    ),
    path(
        "klinik/logout/",
        auth_views.LogoutView.as_view(next_page=reverse_lazy("clinics:login")),
        name="logout",
    ),
    # Password reset by e-mail for clinic owners: Django's own views, our templates.
    path(
        "klinik/glemt-adgangskode/",
        auth_views.PasswordResetView.as_view(
            template_name="clinics/owner/password_reset_form.html",
            email_template_name="clinics/email/password_reset.txt",
            subject_template_name="clinics/email/password_reset_subject.txt",
            success_url=reverse_lazy("clinics:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "klinik/glemt-adgangskode/sendt/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="clinics/owner/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "klinik/ny-adgangskode/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="clinics/owner/password_reset_confirm.html",
            success_url=reverse_lazy("clinics:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "klinik/ny-adgangskode/faerdig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="clinics/owner/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("klinik/", views.owner_home, name="owner_home"),
    path("klinik/<slug:slug>/rediger/", views.owner_edit, name="owner_edit"),
    path("klinik/<slug:slug>/anmeldelser/", views.owner_reviews, name="owner_reviews"),
    path("klinik/anmeldelse/<int:pk>/svar/", views.owner_reply, name="owner_reply"),
]
