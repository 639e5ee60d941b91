"""Who may open the evidence of a project-defined indicator's value (registered with core.media)."""

from secon.core.media import register_media
from secon.indicators.models import ManualValue


def is_public(value: ManualValue) -> bool:
    """Evidence behind a figure is for the project's members (it may name people)."""
    return False


def may_see(user, value: ManualValue) -> bool:
    return user.has_perm("indicators.view_indicators", value)


register_media(
    prefix="indicators/evidence/",
    model=ManualValue,
    field="evidence",
    is_public=is_public,
    may_see=may_see,
    select_related=("project",),
)
