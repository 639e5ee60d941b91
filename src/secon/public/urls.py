from django.urls import path

from secon.public import my_data, privacy, signed_in, views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("home/", signed_in.dashboard, name="dashboard"),
    path("home/profile/", signed_in.profile, name="profile"),
    path("home/profile/my-data/", my_data.request_download, name="my_data"),
    path("home/profile/privacy/", my_data.answer_notice, name="answer_notice"),
    path("home/profile/erase/", my_data.erase, name="erase_account"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("<slug:project>/", views.project, name="project"),
    path("<slug:project>/organisations.<str:fmt>", views.partner_organisations, name="organisations"),
    path("<slug:project>/partners/<slug:code>/", views.partner, name="partner"),
    path("<slug:project>/members/", signed_in.members, name="members"),
    path("<slug:project>/privacy/", privacy.privacy, name="privacy"),
    path("<slug:project>/privacy/edit/", privacy.privacy_edit, name="privacy_edit"),
    path("<slug:project>/privacy/<int:number>/", privacy.privacy_version, name="privacy_version"),
    path("<slug:project>/privacy/agree/<str:token>/", privacy.privacy_agree, name="privacy_agree"),
    path(
        "<slug:project>/events/<slug:event>/me/<str:token>/account/",
        signed_in.account_from_registration,
        name="account_from_registration",
    ),
]
