"""Targets, the project's own indicators and their values, and each period's report through its steps.

A period goes open → under review → reported (locked) → reopened (texts only, or in full with a
reason) → under review or reported again. Locking stores every figure with its record ids and their
SHA-256; from then on the figures of the period are read from what was stored. Every move of a
project's periods takes a lock on the project's row first: two coordinators locking at once lock once.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import person_of, require
from secon.core.uploads import clean_upload
from secon.indicators.checks import pre_submission
from secon.indicators.computation import digest
from secon.indicators.enums import PeriodStatus, ReopenScope
from secon.indicators.models import (
    CustomIndicator,
    LockedFigure,
    ManualValue,
    PeriodReport,
    PeriodStep,
    Target,
)
from secon.indicators.registry import BY_CODE
from secon.indicators.selectors import partner_breakdown, period_table
from secon.projects.models import Period, Project

#: The moves a period's report may make: {from: (to, …)}.
STEPS = {
    PeriodStatus.OPEN: (PeriodStatus.REVIEW,),
    PeriodStatus.REVIEW: (PeriodStatus.OPEN, PeriodStatus.REPORTED),
    PeriodStatus.REPORTED: (PeriodStatus.REOPENED,),
    PeriodStatus.REOPENED: (PeriodStatus.REVIEW, PeriodStatus.REPORTED),
}


def _lock_project(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


def _report(project: Project, number: int) -> PeriodReport:
    if not Period.objects.filter(project=project, number=number).exists():
        raise ValidationError({"period": _("The project has no period %(number)s.") % {"number": number}})
    report, _created = PeriodReport.objects.get_or_create(project=project, number=number)
    return report


def _refuse_if_locked(project: Project, number: int) -> None:
    report = PeriodReport.objects.filter(project=project, number=number).first()
    if report is not None and report.figures_locked:
        raise ValidationError(
            _(
                "Period %(number)s is reported: its figures are locked. Reopen it in full, "
                "with a reason, to change them."
            )
            % {"number": number}
        )


@transaction.atomic
def set_target(*, actor, project: Project, code: str, value: Decimal | None) -> Target | None:
    """Set (or, with ``None``, remove) the target of an indicator for the whole project."""
    require(actor, "indicators.manage_indicators", project)
    if code not in BY_CODE and not CustomIndicator.objects.filter(project=project, code=code).exists():
        raise ValidationError({"code": _("Choose an indicator of this project.")})
    target = Target.objects.filter(project=project, code=code).first()
    if value is None:
        if target is not None:
            record_change(
                actor=actor, instance=target, action=AuditEntry.Action.DELETE, project_id=project.pk
            )
            target.delete()
        return None
    if target is None:
        target = Target(project=project, code=code, value=value)
        target.full_clean(exclude=["project"])
        target.save()
        record_change(actor=actor, instance=target, action=AuditEntry.Action.CREATE, project_id=project.pk)
        return target
    with audited(actor=actor, instance=target, project_id=project.pk):
        target.value = value
        target.full_clean(exclude=["project"])
        target.save()
    return target


@transaction.atomic
def create_custom_indicator(*, actor, project: Project, code: str, name: dict, unit: str, description: dict):
    """Define an indicator of the project's own, whose figures are typed per period."""
    require(actor, "indicators.manage_indicators", project)
    if code in BY_CODE or CustomIndicator.objects.filter(project=project, code=code).exists():
        raise ValidationError({"code": _("An indicator with this code exists already.")})
    custom = CustomIndicator(project=project, code=code, name=name, unit=unit, description=description)
    custom.full_clean(exclude=["project"])
    custom.save()
    record_change(actor=actor, instance=custom, action=AuditEntry.Action.CREATE, project_id=project.pk)
    return custom


@transaction.atomic
def set_manual_value(
    *, actor, indicator: CustomIndicator, number: int, value: Decimal, source: str, evidence=None
) -> ManualValue:
    """Type the figure of a project-defined indicator for a period that is not locked."""
    project = _lock_project(indicator.project)
    require(actor, "indicators.manage_indicators", project)
    _report(project, number)
    _refuse_if_locked(project, number)
    if not (source or "").strip():
        raise ValidationError({"source": _("Say where the figure comes from.")})
    found = ManualValue.objects.filter(indicator=indicator, number=number).first()
    entry = found or ManualValue(project=project, indicator=indicator, number=number)
    before = {"value": str(found.value), "source": found.source} if found else None
    entry.value, entry.source, entry.entered_by = value, source.strip(), person_of(actor)
    file = clean_upload(evidence, field="evidence")
    if file:
        entry.evidence = file
    entry.full_clean(exclude=["project", "indicator"])
    entry.save()
    action = AuditEntry.Action.UPDATE if found else AuditEntry.Action.CREATE
    record_change(actor=actor, instance=entry, action=action, before=before, project_id=project.pk)
    return entry


@transaction.atomic
def update_summary(*, actor, project: Project, number: int, summary: str) -> PeriodReport:
    """Change the period's text (refused once it is reported, allowed again when reopened)."""
    project = _lock_project(project)
    require(actor, "indicators.manage_period", project)
    report = _report(project, number)
    if not report.text_editable:
        raise ValidationError({"summary": _("The period is reported: reopen it to change its text.")})
    with audited(actor=actor, instance=report, project_id=project.pk):
        report.summary = summary
        report.full_clean(exclude=["project"])
        report.save()
    return report


def _store_figures(project: Project, report: PeriodReport) -> None:
    """Store every figure with its records, and each partner's records: a later change to a
    partner's records (a registration moved to another delegation) changes no reported breakdown."""
    table = period_table(project=project, number=report.number)
    by_partner = partner_breakdown(project=project, number=report.number)
    LockedFigure.objects.filter(report=report).delete()
    LockedFigure.objects.bulk_create(
        LockedFigure(
            project=project,
            report=report,
            code=figure.code,
            value=figure.this,
            record_ids=figure.ids,
            late_ids=figure.late,
            digest=digest(figure.ids),
            partner_ids=by_partner.get(figure.code),
            target=figure.target,
        )
        for figure in table.figures
    )


@transaction.atomic
def move_period(
    *, actor, project: Project, number: int, to: str, reason: str = "", scope: str = ""
) -> PeriodReport:
    """Move period ``number`` to status ``to``; reopening needs a reason and what it reopens."""
    project = _lock_project(project)
    require(actor, "indicators.manage_period", project)
    report = _report(project, number)
    current = report.status
    reason = (reason or "").strip()
    if to not in STEPS.get(current, ()):
        raise ValidationError(
            {
                "status": _("The period cannot move from “%(from)s” to “%(to)s”.")
                % {
                    "from": PeriodStatus(current).label,
                    "to": PeriodStatus(to).label if to in PeriodStatus.values else to,
                }
            }
        )
    if to == PeriodStatus.REOPENED:
        if not reason:
            raise ValidationError({"reason": _("Give the reason for reopening the period.")})
        if scope not in ReopenScope.values:
            raise ValidationError(
                {"scope": _("Choose whether the texts only or the figures too are reopened.")}
            )
    if to == PeriodStatus.REPORTED:
        blocking = [
            finding.message for finding in pre_submission(project=project, number=number) if finding.blocking
        ]
        if blocking:
            raise ValidationError({"status": blocking})
    with audited(actor=actor, instance=report, project_id=project.pk):
        if to == PeriodStatus.REPORTED and not report.figures_locked:
            _store_figures(project, report)
        if to == PeriodStatus.REPORTED:
            report.locked_at, report.locked_by = timezone.now(), person_of(actor)
            report.reopen_scope = ""
        replaced = {}
        if to == PeriodStatus.REOPENED:
            report.reopen_scope = scope
            if scope == ReopenScope.FULL:
                stored = LockedFigure.objects.filter(report=report)
                replaced = {f.code: {"value": str(f.value), "sha256": f.digest} for f in stored}
                stored.delete()
        report.status = to
        report.save()
    PeriodStep.objects.create(
        project=project,
        report=report,
        from_status=current,
        to_status=to,
        reopen_scope=scope if to == PeriodStatus.REOPENED else "",
        reason=reason,
        replaced_figures=replaced,
        actor=person_of(actor),
    )
    return report
