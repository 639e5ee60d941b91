"""The indicators computed from the records: each with its code, name, unit and counting rule.

A counting rule is a selector: one query returns the dated rows of every record that counts for the
project up to a day, ``(record id, date, partner id)``; the period table (:mod:`.computation`)
shares them out over the periods. A record that counts for several partners (a person who came
with two delegations) has a row for each; the project counts it once, on its earliest date.
A second selector lists the records behind a figure (the auditor's "which 37 people?"), one query
for a page of ids. Adding an indicator is adding one :class:`Indicator` to :data:`INDICATORS`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, Min, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.events.enums import EventKind, EventStatus
from secon.events.models import Attendance, Event, Registration
from secon.indicators.enums import Unit
from secon.organisations.models import Organisation
from secon.policy.enums import ActionStatus, InstrumentStatus
from secon.policy.models import PolicyInstrument
from secon.policy.plan_models import Action
from secon.practices.enums import PUBLIC_STATUSES
from secon.practices.models import GoodPractice
from secon.practices.selectors.practices import project_practices
from secon.projects.models import Project

Row = tuple[int, datetime.date, int | None]

#: Events between the partner regions (a regional stakeholder group's meeting is not one).
INTERREGIONAL = tuple(kind for kind in EventKind.values if kind != EventKind.STAKEHOLDER_GROUP)
#: Events at which people learn from the other regions: their participants gain capacity.
LEARNING = (EventKind.PROJECT_MEETING, EventKind.THEMATIC_SEMINAR, EventKind.STUDY_VISIT, EventKind.WEBINAR)
#: Policy instruments whose change is adopted (with evidence) or already validated.
IMPROVED = (InstrumentStatus.ADOPTED, InstrumentStatus.VALIDATED)


@dataclass(frozen=True)
class Column:
    label: str
    key: str
    kind: str = "text"  # "text", "date", "link"


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    rule: str
    rows: Callable[..., list[Row]]
    records: Callable[[list[int]], list[dict]]
    columns: tuple[Column, ...]
    eu_code: str = ""


def _attended() -> Exists:
    return Exists(Attendance.objects.filter(registration=OuterRef("pk")))


# --- participations --------------------------------------------------------------------------


def participation_rows(*, project: Project, until: datetime.date, partners_of: dict) -> list[Row]:
    """A participation: one person at one interregional event, proved by an attendance record."""
    found = Registration.objects.filter(
        project=project,
        event__kind__in=INTERREGIONAL,
        event__start_date__lte=until,
    ).exclude(event__status=EventStatus.CANCELLED)
    return list(found.filter(_attended()).values_list("pk", "event__start_date", "partner_id"))


def participation_records(ids: list[int]) -> list[dict]:
    rows = (
        Registration.objects.filter(pk__in=ids)
        .select_related("person", "organisation", "event", "partner__organisation")
        .order_by("event__start_date", "person__sort_key", "pk")
    )
    return [
        {
            "pk": registration.pk,
            "name": f"{registration.person.first_name} {registration.person.last_name}",
            "organisation": str(registration.organisation or registration.organisation_name or ""),
            "event": registration.event.title,
            "date": registration.event.start_date,
            "partner": registration.partner.code if registration.partner else "",
        }
        for registration in rows
    ]


# --- people and organisations with increased capacity -----------------------------------------


def _learning_attendance(project: Project, until: datetime.date) -> QuerySet:
    return Attendance.objects.filter(
        project=project,
        registration__event__kind__in=LEARNING,
        registration__event__start_date__lte=until,
    ).exclude(registration__event__status=EventStatus.CANCELLED)


def people_rows(*, project: Project, until: datetime.date, partners_of: dict) -> list[Row]:
    """A person counts once, on the first learning event they attended."""
    found = (
        _learning_attendance(project, until)
        .values("registration__person", "registration__partner")
        .annotate(first=Min("registration__event__start_date"))
        .order_by()
    )
    return [(row["registration__person"], row["first"], row["registration__partner"]) for row in found]


def people_records(ids: list[int]) -> list[dict]:
    from secon.organisations.models import Person

    people = Person.objects.filter(pk__in=ids).select_related("organisation").order_by("sort_key", "pk")
    return [
        {
            "pk": person.pk,
            "name": f"{person.first_name} {person.last_name}",
            "organisation": str(person.organisation or ""),
        }
        for person in people
    ]


def organisation_rows(*, project: Project, until: datetime.date, partners_of: dict) -> list[Row]:
    """An organisation counts once, on its people's first learning event.

    The organisation is a record, never a typed name: the one the person represented at the event
    (stored on the registration when they registered and at their first check-in, not the person's
    organisation today), else that of the partner whose delegation they came with (a participant who
    typed only a name counts no organisation).
    """
    found = (
        _learning_attendance(project, until)
        .annotate(organisation=Coalesce("registration__organisation", "registration__partner__organisation"))
        .filter(organisation__isnull=False)
        .values("organisation", "registration__partner")
        .annotate(first=Min("registration__event__start_date"))
        .order_by()
    )
    return [(row["organisation"], row["first"], row["registration__partner"]) for row in found]


def organisation_records(ids: list[int]) -> list[dict]:
    organisations = (
        Organisation.objects.filter(pk__in=ids).select_related("region").order_by("sort_key", "pk")
    )
    return [
        {
            "pk": organisation.pk,
            "name": organisation.name,
            "kind": organisation.get_kind_display(),
            "region": organisation.region.code if organisation.region else "",
        }
        for organisation in organisations
    ]


# --- good practices ---------------------------------------------------------------------------


def practice_rows(*, project: Project, until: datetime.date, partners_of: dict) -> list[Row]:
    """Approved, linked to the project; dated by the period the secretariat counted it in, else approval."""
    found = (
        project_practices(project=project)
        .filter(status__in=PUBLIC_STATUSES)
        .values_list("pk", "published_at", "period__start_date", "organisation_id")
    )
    rows = []
    for pk, published_at, period_start, organisation in found:
        day = period_start or (timezone.localdate(published_at) if published_at else None)
        if day is not None and day <= until:
            rows.append((pk, day, partners_of.get(organisation)))
    return rows


def practice_records(ids: list[int]) -> list[dict]:
    practices = (
        GoodPractice.objects.filter(pk__in=ids)
        .select_related("organisation", "region")
        .order_by("-published_at", "pk")
    )
    return [
        {
            "pk": practice.pk,
            "title": practice.title,
            "organisation": str(practice.organisation or ""),
            "status": practice.get_status_display(),
            "date": timezone.localdate(practice.published_at) if practice.published_at else None,
        }
        for practice in practices
    ]


# --- policy instruments -----------------------------------------------------------------------


def instrument_rows(*, project: Project, until: datetime.date, partners_of: dict) -> list[Row]:
    """Changed for good: the change adopted with its evidence document, date and adopting body."""
    found = (
        PolicyInstrument.objects.filter(
            project=project, status__in=IMPROVED, adopted_on__isnull=False, adopted_on__lte=until
        )
        .exclude(evidence="")
        .exclude(adopted_by="")
    )
    return list(found.values_list("pk", "adopted_on", "partner_id"))


def instrument_records(ids: list[int]) -> list[dict]:
    instruments = (
        PolicyInstrument.objects.filter(pk__in=ids)
        .select_related("partner__organisation")
        .order_by("partner__number", "pk")
    )
    return [
        {
            "pk": instrument.pk,
            "name": instrument.name,
            "partner": instrument.partner.code,
            "status": instrument.get_status_display(),
            "date": instrument.adopted_on,
            "adopted_by": instrument.adopted_by,
        }
        for instrument in instruments
    ]


# --- action-plan actions -------------------------------------------------------------------------


def action_rows(*, project: Project, until: datetime.date, partners_of: dict) -> list[Row]:
    """An action of an action plan marked implemented, on the day it was implemented."""
    found = Action.objects.filter(
        project=project,
        status=ActionStatus.IMPLEMENTED,
        implemented_on__isnull=False,
        implemented_on__lte=until,
    )
    return list(found.values_list("pk", "implemented_on", "plan__partner_id"))


def action_records(ids: list[int]) -> list[dict]:
    actions = (
        Action.objects.filter(pk__in=ids)
        .select_related("plan__partner__organisation")
        .order_by("plan__partner__number", "implemented_on", "pk")
    )
    return [
        {
            "pk": action.pk,
            "partner": action.plan.partner.code,
            "plan": action.plan.title,
            "title": action.title,
            "date": action.implemented_on,
        }
        for action in actions
    ]


# --- stakeholder-group meetings ---------------------------------------------------------------


def meeting_rows(*, project: Project, until: datetime.date, partners_of: dict) -> list[Row]:
    """A meeting is held once published and begun (not draft, postponed or cancelled)."""
    until = min(until, timezone.localdate())
    found = Event.objects.filter(
        project=project,
        kind=EventKind.STAKEHOLDER_GROUP,
        status=EventStatus.PUBLISHED,
        start_date__lte=until,
    )
    return list(found.values_list("pk", "start_date", "host_partner_id"))


def meeting_records(ids: list[int]) -> list[dict]:
    events = Event.objects.filter(pk__in=ids).select_related("host_partner").order_by("start_date", "pk")
    return [
        {
            "pk": event.pk,
            "title": event.title,
            "date": event.start_date,
            "city": event.city,
            "partner": event.host_partner.code if event.host_partner else "",
        }
        for event in events
    ]


PERSON, ORGANISATION, DATE, PARTNER = _("Person"), _("Organisation"), _("Date"), _("Partner")
INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        code="participations",
        eu_code="RCO81",
        name=_("Participations in interregional events"),
        unit=Unit.PARTICIPATIONS,
        rule=_("One person at one interregional event, with at least one attendance record."),
        rows=participation_rows,
        records=participation_records,
        columns=(
            Column(PERSON, "name"),
            Column(ORGANISATION, "organisation"),
            Column(_("Event"), "event", "translated"),
            Column(DATE, "date", "date"),
            Column(PARTNER, "partner"),
        ),
    ),
    Indicator(
        code="people-capacity",
        name=_("People with increased professional capacity"),
        unit=Unit.PEOPLE,
        rule=_("Distinct people who attended a learning event (meeting, seminar, study visit, webinar)."),
        rows=people_rows,
        records=people_records,
        columns=(Column(PERSON, "name"), Column(ORGANISATION, "organisation")),
    ),
    Indicator(
        code="organisations-capacity",
        name=_("Organisations with increased institutional capacity"),
        unit=Unit.ORGANISATIONS,
        rule=_(
            "Distinct organisations (by their record: the one the person represented at the event, "
            "else their partner delegation's) whose people attended a learning event."
        ),
        rows=organisation_rows,
        records=organisation_records,
        columns=(Column(ORGANISATION, "name"), Column(_("Type"), "kind"), Column(_("Region"), "region")),
    ),
    Indicator(
        code="good-practices",
        name=_("Good practices identified"),
        unit=Unit.PRACTICES,
        rule=_("Practices linked to the project and approved, in the period they were approved or counted."),
        rows=practice_rows,
        records=practice_records,
        columns=(
            Column(_("Good practice"), "title", "translated"),
            Column(_("Documented by"), "organisation"),
            Column(_("Status"), "status"),
            Column(_("Approved"), "date", "date"),
        ),
    ),
    Indicator(
        code="instruments-improved",
        name=_("Policy instruments improved"),
        unit=Unit.INSTRUMENTS,
        rule=_("Instruments whose change is adopted with evidence (document, date, adopting body)."),
        rows=instrument_rows,
        records=instrument_records,
        columns=(
            Column(PARTNER, "partner"),
            Column(_("Policy instrument"), "name", "translated"),
            Column(_("Status"), "status"),
            Column(_("Adopted on"), "date", "date"),
            Column(_("Adopting body"), "adopted_by"),
        ),
    ),
    Indicator(
        code="actions-implemented",
        name=_("Action-plan actions implemented"),
        unit=Unit.ACTIONS,
        rule=_("Actions of the partners' action plans marked implemented, on the day they were."),
        rows=action_rows,
        records=action_records,
        columns=(
            Column(PARTNER, "partner"),
            Column(_("Action plan"), "plan"),
            Column(_("Action"), "title"),
            Column(_("Implemented on"), "date", "date"),
        ),
    ),
    Indicator(
        code="stakeholder-meetings",
        name=_("Stakeholder-group meetings held"),
        unit=Unit.MEETINGS,
        rule=_("Published regional stakeholder-group meetings that have taken place."),
        rows=meeting_rows,
        records=meeting_records,
        columns=(
            Column(_("Meeting"), "title", "translated"),
            Column(DATE, "date", "date"),
            Column(_("City"), "city"),
            Column(_("Host partner"), "partner"),
        ),
    ),
)
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
