"""The learning timeline's last step: where a record of the chain was counted in a reported period.

A practice identified, an action implemented, an instrument improved: when a period's figures are
locked with the record among them, the timeline says "counted in period N for indicator X" and
links to the records behind that figure. Read from the locked figures only (one query), so the
step never moves once reported. Registered with :mod:`secon.policy.chain` in the app's ``ready``.
"""

from collections import defaultdict

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from secon.indicators.enums import PeriodStatus, ReopenScope
from secon.indicators.models import LockedFigure
from secon.indicators.registry import BY_CODE
from secon.policy.chain import Step
from secon.projects.models import Project

#: The chain's step kinds and the indicator that counts the step's record.
COUNTED_BY = {
    "documented": "good-practices",
    "action": "actions-implemented",
    "change": "instruments-improved",
}
LOCKED = Q(report__status=PeriodStatus.REPORTED) | Q(
    report__status=PeriodStatus.REOPENED, report__reopen_scope=ReopenScope.TEXT
)


def counted_steps(*, project: Project, chains: dict) -> None:
    """Add a step to each chain for every reported figure that counts one of its records (1 query)."""
    wanted = defaultdict(list)  # (code, record id) → [(chain, what was counted)]
    for chain in chains.values():
        for step in chain.steps:
            code = COUNTED_BY.get(step.kind)
            if code is not None and step.record is not None:
                counted = str(step.record) if step.kind == "documented" else step.title
                wanted[(code, step.record.pk)].append((chain, counted))
    if not wanted:
        return
    codes = {code for code, _pk in wanted}
    figures = (
        LockedFigure.objects.filter(LOCKED, project=project, code__in=codes)
        .select_related("report")
        .order_by("report__number")
    )
    for figure in figures:
        indicator = BY_CODE[figure.code]
        report = figure.report
        link = reverse("indicators:records", args=[project.slug, report.number, figure.code])
        for pk in figure.record_ids:
            for chain, counted in wanted.get((figure.code, pk), ()):
                title = _("Counted in period %(number)s for the indicator “%(indicator)s”") % {
                    "number": report.number,
                    "indicator": indicator.name,
                }
                day = report.locked_at.date() if report.locked_at else None
                chain.steps.append(Step("indicator", day, title, str(counted), figure, link=link))
