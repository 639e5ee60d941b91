from django.urls import path

from secon.events.views import exports, holds, imports, organiser, personal_data, personal_links, public

app_name = "events"

event = "<slug:project>/events/<slug:event>/"
manage = event + "manage/"

urlpatterns = [
    path("events/", public.all_events, name="all"),
    path("events/personal-link/", personal_links.personal_links, name="personal_links"),
    path("events/my-data/<str:key>/", personal_data.download, name="data_export"),
    path("<slug:project>/events/", public.project_events, name="list"),
    path("<slug:project>/events/new/", organiser.event_create, name="create"),
    path("<slug:project>/imports/", imports.import_page, name="imports"),
    path(event, public.event, name="event"),
    path(event + "register/", public.register, name="register"),
    path(event + "register/check-your-email/", holds.held, name="held"),
    path(event + "register/confirm/<str:key>/", holds.confirm_hold, name="confirm_hold"),
    path(event + "sessions/<int:session>/", public.session, name="session"),
    path(event + "sessions/<int:session>/calendar.ics", exports.session_calendar, name="session_calendar"),
    path(event + "calendar.ics", exports.event_calendar, name="calendar"),
    path(event + "schedule.xml", exports.frab_xml, name="frab_xml"),
    path(event + "schedule.json", exports.frab_json, name="frab_json"),
    path(event + "programme.pdf", exports.programme_pdf, name="programme_pdf"),
    path(event + "me/<str:token>/", public.registration, name="registration"),
    path(event + "me/<str:token>/agenda.ics", exports.personal_calendar, name="personal_calendar"),
    path(event + "me/<str:token>/certificate.pdf", exports.own_certificate, name="own_certificate"),
    path(manage, organiser.agenda, name="manage"),
    path(manage + "edit/", organiser.event_edit, name="edit"),
    path(manage + "message/", organiser.message, name="message"),
    path(manage + "registrations/add/", organiser.registration_add, name="registration_add"),
    path(manage + "sessions/add/", organiser.session_form, name="session_add"),
    path(manage + "sessions/<int:session>/", organiser.session_form, name="session_edit"),
    path(manage + "registrations/", organiser.registrations, name="registrations"),
    path(
        manage + "registrations/<int:registration>/",
        organiser.registration_action,
        name="registration_action",
    ),
    path(manage + "registrations.csv", exports.participants_csv, name="participants_csv"),
    path(manage + "registrations.xlsx", exports.participants_xlsx, name="participants_xlsx"),
    path(manage + "check-in/", organiser.check_in, name="check_in"),
    path(manage + "attendance/<str:day>.pdf", exports.attendance_pdf, name="attendance_pdf"),
    path(
        manage + "registrations/<int:registration>/certificate.pdf",
        exports.certificate_pdf,
        name="certificate_pdf",
    ),
]
