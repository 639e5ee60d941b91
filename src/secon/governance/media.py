"""Who may open a meeting paper (registered with core.media in ``ready()``)."""

from secon.core.media import register_media
from secon.governance.models import Paper


def is_public(paper: Paper) -> bool:
    """Papers published by the secretary, of a meeting that has been convened, in a public project."""
    return paper.is_public and paper.item.meeting.status != "draft" and paper.project.is_public


def may_see(user, paper: Paper) -> bool:
    """Otherwise the committee's members; drafts only to those who manage the committee."""
    committee = paper.item.meeting.committee
    if paper.item.meeting.status == "draft":
        return user.has_perm("governance.manage_committee", committee)
    return user.has_perm("governance.view_committee", committee)


register_media(
    prefix="governance/papers/",
    model=Paper,
    is_public=is_public,
    may_see=may_see,
    select_related=("item__meeting__committee", "project"),
)
