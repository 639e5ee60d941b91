"""What an account did in the practices library, for its owner's data download (``organisations/export.py``):
the practices it authored, with every text it wrote in every language, and its comments in their
review (each workflow step it made) and on transfers (each stage it recorded, with its evidence)."""

from secon.core.links import absolute_url
from secon.practices.models import TEXT_SECTIONS, GoodPractice, TransferStep, WorkflowStep


def authored_practices(user) -> list[dict]:
    """One row per practice the account authored: its state, dates, contact details and texts."""
    rows = []
    practices = (
        GoodPractice.objects.filter(author=user).select_related("project").order_by("created_at", "pk")
    )
    for practice in practices:
        row = {
            "practice": practice.pk,
            "project": practice.project.acronym,
            "status": practice.status,
            "created": practice.created_at.isoformat(),
            "changed": practice.updated_at.isoformat(),
            "published": practice.published_at.isoformat() if practice.published_at else "",
            "address": absolute_url(practice.get_absolute_url()),
            "contact_name": practice.contact_name,
            "contact_email": practice.contact_email,
            "website": practice.website,
        }
        for section in TEXT_SECTIONS:
            for language, text in sorted(dict(getattr(practice, section) or {}).items()):
                row[f"{section}_{language}"] = text
        rows.append(row)
    return rows


def practice_comments(user) -> list[dict]:
    """The account's steps in practices' reviews (with their comments) and the transfer stages it recorded."""
    rows = [
        {
            "practice": step.practice_id,
            "title": str(step.practice),
            "what": f"review: {step.action} ({step.from_status or '-'} → {step.to_status})",
            "comment": step.comment,
            "when": step.created_at.isoformat(),
        }
        for step in WorkflowStep.objects.filter(actor=user)
        .select_related("practice")
        .order_by("created_at", "pk")
    ]
    rows += [
        {
            "practice": step.transfer.practice_id,
            "title": str(step.transfer.practice),
            "what": f"transfer to {step.transfer.region.code}: {step.stage} on {step.date.isoformat()}",
            "comment": "\n".join(part for part in (step.evidence, step.evidence_url) if part),
            "when": step.created_at.isoformat(),
        }
        for step in TransferStep.objects.filter(actor=user)
        .select_related("transfer__practice", "transfer__region")
        .order_by("created_at", "pk")
    ]
    return rows
