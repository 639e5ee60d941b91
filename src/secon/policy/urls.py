from django.urls import path

from secon.policy import views

app_name = "policy"

base = "<slug:project>/policy/"

urlpatterns = [
    path(base, views.index, name="index"),
    path(base + "new/", views.create, name="create"),
    path(base + "<int:pk>/", views.detail, name="instrument"),
    path(base + "<int:pk>/edit/", views.edit, name="edit"),
    path(base + "<int:pk>/status/", views.transition, name="transition"),
    path(base + "<int:pk>/stakeholders/", views.stakeholders, name="stakeholders"),
    path(base + "public/", views.public_index, name="public"),
]
