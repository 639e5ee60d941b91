from django.urls import path

from secon.governance.views import (
    actions,
    agenda,
    committee,
    decisions,
    meetings,
    minutes,
    procedures,
    running,
    votes,
)

app_name = "governance"

base = "<slug:project>/committee/"
one = base + "<slug:committee>/"
meeting = one + "meetings/<int:number>/"

urlpatterns = [
    path(base, committee.index, name="index"),
    path(base + "new/", committee.create, name="create"),
    path(one, committee.home, name="home"),
    path(one + "settings/", committee.settings, name="settings"),
    path(one + "seats/", committee.seats, name="seats"),
    path(one + "seats/<int:seat>/", committee.seat, name="seat"),
    path(one + "meetings/new/", meetings.create, name="meeting_create"),
    path(meeting, meetings.detail, name="meeting"),
    path(meeting + "edit/", meetings.edit, name="meeting_edit"),
    path(meeting + "meeting.ics", meetings.calendar, name="meeting_calendar"),
    path(meeting + "agenda.pdf", meetings.agenda_pdf, name="agenda_pdf"),
    path(meeting + "run/", running.run, name="run"),
    path(meeting + "decisions/add/", decisions.record, name="decision_add"),
    path(meeting + "quorum.json", running.quorum, name="quorum"),
    path(meeting + "minutes/", minutes.detail, name="minutes"),
    path(meeting + "minutes/edit/", minutes.edit, name="minutes_edit"),
    path(meeting + "minutes/versions/", minutes.versions, name="minutes_versions"),
    path(meeting + "minutes.pdf", minutes.pdf, name="minutes_pdf"),
    path(meeting + "<slug:action>/", meetings.transition, name="meeting_transition"),
    path(meeting + "items/add/", agenda.item_add, name="item_add"),
    path(meeting + "items/<int:item>/", agenda.item_edit, name="item_edit"),
    path(meeting + "items/<int:item>/papers/add/", agenda.paper_add, name="paper_add"),
    path(meeting + "papers/<int:paper>/", agenda.paper_replace, name="paper_replace"),
    path(one + "papers/<int:paper>/download/", meetings.paper, name="paper"),
    path(one + "votes/<int:vote>/", votes.detail, name="vote"),
    path(one + "procedures/", procedures.index, name="procedures"),
    path(one + "procedures/new/", procedures.create, name="procedure_create"),
    path(one + "procedures/<int:pk>/", procedures.detail, name="procedure"),
    path(one + "decisions/", decisions.register, name="decisions"),
    path(one + "actions/", actions.index, name="actions"),
    path(one + "actions/<int:action>/", actions.update, name="action_update"),
    path(one + "decisions.<str:kind>", decisions.export, name="decisions_export"),
    path(one + "decisions/<str:number>/", decisions.detail, name="decision"),
    path(one + "public/decisions/", decisions.public_register, name="public_decisions"),
    path(one + "public/minutes/<int:number>.pdf", minutes.public_pdf, name="public_minutes_pdf"),
    path(one + "votes/<int:vote>/ballot/", votes.ballot, name="ballot"),
]
