"""Account pages under /<language>/accounts/: ours first, then django-allauth's (sign-in, e-mail,
password, two-factor). Their URL names are allauth's (``account_login`` …) and ``account_invitation``."""

from django.urls import include, path, re_path

from secon.accounts import views

urlpatterns = [
    path("signup/", views.SignupView.as_view(), name="account_signup"),
    re_path(
        r"^confirm-email/(?P<key>[-:\w]+)/$", views.ConfirmEmailView.as_view(), name="account_confirm_email"
    ),
    path("invitation/<str:token>/", views.invitation, name="account_invitation"),
    path("", include("allauth.account.urls")),
    path("2fa/", include("allauth.mfa.urls")),
]
