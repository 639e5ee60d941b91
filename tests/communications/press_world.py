"""A small Cáceres meeting built through the services: host, partners in two countries, a practice
presented, a study visit, an expert talk, the steering committee, and names in German, Spanish, Greek."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from secon.communications.services.names import set_name_form
from secon.core.permissions import SYSTEM
from secon.events.models import Attendance, Registration
from secon.events.services.agenda import add_session, create_event
from secon.organisations.services import add_partner, create_organisation, set_region_names
from secon.projects.services import create_project
from tests.factories import RegionFactory
from tests.practices.factories import GoodPracticeFactory


@dataclass
class PressWorld:
    project: object
    event: object
    host: object
    lead: object
    visited: object
    university: object
    remudarte: object


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    import zoneinfo

    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo("Europe/Madrid"))


NAMES = {
    "host": {
        "de": ("f", "die Generaldirektion für Genossenschaften und Sozialwirtschaft"),
        "es": ("f", "la Dirección General de Cooperativas y Economía Social"),
        "el": ("f", "η Γενική Διεύθυνση Συνεταιρισμών", {"gen": "της Γενικής Διεύθυνσης Συνεταιρισμών"}),
    },
    "lead": {
        "de": ("f", "die Region Peloponnes"),
        "es": ("f", "la Región del Peloponeso"),
        "el": ("f", "η Περιφέρεια Πελοποννήσου", {"gen": "της Περιφέρειας Πελοποννήσου"}),
    },
    "visited": {
        "de": ("n", "das Jesús-Usón-Zentrum für minimalinvasive Chirurgie"),
        "es": ("m", "el Centro de Cirugía de Mínima Invasión Jesús Usón"),
        "el": ("n", "το Κέντρο Ελάχιστα Επεμβατικής Χειρουργικής Jesús Usón"),
    },
    "university": {
        "de": ("f", "die Universität Extremadura"),
        "es": ("f", "la Universidad de Extremadura"),
        "el": ("n", "το Πανεπιστήμιο της Εξτρεμαδούρας", {"gen": "του Πανεπιστημίου της Εξτρεμαδούρας"}),
    },
}


def build_press_world(*, start: datetime.date = datetime.date(2024, 10, 22), host: bool = True) -> PressWorld:
    project = create_project(
        actor=None,
        slug="secon",
        acronym="SECON",
        title={"en": "Social economy"},
        summary={"en": "Ten partners improve policies.", "de": "Zehn Partner verbessern Politiken."},
        programme="Interreg Europe 2021-2027",
        start_date=datetime.date(2023, 3, 1),
        end_date=datetime.date(2027, 5, 31),
        content_languages=["en", "de", "es", "el"],
        website="https://www.interregeurope.eu/secon",
    )
    extremadura = RegionFactory(code="ES43", level=2, name="Extremadura", country_code="ES")
    peloponnese = RegionFactory(code="EL65", level=2, name="Πελοπόννησος", country_code="EL")
    set_region_names(region=peloponnese, names={"de": "Peloponnes", "es": "Peloponeso", "en": "Peloponnese"})
    organisations = {
        key: create_organisation(actor=SYSTEM, name=name, kind="public_authority")
        for key, name in [
            ("host", "Junta de Extremadura"),
            ("lead", "Region of Peloponnese"),
            ("visited", "Jesús Usón Centre"),
            ("university", "Universidad de Extremadura"),
            ("remudarte", "REMUDARTE"),
        ]
    }
    add_partner(
        actor=SYSTEM,
        project=project,
        organisation=organisations["lead"],
        regions=[peloponnese],
        number=1,
        role="lead",
    )
    host_partner = add_partner(
        actor=SYSTEM,
        project=project,
        organisation=organisations["host"],
        regions=[extremadura],
        number=2,
        role="partner",
    )
    for key, languages in NAMES.items():
        for language, (gender, nominative, *rest) in languages.items():
            set_name_form(
                actor=SYSTEM,
                organisation=organisations[key],
                language=language,
                gender=gender,
                forms={"nom": nominative, **(rest[0] if rest else {})},
            )
    event = create_event(
        actor=SYSTEM,
        project=project,
        slug="caceres-2024",
        kind="project_meeting",
        title={"en": "SECON meeting in Cáceres"},
        start_date=start,
        end_date=start + datetime.timedelta(days=3),
        time_zone="Europe/Madrid",
        city="Cáceres",
        country="ES",
        status="published",
        host_partner=host_partner if host else None,
        host_organisation=organisations["host"] if host else None,
    )
    practice = GoodPracticeFactory(
        project=project,
        title={"en": "REMUDARTE: textile reuse"},
        status="approved",
        published_at=timezone.now(),
    )
    sessions = [
        (
            "presentation",
            {
                "en": "REMUDARTE: work integration through textile reuse",
                "de": "REMUDARTE: Arbeitsintegration durch Textilwiederverwendung",
                "es": "REMUDARTE: inserción laboral a través de la reutilización textil",
                "el": "REMUDARTE: ένταξη στην εργασία μέσω επαναχρησιμοποίησης υφασμάτων",
            },
            ["remudarte"],
            [],
            [practice],
        ),
        (
            "expert_session",
            {
                "en": "The social economy's role in Extremadura",
                "de": "Die Rolle der Sozialwirtschaft in der Extremadura",
                "es": "El papel de la economía social en Extremadura",
                "el": "Ο ρόλος της κοινωνικής οικονομίας στην Εξτρεμαδούρα",
            },
            ["university"],
            [],
            [],
        ),
        (
            "study_visit",
            {
                "en": "Study visit: Jesús Usón Centre",
                "de": "Studienbesuch: Jesús-Usón-Zentrum",
                "es": "Visita de estudio: Centro Jesús Usón",
                "el": "Επίσκεψη: Κέντρο Jesús Usón",
            },
            [],
            ["visited"],
            [],
        ),
        (
            "steering_committee",
            {
                "en": "Steering committee",
                "de": "Lenkungsausschuss",
                "es": "Comité de dirección",
                "el": "Διευθύνουσα επιτροπή",
            },
            ["lead"],
            [],
            [],
        ),
    ]
    for hour, (kind, title, presenters, visited, practices) in enumerate(sessions, start=9):
        add_session(
            actor=SYSTEM,
            event=event,
            kind=kind,
            title=title,
            starts_at=_at(start, hour),
            ends_at=_at(start, hour + 1),
            presenting_organisations=[organisations[key] for key in presenters],
            visited_organisations=[organisations[key] for key in visited],
            practices=practices,
        )
    return PressWorld(
        project,
        event,
        organisations["host"],
        organisations["lead"],
        organisations["visited"],
        organisations["university"],
        organisations["remudarte"],
    )


def attend(world: PressWorld, count: int) -> None:
    """Record ``count`` participants of the lead partner's delegation as checked in on the first day."""
    from secon.organisations.models import Partner
    from secon.organisations.services import create_person

    partner = Partner.objects.get(project=world.project, organisation=world.lead)
    for n in range(count):
        person = create_person(
            actor=SYSTEM, first_name="Eleni", last_name=f"Georgiou {n}", email=f"p{n}@example.org"
        )
        registration = Registration.objects.create(
            project=world.project, event=world.event, person=person, partner=partner, status="confirmed"
        )
        Attendance.objects.create(
            project=world.project,
            registration=registration,
            day=world.event.start_date,
            checked_in_at=_at(world.event.start_date, 9),
        )
