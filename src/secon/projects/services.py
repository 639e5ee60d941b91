"""Write projects: every change is validated, atomic, logged and refreshes the derived schedule."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from secon.core.audit import record_change, snapshot
from secon.core.models import AuditEntry
from secon.projects.models import Period, Phase, Project
from secon.projects.schedule import periods_for, phases_for

EDITABLE_FIELDS = (
    "slug",
    "acronym",
    "title",
    "summary",
    "objectives",
    "programme",
    "reference",
    "start_date",
    "end_date",
    "core_months",
    "follow_up_months",
    "period_months",
    "content_languages",
    "website",
    "facebook_url",
    "linkedin_url",
    "x_url",
    "is_public",
)


@transaction.atomic
def create_project(*, actor, **values) -> Project:
    """Create a project and derive its phases and reporting periods."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown project fields: {sorted(unknown)}")
    project = Project(**values)
    check_dates(project=project)
    project.full_clean()
    project.save()
    sync_schedule(project=project)
    record_change(actor=actor, instance=project, action=AuditEntry.Action.CREATE, project_id=project.pk)
    return project


@transaction.atomic
def update_project(*, actor, project: Project, **values) -> Project:
    """Change a project's fields; re-derive the schedule when its dates or lengths change."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown project fields: {sorted(unknown)}")
    project = Project.objects.select_for_update().get(pk=project.pk)
    before = snapshot(project)
    for name, value in values.items():
        setattr(project, name, value)
    check_dates(project=project)
    project.full_clean()
    project.save()
    sync_schedule(project=project)
    record_change(
        actor=actor,
        instance=project,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=project.pk,
    )
    return project


def check_dates(*, project: Project) -> None:
    """Refuse a project that does not end after it starts, on the end date's field."""
    if project.start_date and project.end_date and project.end_date <= project.start_date:
        raise ValidationError(
            {"end_date": ValidationError(_("The project must end after it starts."), code="end_before_start")}
        )


@transaction.atomic
def delete_project(*, actor, project: Project) -> None:
    """Delete a project with its schedule, partners and memberships; the audit log keeps the record."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    before = snapshot(project)
    record_change(
        actor=actor,
        instance=project,
        action=AuditEntry.Action.DELETE,
        before=before,
        project_id=project.pk,
    )
    project.delete()


def sync_schedule(*, project: Project) -> None:
    """Make the stored phases and periods match the project's dates (keeps unchanged rows)."""
    phases = phases_for(
        start=project.start_date,
        end=project.end_date,
        core_months=project.core_months,
        follow_up_months=project.follow_up_months,
    )
    existing_phases = {phase.kind: phase for phase in project.phases.all()}
    for span in phases:
        phase = existing_phases.pop(span.kind, None) or Phase(project=project, kind=span.kind)
        if phase.pk is None or (phase.start_date, phase.end_date) != (span.start, span.end):
            phase.start_date, phase.end_date = span.start, span.end
            phase.save()
    Phase.objects.filter(pk__in=[phase.pk for phase in existing_phases.values()]).delete()

    periods = periods_for(phases, period_months=project.period_months)
    existing_periods = {period.number: period for period in project.periods.all()}
    for span in periods:
        period = existing_periods.pop(span.number, None) or Period(project=project, number=span.number)
        if period.pk is None or (period.phase, period.start_date, period.end_date) != (
            span.kind,
            span.start,
            span.end,
        ):
            period.phase, period.start_date, period.end_date = span.kind, span.start, span.end
            period.save()
    Period.objects.filter(pk__in=[period.pk for period in existing_periods.values()]).delete()
