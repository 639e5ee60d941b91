from django.urls import path

from secon.mail import views

app_name = "mail"
urlpatterns = [
    path("<slug:project>/emails/undelivered/", views.undelivered, name="undelivered"),
    path("<slug:project>/emails/undelivered/again/", views.send_all_again, name="send_all_again"),
    path("<slug:project>/emails/<int:email>/again/", views.send_again, name="send_again"),
    path("<slug:project>/emails/suppressed/", views.suppressed, name="suppressed"),
    path("<slug:project>/emails/suppressed/<int:suppression>/lift/", views.lift, name="lift"),
]
