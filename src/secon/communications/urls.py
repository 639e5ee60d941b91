from django.urls import path

from secon.communications.views import attachments, feeds, look, manage, names, newsletter, press, public

app_name = "communications"

news = "<slug:project>/news/"
article = news + "<slug:article>/"
manage_root = "<slug:project>/communications/"
manage_article = manage_root + "articles/<int:pk>/"

urlpatterns = [
    path("news/atom.xml", feeds.atom, name="all_atom"),
    path("news/feed.json", feeds.json_feed, name="all_json"),
    path(news + "atom.xml", feeds.atom, name="atom"),
    path(news + "feed.json", feeds.json_feed, name="json"),
    path("<slug:project>/events/calendar.ics", feeds.events_calendar, name="events_calendar"),
    path("<slug:project>/newsletter/", newsletter.subscribe, name="subscribe"),
    path("<slug:project>/newsletter/confirm/<str:token>/", newsletter.confirm, name="confirm"),
    path("<slug:project>/newsletter/unsubscribe/<str:token>/", newsletter.unsubscribe, name="unsubscribe"),
    path("<slug:project>/newsletter/agree/<str:token>/", newsletter.agree_again, name="agree_again"),
    path("<slug:project>/look.css", look.look_css, name="look_css"),
    path(news, public.news, name="news"),
    path(article, public.article, name="article"),
    path(article + "images/<int:image>/", public.image, name="image"),
    path(article + "press-release.pdf", feeds.press_pdf, name="pdf"),
    path(article + "<str:language>/", public.article_in, name="article_in"),
    path(manage_root, manage.matrix, name="matrix"),
    path(manage_root + "articles/new/", manage.article_create, name="article_create"),
    path(manage_root + "look/", look.edit, name="look"),
    path(manage_root + "press-releases/", press.events, name="press_events"),
    path(manage_root + "names/<int:organisation>/<str:language>/", names.edit, name="name_form"),
    path(manage_root + "newsletters/", newsletter.campaigns, name="campaigns"),
    path(manage_root + "newsletters/<int:pk>/", newsletter.campaign, name="campaign"),
    path(manage_article, manage.article, name="article_manage"),
    path(manage_article + "images/", manage.image_add, name="image_add"),
    path(manage_article + "images/<int:image>/remove/", manage.image_remove, name="image_remove"),
    path(manage_article + "<str:language>/", manage.version, name="version"),
    path(manage_article + "<str:language>/documents/", attachments.add, name="attachment_add"),
    path(
        manage_article + "<str:language>/documents/<int:attachment>/remove/",
        attachments.remove,
        name="attachment_remove",
    ),
]
