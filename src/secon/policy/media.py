"""Who may open an instrument's evidence document (registered with core.media in ``ready()``)."""

from secon.core.media import register_media
from secon.policy.models import PolicyInstrument


def is_public(instrument: PolicyInstrument) -> bool:
    """Evidence of a public instrument of a public project is public: the adopted text is."""
    return instrument.is_public and instrument.project.is_public


def may_see(user, instrument: PolicyInstrument) -> bool:
    return user.has_perm("policy.view_instruments", instrument)


register_media(
    prefix="policy/evidence/",
    model=PolicyInstrument,
    field="evidence",
    is_public=is_public,
    may_see=may_see,
    select_related=("project",),
)
