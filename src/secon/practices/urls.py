from django.urls import path

from secon.practices.views import concepts, exchange, exports, library, manage, transfers

app_name = "practices"
urlpatterns = [
    path("practices/", library.library, name="library"),
    path("practices/export.<str:fmt>", exports.export, name="export_all"),
    path("practices/concepts/", concepts.thesaurus, name="concepts"),
    path("practices/feed.jsonld", exchange.feed, name="feed"),
    path("<slug:project>/practices/feeds/", exchange.feeds, name="feeds"),
    path("<slug:project>/practices/", library.project_library, name="project_library"),
    path("<slug:project>/practices/export.<str:fmt>", exports.export, name="export"),
    path("<slug:project>/practices/<int:pk>/", library.detail, name="detail"),
    path("<slug:project>/practices/<int:pk>/pdf/", exports.practice_pdf, name="pdf"),
    path("<slug:project>/practices/<int:pk>/docx/", exports.practice_docx, name="docx"),
    path("<slug:project>/practices/<int:pk>/transfers/", transfers.record_transfer, name="transfer"),
    path("<slug:project>/practices/manage/", manage.manage, name="manage"),
    path("<slug:project>/practices/manage/new/", manage.create, name="create"),
    path("<slug:project>/practices/manage/<int:pk>/", manage.edit, name="edit"),
    path("<slug:project>/practices/manage/<int:pk>/workflow/", manage.transition, name="transition"),
    path("<slug:project>/practices/manage/<int:pk>/files/", manage.upload, name="upload"),
    path(
        "<slug:project>/practices/manage/<int:pk>/translation/", manage.translation_status, name="translation"
    ),
]
