from django.urls import include, path

from secon.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    # Apps with public pages of their own mount here; their URLs sit under /<lang>/<project>/….
    path("", include("secon.practices.urls")),
    path("", include("secon.events.urls")),
    path("<slug:project>/", views.project, name="project"),
    path("<slug:project>/partners/<slug:code>/", views.partner, name="partner"),
]
