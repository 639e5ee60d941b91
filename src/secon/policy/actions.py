"""Write the actions of an action plan, their progress, and the transfers that led to them.

What an action is (what, why, months, cost, inspiring practices, players, funding) changes while
its plan is a draft; its progress (a note, the status reached, evidence) is recorded at any time.
An inspiring practice is any practice of the project, or a published practice of another project
in the hub; an unknown one is refused by its number. An action without one is allowed, and
shown with a warning (``plan_selectors.plan_warnings``).
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import person_of, require
from secon.core.uploads import clean_upload
from secon.organisations.models import Organisation
from secon.policy.enums import ActionStatus
from secon.policy.models import (
    Action,
    ActionFunding,
    ActionInspiration,
    ActionPlan,
    ActionPlayer,
    ActionTransfer,
    ProgressNote,
)
from secon.policy.plans import require_draft
from secon.policy.validators import validate_cost
from secon.practices.models import GoodPractice, Transfer
from secon.practices.selectors.practices import practices_open_to

ACTION_FIELDS = ("title", "rationale", "start_month", "end_month", "cost")
#: A plan holds at most this many actions, each at most this many links of each kind.
MAX_ACTIONS = 200
MAX_LINKS = 50


def parse_cost(value, *, field: str = "cost") -> Decimal | None:
    """Return a cost as euros with cents, or raise ``ValidationError`` on ``field``."""
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).strip().replace(" ", ""))
    except InvalidOperation:
        raise ValidationError({field: _("Give the cost in euros, e.g. 25000 or 25000.50.")}) from None
    if not amount.is_finite():
        raise ValidationError({field: _("Give the cost in euros, e.g. 25000 or 25000.50.")})
    try:
        validate_cost(amount)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return amount.quantize(Decimal("0.01"))


def first_of_month(value: datetime.date | None) -> datetime.date | None:
    return value.replace(day=1) if value else None


def find_practices(*, project_id: int, ids: Iterable[int]) -> list[GoodPractice]:
    """The practices an action of the project may name: its own, or published ones of the hub (1 query)."""
    wanted = list(dict.fromkeys(int(pk) for pk in ids))
    if len(wanted) > MAX_LINKS:
        raise ValidationError({"practices": _("Name at most 50 practices.")})
    found = {
        practice.pk: practice for practice in practices_open_to(project=project_id).filter(pk__in=wanted)
    }
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise ValidationError(
            {
                "practices": _("No good practice number %(numbers)s is published in this hub.")
                % {"numbers": ", ".join(str(pk) for pk in missing)}
            }
        )
    return [found[pk] for pk in wanted]


def _clean_players(players: Iterable[dict]) -> list[ActionPlayer]:
    rows = []
    for row in players:
        organisation = row.get("organisation")
        name = (row.get("name") or "").strip()
        role = (row.get("role") or "").strip()
        if organisation is not None and not isinstance(organisation, Organisation):
            raise TypeError("organisation must be an Organisation")
        if organisation is None and not name:
            raise ValidationError({"players": _("Name each player, or choose its organisation.")})
        if not role:
            raise ValidationError({"players": _("Give each player's role.")})
        player = ActionPlayer(organisation=organisation, name=name, role=role)
        player.full_clean(exclude=["action", "organisation"])
        rows.append(player)
    if len(rows) > MAX_LINKS:
        raise ValidationError({"players": _("Name at most 50 players.")})
    return rows


def _clean_funding(project_id: int, funding: Iterable[dict]) -> list[ActionFunding]:
    rows = []
    for row in funding:
        instrument = row.get("instrument")
        source = (row.get("source") or "").strip()
        if instrument is not None and instrument.project_id != project_id:
            raise ValidationError({"funding": _("Choose an instrument of this project.")})
        if instrument is None and not source:
            raise ValidationError({"funding": _("Choose an instrument or name the source of the money.")})
        amount = parse_cost(row.get("amount"), field="funding")
        item = ActionFunding(instrument=instrument, source=source, amount=amount)
        item.full_clean(exclude=["action", "instrument"])
        rows.append(item)
    if len(rows) > MAX_LINKS:
        raise ValidationError({"funding": _("Name at most 50 sources.")})
    return rows


def _fill(action: Action, values: dict) -> None:
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if "cost" in values:
        values["cost"] = parse_cost(values["cost"])
    for name in ("start_month", "end_month"):
        if name in values:
            values[name] = first_of_month(values[name])
    for name in ("title", "rationale"):
        if name in values:
            values[name] = (values[name] or "").strip()
    for name, value in values.items():
        setattr(action, name, value)
    if action.start_month and action.end_month and action.end_month < action.start_month:
        raise ValidationError({"end_month": _("The action cannot end before it starts.")})
    action.full_clean(exclude=["project", "plan"], validate_constraints=False)


def _set_links(action: Action, practices, players, funding) -> None:
    if practices is not None:
        ActionInspiration._base_manager.filter(action=action).exclude(
            practice__in=[p.pk for p in practices]
        ).delete()
        known = set(
            ActionInspiration._base_manager.filter(action=action).values_list("practice_id", flat=True)
        )
        ActionInspiration._base_manager.bulk_create(
            [ActionInspiration(action=action, practice=p) for p in practices if p.pk not in known]
        )
    if players is not None:
        ActionPlayer._base_manager.filter(action=action).delete()
        for player in players:
            player.action = action
        ActionPlayer._base_manager.bulk_create(players)
    if funding is not None:
        ActionFunding._base_manager.filter(action=action).delete()
        for item in funding:
            item.action = action
        ActionFunding._base_manager.bulk_create(funding)


def _lock_plan(plan: ActionPlan) -> ActionPlan:
    return ActionPlan._base_manager.select_for_update().select_related("partner").get(pk=plan.pk)


@transaction.atomic
def add_action(
    *,
    actor,
    plan: ActionPlan,
    practice_ids: Iterable[int] = (),
    players: Iterable[dict] = (),
    funding: Iterable[dict] = (),
    **values,
) -> Action:
    """Add an action to a draft plan, with its inspiring practices, players and funding sources."""
    plan = _lock_plan(plan)
    require(actor, "policy.edit_plan", plan)
    require_draft(plan)
    if Action._base_manager.filter(plan=plan).count() >= MAX_ACTIONS:
        raise ValidationError(_("A plan holds at most 200 actions."))
    action = Action(project_id=plan.project_id, plan=plan)
    _fill(action, values)
    practices = find_practices(project_id=plan.project_id, ids=practice_ids)
    player_rows = _clean_players(players)
    funding_rows = _clean_funding(plan.project_id, funding)
    action.save()
    _set_links(action, practices, player_rows, funding_rows)
    record_change(actor=actor, instance=action, action=AuditEntry.Action.CREATE, project_id=plan.project_id)
    return action


def _lock_action(action: Action) -> Action:
    return Action._base_manager.select_for_update().select_related("plan__partner").get(pk=action.pk)


@transaction.atomic
def update_action(
    *,
    actor,
    action: Action,
    practice_ids: Iterable[int] | None = None,
    players: Iterable[dict] | None = None,
    funding: Iterable[dict] | None = None,
    **values,
) -> Action:
    """Change an action of a draft plan; the links given (practices, players, funding) replace the old."""
    action = _lock_action(action)
    require(actor, "policy.edit_plan", action.plan)
    require_draft(action.plan)
    with audited(actor=actor, instance=action, project_id=action.project_id):
        _fill(action, values)
        practices = (
            None if practice_ids is None else find_practices(project_id=action.project_id, ids=practice_ids)
        )
        player_rows = None if players is None else _clean_players(players)
        funding_rows = None if funding is None else _clean_funding(action.project_id, funding)
        action.save()
        _set_links(action, practices, player_rows, funding_rows)
    return action


@transaction.atomic
def delete_action(*, actor, action: Action) -> None:
    """Take an action out of a draft plan."""
    action = _lock_action(action)
    require(actor, "policy.edit_plan", action.plan)
    require_draft(action.plan)
    record_change(actor=actor, instance=action, action=AuditEntry.Action.DELETE, project_id=action.project_id)
    action.delete()


@transaction.atomic
def record_progress(
    *,
    actor,
    action: Action,
    text: str,
    status: str,
    evidence=None,
    implemented_on: datetime.date | None = None,
) -> ProgressNote:
    """Write how an action progresses and the status it has reached (at any version of the plan)."""
    action = _lock_action(action)
    require(actor, "policy.edit_plan", action.plan)
    text = (text or "").strip()
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if not text:
        raise ValidationError({"text": _("Say what happened.")})
    note = ProgressNote(action=action, text=text, status=status, author=person_of(actor))
    note.evidence = clean_upload(evidence, field="evidence") or ""
    note.full_clean(exclude=["action", "author"])
    with audited(actor=actor, instance=action, project_id=action.project_id):
        action.status = status
        if status == ActionStatus.IMPLEMENTED:
            action.implemented_on = implemented_on or timezone.localdate()
        else:
            action.implemented_on = None
        action.full_clean(exclude=["project", "plan"], validate_constraints=False)
        action.save()
    note.save()
    record_change(actor=actor, instance=note, action=AuditEntry.Action.CREATE, project_id=action.project_id)
    return note


@transaction.atomic
def link_transfer(*, actor, action: Action, transfer: Transfer) -> ActionTransfer:
    """Record that a transfer of the practices library led to this action (its practice inspires it)."""
    action = _lock_action(action)
    require(actor, "policy.edit_plan", action.plan)
    if transfer.partner_id != action.plan.partner_id:
        raise ValidationError({"transfer": _("Choose a transfer into this plan's partner region.")})
    if ActionTransfer._base_manager.filter(action=action, transfer=transfer).exists():
        raise ValidationError({"transfer": _("This transfer is linked to the action already.")})
    link = ActionTransfer(action=action, transfer=transfer)
    link.save()
    ActionInspiration._base_manager.get_or_create(action=action, practice_id=transfer.practice_id)
    record_change(actor=actor, instance=link, action=AuditEntry.Action.CREATE, project_id=action.project_id)
    return link


@transaction.atomic
def unlink_transfer(*, actor, link: ActionTransfer) -> None:
    """Remove the link between a transfer and an action (the inspiring practice stays)."""
    link = ActionTransfer._base_manager.select_related("action__plan__partner").get(pk=link.pk)
    require(actor, "policy.edit_plan", link.action.plan)
    record_change(
        actor=actor, instance=link, action=AuditEntry.Action.DELETE, project_id=link.action.project_id
    )
    link.delete()
