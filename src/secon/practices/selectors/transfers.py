"""Read transfers: the partners a user may record a transfer for, one transfer."""

from django.db.models import Q, QuerySet
from django.http import Http404

from secon.practices.models import GoodPractice, Transfer
from secon.projects.tenancy import scopes_disabled


def list_transfer_partners(*, user, practice: GoodPractice) -> QuerySet:
    """Return the partners for whom ``user`` may record a transfer of the practice.

    Coordinators act for every partner of their projects, partner editors for their own; the
    practice's own region is left out.
    """
    from secon.accounts.enums import Role
    from secon.accounts.predicates import roles_of
    from secon.organisations.models import Partner

    roles = roles_of(user)
    coordinated = [pid for pid, (role, _org) in roles.items() if role == Role.COORDINATOR]
    own = [(pid, org) for pid, (role, org) in roles.items() if role == Role.PARTNER_EDITOR and org]
    condition = Q(project_id__in=coordinated)
    for project_id, organisation_id in own:
        condition |= Q(project_id=project_id, organisation_id=organisation_id)
    if user.is_superuser:
        condition = Q()
    elif not coordinated and not own:
        return Partner.objects.none()
    with scopes_disabled():  # partners of every project the user acts in, not only the practice's
        queryset = Partner.objects.filter(condition).exclude(practice_transfers__practice=practice)
    if practice.region_id:
        queryset = queryset.exclude(regions=practice.region_id)
    return queryset.select_related("organisation", "project").order_by("project__acronym", "number")


def get_transfer(*, practice: GoodPractice, pk: int) -> Transfer:
    """Return one of the practice's transfers, or raise Http404."""
    transfer = Transfer.objects.filter(pk=pk, practice=practice).first()
    if transfer is None:
        raise Http404("No such transfer")
    return transfer
