from django.urls import path

from secon.practices import views

app_name = "practices"
urlpatterns = [
    path("practices/", views.library, name="library"),
    path("practices/export.<str:fmt>", views.export, name="export_all"),
    path("<slug:project>/practices/", views.project_library, name="project_library"),
    path("<slug:project>/practices/export.<str:fmt>", views.export, name="export"),
    path("<slug:project>/practices/<int:pk>/", views.detail, name="detail"),
    path("<slug:project>/practices/<int:pk>/pdf/", views.practice_pdf, name="pdf"),
    path("<slug:project>/practices/<int:pk>/docx/", views.practice_docx, name="docx"),
    path("<slug:project>/practices/<int:pk>/transfers/", views.record_transfer, name="transfer"),
    path("<slug:project>/practices/manage/", views.manage, name="manage"),
    path("<slug:project>/practices/manage/new/", views.create, name="create"),
    path("<slug:project>/practices/manage/<int:pk>/", views.edit, name="edit"),
    path("<slug:project>/practices/manage/<int:pk>/workflow/", views.transition, name="transition"),
    path("<slug:project>/practices/manage/<int:pk>/files/", views.upload, name="upload"),
    path(
        "<slug:project>/practices/manage/<int:pk>/translation/", views.translation_status, name="translation"
    ),
]
