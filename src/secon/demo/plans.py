"""Load the demo's action plans and stakeholder-group meetings through the services (idempotent:
nothing is loaded again once the project has an action plan)."""

import datetime
import unicodedata

from secon.core.permissions import SYSTEM
from secon.demo.data import plans as data
from secon.events.services import attendance, registrations
from secon.organisations.models import Organisation, Person
from secon.organisations.services import create_organisation, create_person, update_person
from secon.policy import actions, meetings, plans, stakeholders
from secon.policy.models import ActionPlan, PolicyInstrument, StakeholderMember
from secon.practices.models import Transfer
from secon.practices.selectors.practices import project_practices
from secon.projects.models import Project


def _email(first: str, last: str) -> str:
    text = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    return text.lower().replace(" ", "") + "@example.org"


def load(*, project: Project) -> None:
    """Load the plans and two group meetings (the demo runs unscoped, see ``policy.load``)."""
    if ActionPlan.objects.filter(project=project).exists():
        return
    instruments = {
        i.partner.organisation.slug: i
        for i in PolicyInstrument.objects.filter(project=project).select_related("partner__organisation")
    }
    practices = {
        p.main_institution.slug: p
        for p in project_practices(project=project)
        .filter(main_institution__isnull=False)
        .select_related("main_institution")
    }
    _harghita_group(instruments["harghita-county-council"])
    for spec in data.PLANS:
        _plan(project, instruments, practices, spec)
    for slug, spec in data.MEETINGS.items():
        _meeting(instruments[slug], spec)


def _harghita_group(instrument: PolicyInstrument) -> None:
    if StakeholderMember.objects.filter(instrument=instrument).exists():
        return
    for slug, name, role in data.HARGHITA_GROUP:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            organisation = create_organisation(
                actor=SYSTEM, slug=slug, name=name, kind="cooperative", city="Harghita"
            )
        stakeholders.add_member(actor=SYSTEM, instrument=instrument, organisation=organisation, role=role)


def _plan(project: Project, instruments: dict, practices: dict, spec: dict) -> ActionPlan:
    instrument = instruments[spec["partner"]]
    plan = plans.create_plan(
        actor=SYSTEM, instrument=instrument, title=spec["title"], summary=spec["summary"]
    )
    organisations = Organisation.objects.in_bulk(
        [slug for a in spec["actions"] for slug, _name, _role in a["players"] if slug], field_name="slug"
    )
    created = []
    for values in spec["actions"]:
        players = [
            {"organisation": organisations.get(slug), "name": name, "role": role}
            for slug, name, role in values["players"]
        ]
        funding = [
            {"instrument": instruments.get(slug) if slug else None, "source": source, "amount": amount}
            for slug, source, amount in values["funding"]
        ]
        action = actions.add_action(
            actor=SYSTEM,
            plan=plan,
            title=values["title"],
            rationale=values["rationale"],
            start_month=values["start_month"],
            end_month=values["end_month"],
            cost=values["cost"],
            practice_ids=[practices[slug].pk for slug in values["practices"] if slug in practices],
            players=players,
            funding=funding,
        )
        if values.get("transfer") in practices:
            transfer = Transfer.objects.filter(
                practice=practices[values["transfer"]], partner=instrument.partner
            ).first()
            if transfer is not None:
                actions.link_transfer(actor=SYSTEM, action=action, transfer=transfer)
        created.append((action, values))
    if spec["submit"]:
        plans.submit_plan(actor=SYSTEM, plan=plan)
    if spec["approve"]:
        plans.approve_plan(actor=SYSTEM, plan=plan)
    for action, values in created:
        for status, text, date in values["progress"]:
            actions.record_progress(
                actor=SYSTEM, action=action, text=f"{text} ({data.NOTE})", status=status, implemented_on=date
            )
    return plan


def _person(first: str, last: str, organisation: Organisation) -> Person:
    email = _email(first, last)
    person = Person.objects.filter(email=email).first()
    if person is None:
        return create_person(
            actor=SYSTEM, first_name=first, last_name=last, email=email, organisation=organisation
        )
    if person.organisation_id is None:
        person = update_person(actor=SYSTEM, person=person, organisation=organisation)
    return person


def _meeting(instrument: PolicyInstrument, spec: dict) -> None:
    meeting = meetings.schedule_meeting(
        actor=SYSTEM,
        instrument=instrument,
        title=spec["title"],
        start_date=spec["date"],
        time_zone=spec["time_zone"],
        city=spec["city"],
        country=spec["country"],
    )
    event = meeting.event
    organisations = Organisation.objects.in_bulk(
        [slug for *_n, slug, _a in spec["people"]], field_name="slug"
    )
    when = datetime.datetime.combine(spec["date"], datetime.time(9, 30), tzinfo=event.zone)
    for first, last, slug, attended in spec["people"]:
        person = _person(first, last, organisations[slug])
        registration = registrations.register_participant(
            actor=SYSTEM,
            event=event,
            first_name=first,
            last_name=last,
            email=person.email,
            language="en",
            organisation_name=organisations[slug].name,
            consents={"terms": True, "photos": False, "share_contact": True, "public_list": False},
            by_organiser=True,
            notify=False,
            address_proven=True,
            now=when - datetime.timedelta(days=14),
        )
        if attended:
            attendance.check_in(actor=SYSTEM, registration=registration, day=spec["date"], now=when)
