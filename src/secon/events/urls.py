from django.urls import path

from secon.events import exports, organiser_views, views

app_name = "events"

event = "<slug:project>/events/<slug:event>/"
manage = event + "manage/"

urlpatterns = [
    path("events/", views.all_events, name="all"),
    path("<slug:project>/events/", views.project_events, name="list"),
    path("<slug:project>/events/new/", organiser_views.event_create, name="create"),
    path(event, views.event, name="event"),
    path(event + "register/", views.register, name="register"),
    path(event + "sessions/<int:session>/", views.session, name="session"),
    path(event + "sessions/<int:session>/calendar.ics", views.session_calendar, name="session_calendar"),
    path(event + "calendar.ics", views.event_calendar, name="calendar"),
    path(event + "schedule.xml", exports.frab_xml, name="frab_xml"),
    path(event + "schedule.json", exports.frab_json, name="frab_json"),
    path(event + "programme.pdf", exports.programme_pdf, name="programme_pdf"),
    path(event + "me/<str:token>/", views.registration, name="registration"),
    path(event + "me/<str:token>/agenda.ics", views.personal_calendar, name="personal_calendar"),
    path(event + "me/<str:token>/certificate.pdf", exports.own_certificate, name="own_certificate"),
    path(manage, organiser_views.agenda, name="manage"),
    path(manage + "edit/", organiser_views.event_edit, name="edit"),
    path(manage + "message/", organiser_views.message, name="message"),
    path(manage + "registrations/add/", organiser_views.registration_add, name="registration_add"),
    path(manage + "sessions/add/", organiser_views.session_form, name="session_add"),
    path(manage + "sessions/<int:session>/", organiser_views.session_form, name="session_edit"),
    path(manage + "registrations/", organiser_views.registrations, name="registrations"),
    path(
        manage + "registrations/<int:registration>/",
        organiser_views.registration_action,
        name="registration_action",
    ),
    path(manage + "registrations.csv", exports.participants_csv, name="participants_csv"),
    path(manage + "registrations.xlsx", exports.participants_xlsx, name="participants_xlsx"),
    path(manage + "check-in/", organiser_views.check_in, name="check_in"),
    path(manage + "attendance/<str:day>.pdf", exports.attendance_pdf, name="attendance_pdf"),
    path(
        manage + "registrations/<int:registration>/certificate.pdf",
        exports.certificate_pdf,
        name="certificate_pdf",
    ),
]
