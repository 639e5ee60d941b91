"""The demo tells SECON's past: its records carry the dates of that story, not the day it was loaded.

The services stamp records with the moment they run (documented, submitted, approved, locked);
the demo then moves those stamps of its own records to when the story has them happen:

- practices documented from March 2024 and approved from July 2024 (period 3), before the
  Cáceres meeting of October 2024 that presented them: run before the periods are reported, so
  period 3 counts them and their timelines show where;
- registrations two weeks before their event, stakeholder-group meetings recorded a month before;
- instruments identified in the first semester (April 2023), addressed in September 2023, a
  change proposed in December 2024, adopted two days after its adoption date, validated a month on;
- action plans written after Cáceres (November 2024), submitted in January and approved in
  February 2025; progress noted on the day an action was implemented;
- periods put under review five weeks after they end and reported a week later.

Only timestamps nobody types are moved (with ``update``, since the services stamp "now"); the
dates people enter (events, transfers, adoption, implementation) come from the demo data. Every
function is idempotent: running it again sets the same dates.
"""

import datetime

from django.db.models import Min
from django.utils import timezone

from secon.events.models import Event, Registration
from secon.indicators.models import (
    CustomIndicator,
    LockedFigure,
    ManualValue,
    PeriodReport,
    PeriodStep,
    Target,
)
from secon.policy.models import PolicyInstrument, StakeholderMember, StatusChange
from secon.policy.plan_models import (
    Action,
    ActionPlan,
    ActionTransfer,
    PlanVersion,
    ProgressNote,
    StakeholderMeeting,
)
from secon.practices.models import GoodPractice, IndexedPractice, Transfer, TransferStep, WorkflowStep
from secon.practices.selectors.practices import project_practices
from secon.projects.models import Project

D = datetime.date
#: The first practice documented; the next ones a fortnight apart.
DOCUMENTED_FROM = D(2024, 3, 4)
#: The practices approved from then (period 3), a day apart, before the Cáceres meeting.
APPROVED_FROM = D(2024, 7, 1)
#: Days from the previous workflow step (the approval: see APPROVED_FROM).
STEP_DAYS = {"submit": 10, "request_info": 12, "count": 40, "select": 20, "reject": 14}
#: An instrument's status changes, by the status reached.
STATUS_ON = {"addressed": D(2023, 9, 15), "proposed": D(2024, 12, 10), "not_improved": D(2025, 1, 15)}
INSTRUMENTS_FROM = D(2023, 4, 20)
PLANS_FROM = D(2024, 11, 18)
SUBMITTED_ON = D(2025, 1, 20)
APPROVED_ON = D(2025, 2, 14)
PROGRESS_ON = D(2025, 5, 20)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def practices(*, project: Project) -> None:
    """Practices documented from March 2024, submitted, approved from July 2024; their transfers."""
    found = project_practices(project=project).order_by("pk")
    for index, practice in enumerate(found):
        day = DOCUMENTED_FROM + datetime.timedelta(days=14 * index)
        last = day
        for step in practice.steps.order_by("created_at", "pk"):
            if step.action == "create":
                moment = day
            elif step.action == "approve":
                moment = max(last, APPROVED_FROM + datetime.timedelta(days=index - 5))
                moment += datetime.timedelta(days=5)
            else:
                moment = last + datetime.timedelta(days=STEP_DAYS.get(step.action, 7))
            WorkflowStep.objects.filter(pk=step.pk).update(created_at=at(moment))
            last = moment
        approved = practice.steps.filter(action="approve").aggregate(first=Min("created_at"))["first"]
        values = {"created_at": at(day), "updated_at": at(last)}
        if practice.published_at is not None:
            values["published_at"] = approved or at(last)
            IndexedPractice.objects.filter(practice=practice).update(published_at=values["published_at"])
        GoodPractice.objects.filter(pk=practice.pk).update(**values)
    for transfer in Transfer.objects.filter(project=project).prefetch_related("steps"):
        steps = list(transfer.steps.all())
        for step in steps:
            TransferStep.objects.filter(pk=step.pk).update(created_at=at(step.date, 17))
        if steps:
            Transfer.objects.filter(pk=transfer.pk).update(created_at=at(min(s.date for s in steps), 17))


def events(*, project: Project) -> None:
    """Events recorded two months before they start; registrations two weeks before (a coming
    event's: now, when the demo is loaded)."""
    now = timezone.now()
    for event in Event.objects.filter(project=project):
        created = at(event.start_date - datetime.timedelta(days=60))
        if event.registration_opens_at is not None:
            created = min(created, event.registration_opens_at - datetime.timedelta(days=7))
        created = min(created, now)
        Event.objects.filter(pk=event.pk).update(created_at=created, updated_at=created)
        registered = min(at(event.start_date - datetime.timedelta(days=14)), now)
        Registration.objects.filter(event=event).update(created_at=registered, updated_at=registered)


def _instruments(project: Project) -> None:
    for instrument in PolicyInstrument.objects.filter(project=project):
        last = at(INSTRUMENTS_FROM)
        StakeholderMember.objects.filter(instrument=instrument).update(created_at=at(D(2023, 6, 1)))
        for change in StatusChange.objects.filter(instrument=instrument).order_by("at", "pk"):
            if change.to_status == "adopted" and instrument.adopted_on:
                moment = at(instrument.adopted_on + datetime.timedelta(days=2))
            elif change.to_status == "validated" and instrument.adopted_on:
                moment = at(instrument.adopted_on + datetime.timedelta(days=30))
            elif change.from_status == "":
                moment = at(INSTRUMENTS_FROM)
            else:
                moment = at(STATUS_ON.get(change.to_status, D(2025, 1, 15)))
            StatusChange.objects.filter(pk=change.pk).update(at=moment)
            last = max(last, moment)
        values = {"created_at": at(INSTRUMENTS_FROM), "updated_at": last}
        if instrument.validated_at is not None:
            values["validated_at"] = last
        PolicyInstrument.objects.filter(pk=instrument.pk).update(**values)


def _plans(project: Project) -> None:
    for index, plan in enumerate(ActionPlan.objects.filter(project=project).order_by("pk")):
        written = at(PLANS_FROM + datetime.timedelta(days=index))
        ActionPlan.objects.filter(pk=plan.pk).update(created_at=written, updated_at=at(APPROVED_ON))
        for version in PlanVersion.objects.filter(plan=plan).order_by("number"):
            shift = datetime.timedelta(days=version.number - 1)
            values = {"submitted_at": at(SUBMITTED_ON + shift)}
            if version.approved_at is not None:
                values["approved_at"] = at(APPROVED_ON + shift)
            PlanVersion.objects.filter(pk=version.pk).update(**values)
    for action in Action.objects.filter(project=project):
        written = at(PLANS_FROM + datetime.timedelta(days=1))
        changed = at(action.implemented_on or PROGRESS_ON)
        Action.objects.filter(pk=action.pk).update(created_at=written, updated_at=max(written, changed))
        ProgressNote.objects.filter(action=action).update(created_at=changed)
        ActionTransfer.objects.filter(action=action).update(created_at=written)


def policy(*, project: Project) -> None:
    """Instruments, their stakeholder groups and status history, action plans, actions, meetings."""
    _instruments(project)
    _plans(project)
    for meeting in StakeholderMeeting.objects.filter(project=project).select_related("event"):
        recorded = at(meeting.event.start_date - datetime.timedelta(days=30))
        StakeholderMeeting.objects.filter(pk=meeting.pk).update(created_at=recorded)


def periods(*, project: Project) -> None:
    """Targets set at the start; each period reviewed five weeks after it ends, reported a week later."""
    start = at(D(2023, 6, 1))
    Target.objects.filter(project=project).update(updated_at=start)
    CustomIndicator.objects.filter(project=project).update(created_at=start)
    ends = {period.number: period.end_date for period in project.periods.all()}
    for value in ManualValue.objects.filter(project=project):
        ManualValue.objects.filter(pk=value.pk).update(
            updated_at=at(ends[value.number] + datetime.timedelta(days=20))
        )
    for report in PeriodReport.objects.filter(project=project):
        review = at(ends[report.number] + datetime.timedelta(days=35))
        reported = at(ends[report.number] + datetime.timedelta(days=42))
        PeriodStep.objects.filter(report=report, to_status="review").update(at=review)
        PeriodStep.objects.filter(report=report, to_status="reported").update(at=reported)
        if report.locked_at is not None:
            LockedFigure.objects.filter(report=report).update(locked_at=reported)
            PeriodReport.objects.filter(pk=report.pk).update(locked_at=reported, updated_at=reported)
        else:
            PeriodReport.objects.filter(pk=report.pk).update(updated_at=review)
