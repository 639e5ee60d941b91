"""SECON's first four semesters of indicators: targets, the kick-off's attendance, stakeholder-group
meetings on the dates the partners published, one project indicator, periods 1–3 reported (locked).

Loaded through the services; idempotent (each record is looked for first, a locked period stays).
"""

import datetime
from decimal import Decimal

from secon.core.permissions import SYSTEM
from secon.demo.data import events as event_data
from secon.demo.data import indicators as data
from secon.events.models import Event, Registration
from secon.events.services import attendance, registrations
from secon.indicators import services
from secon.indicators.models import CustomIndicator, ManualValue, PeriodReport, Target
from secon.organisations.models import Partner
from secon.policy import meetings
from secon.policy.models import PolicyInstrument
from secon.projects.models import Project
from secon.projects.tenancy import scopes_disabled


def load(*, project: Project) -> None:
    with scopes_disabled():  # the demo acts for the installation
        _kick_off_attendance(project)
        _stakeholder_meetings(project)
        _targets(project)
        _project_indicator(project)
        _periods(project)


def _kick_off_attendance(project: Project) -> None:
    """The partners' delegates at the Kalamata kick-off (two each, the first people of each delegation)."""
    event = Event.objects.filter(project=project, slug=event_data.KALAMATA["slug"]).first()
    if event is None:
        return
    partners = {partner.number: partner for partner in Partner.objects.filter(project=project)}
    seen: dict[int, int] = {}
    before = datetime.datetime(2023, 5, 1, 9, 0, tzinfo=datetime.UTC)
    for first, last, language, number, _organisation, _visit in event_data.CACERES_PEOPLE:
        if number is None or seen.get(number, 0) >= 2:
            continue
        seen[number] = seen.get(number, 0) + 1
        email = _email(first, last)
        registration = Registration.objects.filter(event=event, person__email=email).first()
        if registration is None:
            registration = registrations.register_participant(
                actor=SYSTEM,
                event=event,
                first_name=first,
                last_name=last,
                email=email,
                language=language,
                partner=partners.get(number),
                organisation_name=partners[number].organisation.name if number in partners else "",
                consents={"terms": True, "photos": False, "share_contact": True, "public_list": False},
                by_organiser=True,
                notify=False,
                address_proven=True,
                now=before,
            )
        for day in (event.start_date, event.end_date):
            moment = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=datetime.UTC)
            attendance.check_in(actor=SYSTEM, registration=registration, day=day, now=moment)


def _email(first: str, last: str) -> str:
    from secon.demo.events import _ascii

    return _ascii(f"{first}.{last}").lower().replace(" ", "") + "@example.org"


def _stakeholder_meetings(project: Project) -> None:
    for slug, day, city, title in data.MEETINGS:
        found = PolicyInstrument.objects.filter(project=project, partner__organisation__slug=slug)
        instrument = found.first()
        if instrument is None:
            continue
        exists = Event.objects.filter(
            project=project, kind="stakeholder_group", host_partner=instrument.partner, start_date=day
        ).exists()
        if not exists:
            meetings.schedule_meeting(
                actor=SYSTEM,
                instrument=instrument,
                title=title,
                start_date=day,
                time_zone=data.TIME_ZONES[slug],
                city=city,
                description=data.MEETING_NOTE,
            )


def _targets(project: Project) -> None:
    for code, value in data.TARGETS.items():
        if not Target.objects.filter(project=project, code=code).exists():
            services.set_target(actor=SYSTEM, project=project, code=code, value=Decimal(value))


def _project_indicator(project: Project) -> None:
    values = data.PROJECT_INDICATOR
    custom = CustomIndicator.objects.filter(project=project, code=values["code"]).first()
    if custom is None:
        custom = services.create_custom_indicator(
            actor=SYSTEM,
            project=project,
            code=values["code"],
            name=values["name"],
            unit=values["unit"],
            description=values["description"],
        )
        services.set_target(actor=SYSTEM, project=project, code=custom.code, value=Decimal(values["target"]))
    for number, value in values["values"].items():
        report = PeriodReport.objects.filter(project=project, number=number).first()
        if report is not None and report.figures_locked:
            continue
        if not ManualValue.objects.filter(indicator=custom, number=number).exists():
            services.set_manual_value(
                actor=SYSTEM, indicator=custom, number=number, value=Decimal(value), source=values["source"]
            )


def _periods(project: Project) -> None:
    for number, summary in data.SUMMARIES.items():
        report = PeriodReport.objects.filter(project=project, number=number).first()
        if report is None or (report.text_editable and report.summary != summary):
            services.update_summary(actor=SYSTEM, project=project, number=number, summary=summary)
    for number in data.REPORTED:
        report = PeriodReport.objects.get(project=project, number=number)
        if report.status == "open":
            report = services.move_period(actor=SYSTEM, project=project, number=number, to="review")
        if report.status == "review":
            services.move_period(actor=SYSTEM, project=project, number=number, to="reported")
