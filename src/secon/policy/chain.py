"""The learning chain, read as one timeline: a practice documented → presented or visited at an
event (who attended) → interest and transfer → an action in an action plan → the policy change.

Built for a batch of practices in a fixed number of queries (7), whatever the number of
practices, sessions, people, transfers and actions: a practice's page, a partner's (the chains
through its transfers and actions) and an instrument's (through its plan). Steps come in the
chain's order, each dated (an action by its start month), so that records entered late keep
their place. The indicators app comes after this one: it adds the last step, "counted in period Y
for indicator X", through :func:`register_step_source` (one query more), since this module cannot
import it.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from secon.events.models import Attendance, Session
from secon.policy.enums import ActionStatus, InstrumentStatus
from secon.policy.models import ActionInspiration, ActionTransfer
from secon.practices.enums import PUBLIC_STATUSES
from secon.practices.enums import Action as WorkflowAction
from secon.practices.models import GoodPractice, Transfer, WorkflowStep
from secon.projects.models import Project

#: Statuses of an instrument whose change is adopted.
CHANGED = (InstrumentStatus.ADOPTED, InstrumentStatus.VALIDATED)
#: Names shown per event step; the rest are counted.
MAX_NAMES = 30


@dataclass
class Step:
    kind: str  # documented, event, transfer, action, change, indicator
    date: datetime.date | None
    title: str
    detail: str = ""
    record: object = None
    people: list = field(default_factory=list)
    people_count: int = 0
    link: str = ""


@dataclass
class Chain:
    practice: GoodPractice
    steps: list = field(default_factory=list)

    @property
    def reached_change(self) -> bool:
        return any(step.kind == "change" for step in self.steps)

    @property
    def kinds(self) -> set:
        return {step.kind for step in self.steps}


#: The chain's order: a step's stage first, then its date (records entered late keep their place).
ORDER = ["documented", "event", "transfer", "action", "change", "indicator"]

#: Steps added by the apps above this one: functions ``(*, project, chains)`` that append steps to
#: the chains ({practice id: Chain}) in one query each.
STEP_SOURCES: list = []


def register_step_source(source) -> None:
    """Add a source of further steps (called once, from an app's ``ready``)."""
    if source not in STEP_SOURCES:
        STEP_SOURCES.append(source)


def _sort_key(step: Step) -> tuple:
    return (ORDER.index(step.kind), step.date or datetime.date.max)


def _documented(practices: dict, chains: dict) -> None:
    approvals = dict(
        WorkflowStep.objects.filter(practice_id__in=practices, action=WorkflowAction.APPROVE)
        .order_by("practice_id", "created_at")
        .values_list("practice_id", "created_at")
    )
    for pk, practice in practices.items():
        approved = approvals.get(pk)
        detail = _("approved on %(date)s") % {"date": approved.date().isoformat()} if approved else ""
        chains[pk].steps.append(
            Step("documented", practice.created_at.date(), _("Practice documented"), detail, practice)
        )


def _events(project: Project, practices: dict, chains: dict, partner) -> None:
    links = list(
        Session.practices.through.objects.filter(
            goodpractice_id__in=practices, session__event__project=project
        ).select_related("session__event")
    )
    sessions = {link.session_id: link.session for link in links}
    people = defaultdict(dict)  # session id → {person id: name}
    if sessions:
        event_ids = {s.event_id for s in sessions.values()}
        attended = Attendance.objects.filter(registration__event_id__in=event_ids)
        if partner is not None:
            attended = attended.filter(
                Q(registration__partner=partner) | Q(registration__organisation_id=partner.organisation_id)
            )
        rows = attended.values_list(
            "registration__event_id",
            "session_id",
            "day",
            "registration__person_id",
            "registration__person__first_name",
            "registration__person__last_name",
            "registration__organisation__name",
            "registration__organisation_name",
            "registration__partner__organisation__name",
        )
        for event_id, session_id, day, person_id, first, last, *organisations in rows:
            organisation = next((name for name in organisations if name), "")
            for session in sessions.values():
                same = session_id == session.pk or (
                    session_id is None
                    and session.event_id == event_id
                    and session.starts_at.astimezone(session.event.zone).date() == day
                )
                if same:
                    name = f"{first} {last}".strip() + (f" ({organisation})" if organisation else "")
                    people[session.pk][person_id] = name
    for link in links:
        session = link.session
        names = sorted(people[session.pk].values())
        when = session.starts_at.astimezone(session.event.zone).date()
        title = _("Presented or visited at %(event)s") % {"event": session.event}
        chains[link.goodpractice_id].steps.append(
            Step("event", when, title, str(session), session, names[:MAX_NAMES], len(names))
        )


def _transfers(project: Project, practices: dict, chains: dict, partner_id: int | None) -> None:
    found = Transfer.objects.filter(practice_id__in=practices, project=project).select_related(
        "partner__organisation", "region"
    )
    if partner_id is not None:
        found = found.filter(partner_id=partner_id)
    found = found.prefetch_related("steps")
    for transfer in found:
        for step in transfer.steps.all():
            title = _("%(partner)s: %(stage)s") % {
                "partner": transfer.partner,
                "stage": step.get_stage_display(),
            }
            chains[transfer.practice_id].steps.append(
                Step("transfer", step.date, title, step.evidence, transfer)
            )


def _actions(practices: dict, chains: dict, partner_id: int | None, plan_id: int | None) -> None:
    found = ActionInspiration.objects.filter(practice_id__in=practices).select_related(
        "action__plan__partner__organisation", "action__plan__instrument"
    )
    if partner_id is not None:
        found = found.filter(action__plan__partner_id=partner_id)
    if plan_id is not None:
        found = found.filter(action__plan_id=plan_id)
    transferred = set(
        ActionTransfer.objects.filter(transfer__practice_id__in=practices).values_list(
            "action_id", "transfer__practice_id"
        )
    )
    changes = {}
    for link in found:
        action, plan = link.action, link.action.plan
        detail = _("Action plan of %(partner)s, version %(version)s, %(status)s") % {
            "partner": plan.partner,
            "version": plan.version,
            "status": action.get_status_display(),
        }
        if (action.pk, link.practice_id) in transferred:
            detail += " · " + _("led to by a transfer")
        if action.implemented_on:
            detail += " · " + _("implemented on %(date)s") % {"date": action.implemented_on.isoformat()}
        when = action.start_month or action.created_at.date()
        chains[link.practice_id].steps.append(Step("action", when, action.title, detail, action))
        instrument = plan.instrument
        if led_to_change(action, instrument):
            changes[(link.practice_id, instrument.pk)] = instrument
    for (practice_id, _pk), instrument in changes.items():
        detail = _("adopted by %(body)s") % {"body": instrument.adopted_by}
        chains[practice_id].steps.append(
            Step(
                "change",
                instrument.adopted_on,
                _("Policy change adopted: %(instrument)s") % {"instrument": instrument.name},
                detail,
                instrument,
            )
        )


def led_to_change(action, instrument) -> bool:
    """The instrument's adopted change counts for the action: implemented, or begun by the adoption."""
    if instrument.status not in CHANGED or not instrument.adopted_on:
        return False
    begun = action.start_month is not None and action.start_month <= instrument.adopted_on
    return action.status == ActionStatus.IMPLEMENTED or begun


def build_chains(
    *,
    project: Project,
    practices: list[GoodPractice],
    partner=None,
    plan_id: int | None = None,
) -> list[Chain]:
    """The chains of ``practices`` in ``project`` (7 queries, and one per registered step source),
    each step dated, in order of time.

    ``partner``: only this partner's transfers, actions and people; ``plan_id``: only that plan's actions.
    """
    by_pk = {practice.pk: practice for practice in practices}
    chains = {pk: Chain(practice) for pk, practice in by_pk.items()}
    if not by_pk:
        return []
    _documented(by_pk, chains)
    _events(project, by_pk, chains, partner)
    _transfers(project, by_pk, chains, partner.pk if partner else None)
    _actions(by_pk, chains, partner.pk if partner else None, plan_id)
    for source in STEP_SOURCES:
        source(project=project, chains=chains)
    for chain in chains.values():
        chain.steps.sort(key=_sort_key)
    return list(chains.values())


def practices_of(*, project: Project, partner=None, plan_id: int | None = None, changed_only: bool = False):
    """The practices in the chains of a partner or a plan (1 query): those inspiring its actions, and
    those its transfers take over; ``changed_only``: those behind an adopted change."""
    inspired = Q(inspired_actions__action__project=project)
    if partner is not None:
        inspired &= Q(inspired_actions__action__plan__partner=partner)
    if plan_id is not None:
        inspired &= Q(inspired_actions__action__plan_id=plan_id)
    if changed_only:
        inspired &= Q(inspired_actions__action__plan__instrument__status__in=CHANGED)
    condition = inspired
    if partner is not None and not changed_only:
        condition |= Q(transfers__partner=partner)
    return list(GoodPractice.objects.filter(condition).select_related("project").distinct().order_by("pk"))


def changed_chains(*, project: Project, public: bool = False) -> list[dict]:
    """The chains that reached a policy change (see :func:`led_to_change`), in short (1 query):
    practice → action → adopted change.

    ``public``: only public instruments and published practices (the project's public page).
    """
    found = ActionInspiration.objects.filter(
        action__project=project, action__plan__instrument__status__in=CHANGED
    ).select_related("practice__project", "action__plan__partner__organisation", "action__plan__instrument")
    if public:
        found = found.filter(action__plan__instrument__is_public=True, practice__status__in=PUBLIC_STATUSES)
    return [
        {
            "practice": link.practice,
            "action": link.action,
            "partner": link.action.plan.partner,
            "instrument": link.action.plan.instrument,
        }
        for link in found.order_by("action__plan__instrument__adopted_on", "pk")
        if led_to_change(link.action, link.action.plan.instrument)
    ]
