import pytest

from secon.core.models import AuditEntry
from secon.demo import events as demo_events
from secon.demo.loader import load_demo
from secon.events.models import Attendance, Event, Registration, Session, Signup

pytestmark = pytest.mark.django_db


def counts():
    models = (Event, Session, Session.practices.through, Registration, Signup, Attendance)
    return {model.__name__: model.objects.count() for model in models}


def test_demo_has_the_caceres_meeting_kick_off_and_a_coming_event_and_loads_twice_unchanged(demo):
    project = demo
    caceres = Event.objects.get(project=project, slug="caceres-2024")
    assert (caceres.start_date.isoformat(), caceres.end_date.isoformat()) == ("2024-10-22", "2024-10-25")
    assert caceres.time_zone == "Europe/Madrid"
    assert caceres.host_organisation.slug == "junta-de-extremadura"
    assert "illustrative" in caceres.description["en"]
    visits = caceres.sessions.filter(kind="study_visit")
    assert sorted(visit.capacity for visit in visits) == [15, 18, 20]
    surgery = visits.get(visited_organisations__slug="ccmiju")
    assert surgery.signups.filter(status="confirmed").count() == 18
    assert surgery.signups.filter(status="waiting").count() == 2
    committee = caceres.sessions.filter(kind="steering_committee").first()
    assert committee.presenting_organisations.get().slug == "region-of-peloponnese"
    assert caceres.sessions.filter(presenting_organisations__slug="kmop").exists()
    assert caceres.registrations.count() >= 30
    assert Attendance.objects.filter(registration__event=caceres).count() > 100
    assert Event.objects.filter(project=project, slug="kalamata-2023", start_date="2023-05-24").exists()
    seminar = Event.objects.get(project=project, slug="harghita-seminar-2027")
    assert seminar.status == "published" and seminar.registration_closes_at

    linked = {
        session.title["en"]: [practice.main_institution.slug for practice in session.practices.all()]
        for session in caceres.sessions.filter(practices__isnull=False).distinct()
    }
    assert linked == {
        "REMUDARTE: work integration through textile reuse": ["remudarte"],
        "PLACEAT: jobs and services with people with intellectual disabilities": ["placeat"],
        "ACTYVA: a cooperative for sustainable local business": ["actyva"],
        "Study visit: Cooprado's shepherd school": ["fundacion-cooprado"],
    }
    assert all(
        practice.is_public for session in caceres.sessions.all() for practice in session.practices.all()
    )

    before, log = counts(), AuditEntry.objects.count()
    load_demo()
    demo_events.load(project=project)
    assert counts() == before
    assert AuditEntry.objects.count() == log
