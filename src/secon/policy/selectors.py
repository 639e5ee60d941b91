"""Reads of the policy app: a fixed number of queries whatever the number of instruments."""

from django.db.models import Count, Prefetch
from django.http import Http404

from secon.policy.enums import STATUS_ORDER, InstrumentStatus
from secon.policy.models import PolicyInstrument, StakeholderMember, StatusChange
from secon.projects.models import Project

#: The statuses in the order the overview shows them.
OVERVIEW_ORDER = (*STATUS_ORDER, InstrumentStatus.NOT_IMPROVED)


def list_instruments(*, project: Project, public: bool = False) -> list[PolicyInstrument]:
    """The project's instruments by partner number, with partner, organisation and region (1 query)."""
    found = PolicyInstrument.objects.filter(project=project).select_related(
        "partner__organisation", "region", "validated_by"
    )
    if public:
        found = found.filter(is_public=True)
    return list(found.order_by("partner__number", "pk"))


def status_overview(instruments: list[PolicyInstrument]) -> list[dict]:
    """Count the instruments per status (no query): rows of status, label, count, percent."""
    counts = dict.fromkeys(OVERVIEW_ORDER, 0)
    for instrument in instruments:
        counts[instrument.status] = counts.get(instrument.status, 0) + 1
    total = len(instruments)
    labels = dict(InstrumentStatus.choices)
    return [
        {
            "status": status,
            "label": labels[status],
            "count": counts[status],
            "percent": round(100 * counts[status] / total) if total else 0,
        }
        for status in OVERVIEW_ORDER
    ]


def get_instrument(*, project: Project, pk: int) -> PolicyInstrument:
    """Return one instrument of the project with its history (2 queries), or raise Http404."""
    history = StatusChange.objects.select_related("actor").order_by("at", "pk")
    found = (
        PolicyInstrument.objects.filter(project=project, pk=pk)
        .select_related("partner__organisation", "region", "validated_by")
        .prefetch_related(Prefetch("history", queryset=history))
        .first()
    )
    if found is None:
        raise Http404("No such instrument")
    return found


def instruments_per_partner(*, project: Project) -> dict[int, int]:
    """Return {partner id: number of instruments} (1 query)."""
    rows = PolicyInstrument.objects.filter(project=project).values("partner").annotate(n=Count("pk"))
    return {row["partner"]: row["n"] for row in rows}


def list_stakeholders(*, instrument: PolicyInstrument) -> list[StakeholderMember]:
    """The members of the instrument's stakeholder group with organisation and person (1 query)."""
    return list(
        StakeholderMember.objects.filter(instrument=instrument)
        .select_related("organisation", "person__organisation")
        .order_by("organisation__name", "person__last_name", "pk")
    )
