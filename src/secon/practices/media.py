"""Who may open a practice's pictures and documents (registered with core.media in ``ready()``)."""

from secon.core.media import register_media
from secon.practices.models import PracticeDocument, PracticeImage


def is_public(attachment) -> bool:
    """Published practices of projects shown on the public site: their files are for everyone."""
    practice = attachment.practice
    return practice.is_public and practice.project.is_public


def may_see(user, attachment) -> bool:
    """Otherwise those who may read the practice on the partner side."""
    return user.has_perm("practices.view_goodpractice", attachment.practice)


for model, prefix in ((PracticeImage, "practices/"), (PracticeDocument, "practices/")):
    register_media(
        prefix=prefix,
        model=model,
        is_public=is_public,
        may_see=may_see,
        select_related=("practice__project",),
    )
