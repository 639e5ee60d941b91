from django.urls import path

from secon.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("<slug:project>/", views.project, name="project"),
    path("<slug:project>/partners/<slug:code>/", views.partner, name="partner"),
]
