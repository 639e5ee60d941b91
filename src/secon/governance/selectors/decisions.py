"""Read the register of decisions."""

from django.http import Http404

from secon.governance.models import Committee, Decision


def list_decisions(*, committee: Committee, public_only: bool = False, status: str = "") -> list[Decision]:
    """Return the register in number order (one query)."""
    decisions = Decision.objects.filter(committee=committee).select_related(
        "meeting", "item", "vote", "superseded_by"
    )
    if public_only:
        decisions = decisions.filter(is_public=True)
    if status:
        decisions = decisions.filter(status=status)
    return list(decisions.order_by("decided_on", "series_id", "sequence"))


def get_decision(*, committee: Committee, number: str, public_only: bool = False) -> Decision:
    decisions = Decision.objects.filter(committee=committee, number=number)
    if public_only:
        decisions = decisions.filter(is_public=True)
    decision = decisions.select_related("meeting", "item", "vote", "superseded_by").first()
    if decision is None:
        raise Http404
    decision.committee = committee
    return decision


def citable_decisions(*, committee: Committee):
    """The committee's decisions, newest first, for an erratum to cite (a queryset, for a form)."""
    return Decision.objects.filter(committee=committee).order_by("-decided_on", "-pk")
