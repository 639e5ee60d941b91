"""Who may open the evidence of an instrument or of a progress note (registered in ``ready()``)."""

from secon.core.media import register_media
from secon.policy.models import PolicyInstrument, ProgressNote


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


def note_may_see(user, note: ProgressNote) -> bool:
    """A progress note's evidence is for the project's members (plans are worked on inside it)."""
    return user.has_perm("policy.view_instruments", note.action.project)


register_media(
    prefix="policy/progress/",
    model=ProgressNote,
    field="evidence",
    is_public=lambda note: False,
    may_see=note_may_see,
    select_related=("action__project",),
)
