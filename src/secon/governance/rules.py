"""Permissions of the governance app, always asked about a committee.

Coordinators of the project and the committee's secretary run the committee; the people holding a
seat today (representatives and substitutes) see its pages and papers.
"""

import rules

from django.utils import timezone

from secon.accounts.predicates import is_coordinator, is_superuser


@rules.predicate
def is_secretary(user, committee) -> bool:
    return committee is not None and user.is_authenticated and committee.secretary_id == user.pk


def seated_committee_ids(user) -> set[int]:
    """Return the ids of the committees on which the user holds a seat today (cached per request)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_secon_committee_ids", None)
    if cached is None:
        from secon.governance.models import SeatHolder

        today = timezone.localdate()
        cached = set(
            SeatHolder._base_manager.filter(user=user, valid_from__lte=today)
            .exclude(valid_until__lt=today)
            .values_list("seat__committee_id", flat=True)
        )
        user._secon_committee_ids = cached
    return cached


@rules.predicate
def holds_seat(user, committee) -> bool:
    return committee is not None and committee.pk in seated_committee_ids(user)


can_manage = is_superuser | is_coordinator | is_secretary

rules.add_perm("governance.add_committee", is_superuser | is_coordinator)
rules.add_perm("governance.manage_committee", can_manage)
rules.add_perm("governance.view_committee", can_manage | holds_seat)


def chaired_committee_ids(user) -> set[int]:
    """Return the ids of the committees the user chairs today: representative of the chairing partner."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_secon_chaired_ids", None)
    if cached is None:
        from django.db.models import F

        from secon.governance.models import SeatHolder

        today = timezone.localdate()
        cached = set(
            SeatHolder._base_manager.filter(
                user=user,
                role="representative",
                valid_from__lte=today,
                seat__partner_id=F("seat__committee__chair_id"),
            )
            .exclude(valid_until__lt=today)
            .values_list("seat__committee_id", flat=True)
        )
        user._secon_chaired_ids = cached
    return cached


@rules.predicate
def is_chair(user, committee) -> bool:
    return committee is not None and committee.pk in chaired_committee_ids(user)


#: Chair and secretary run the meeting (attendance, votes); only the chair (or a coordinator
#: acting for them) may open a vote without quorum.
rules.add_perm("governance.run_meeting", can_manage | is_chair)
rules.add_perm("governance.override_quorum", is_superuser | is_coordinator | is_chair)

#: The members holding a seat comment on circulated minutes (the secretary answers them).
rules.add_perm("governance.comment_minutes", holds_seat)
