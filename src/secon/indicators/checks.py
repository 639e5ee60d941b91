"""What must be right before a period is locked (blocking) and what deserves a look (warnings)."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from secon.indicators.models import CustomIndicator, ManualValue, PeriodReport
from secon.indicators.registry import IMPROVED
from secon.policy.models import PolicyInstrument
from secon.policy.plan_models import Action
from secon.projects.models import Project


@dataclass(frozen=True)
class Finding:
    message: str
    blocking: bool
    links: tuple = ()


def _without_evidence(project: Project) -> list[PolicyInstrument]:
    missing = Q(evidence="") | Q(adopted_on__isnull=True) | Q(adopted_by="")
    return list(
        PolicyInstrument.objects.filter(project=project, status__in=IMPROVED)
        .filter(missing)
        .select_related("partner")
        .order_by("partner__number", "pk")
    )


def pre_submission(*, project: Project, number: int) -> list[Finding]:
    """The findings for period ``number``, blocking ones first (5 queries)."""
    findings = []
    earlier = PeriodReport.objects.filter(project=project, number__lt=number)
    reported = {report.number for report in earlier if report.figures_locked}
    not_reported = [n for n in range(1, number) if n not in reported]
    if not_reported:
        findings.append(
            Finding(
                ngettext(
                    "Period %(numbers)s is not reported yet: report the periods in order.",
                    "Periods %(numbers)s are not reported yet: report the periods in order.",
                    len(not_reported),
                )
                % {"numbers": ", ".join(str(n) for n in not_reported)},
                blocking=True,
            )
        )
    for instrument in _without_evidence(project):
        findings.append(
            Finding(
                _(
                    "%(partner)s: “%(instrument)s” is marked adopted without its evidence "
                    "(document, date, adopting body)."
                )
                % {"partner": instrument.partner.code, "instrument": instrument},
                blocking=True,
                links=(("policy:instrument", instrument.pk),),
            )
        )
    uninspired = (
        Action.objects.filter(project=project, inspirations__isnull=True)
        .exclude(status="abandoned")
        .select_related("plan__partner")
        .order_by("plan__partner__number", "pk")
    )
    for action in uninspired:
        findings.append(
            Finding(
                _("%(partner)s: the action “%(action)s” names no good practice that inspired it.")
                % {"partner": action.plan.partner.code, "action": action.title},
                blocking=False,
            )
        )
    customs = list(CustomIndicator.objects.filter(project=project).order_by("code"))
    typed = set(
        ManualValue.objects.filter(project=project, number=number).values_list("indicator_id", flat=True)
    )
    for custom in customs:
        if custom.pk not in typed:
            findings.append(
                Finding(
                    _("The project indicator “%(code)s” has no value for this period (it counts as 0).")
                    % {"code": custom.code},
                    blocking=False,
                )
            )
    return sorted(findings, key=lambda finding: not finding.blocking)
