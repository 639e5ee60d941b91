"""Write good-practice drafts: start one, save changes (a draft may be incomplete), translation status,
delete a draft.

Every write is atomic, validated, checked against the permissions in ``practices/rules.py``,
written to the audit log, and refreshes the cached public pages it changes.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from secon.core.audit import audited, record_change, snapshot
from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.core.models import AuditEntry
from secon.organisations.models import Partner
from secon.practices.enums import PUBLIC_STATUSES, Action, Status, TranslationStatus
from secon.practices.models import TEXT_SECTIONS, GoodPractice, WorkflowStep
from secon.practices.rules import may_write
from secon.practices.services.indexing import index_practice
from secon.practices.services.permissions import require
from secon.projects.models import Project

PRACTICE_FIELDS = (
    *TEXT_SECTIONS,
    "start_date",
    "end_date",
    "is_ongoing",
    "theme",
    "keywords",
    "country",
    "region",
    "city",
    "latitude",
    "longitude",
    "main_institution",
    "organisation",
    "contact_name",
    "contact_email",
    "website",
    "translation_status",
)


MAX_KEYWORDS = 12


class NotADraft(Exception):
    """The practice has left the draft state (submitted, published …): it can no longer be deleted."""


MAX_KEYWORD_CHARS = 40


def _check_fields(values: dict) -> None:
    unknown = set(values) - set(PRACTICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown practice fields: {sorted(unknown)}")


def clean_keywords(value) -> list[str]:
    """Accept a list or a comma-separated text; return unique, trimmed keywords."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise ValidationError({"keywords": _("Give keywords as text, separated by commas.")})
    keywords = list(dict.fromkeys(item.strip() for item in value if item.strip()))
    if len(keywords) > MAX_KEYWORDS:
        raise ValidationError(
            {
                "keywords": ngettext(
                    "At most %(max)d keyword is allowed.",
                    "At most %(max)d keywords are allowed.",
                    MAX_KEYWORDS,
                )
                % {"max": MAX_KEYWORDS}
            }
        )
    too_long = [item for item in keywords if len(item) > MAX_KEYWORD_CHARS]
    if too_long:
        raise ValidationError(
            {
                "keywords": ngettext(
                    "Keywords have at most %(max)d character: “%(keyword)s” is longer.",
                    "Keywords have at most %(max)d characters: “%(keyword)s” is longer.",
                    MAX_KEYWORD_CHARS,
                )
                % {"max": MAX_KEYWORD_CHARS, "keyword": too_long[0][:60]}
            }
        )
    return keywords


def _validate(practice: GoodPractice) -> None:
    """Check the values and how they fit together (a draft may still be incomplete)."""
    errors: dict[str, list[str]] = {}
    try:
        practice.full_clean(exclude=["translation_status"])
    except ValidationError as error:
        errors.update(error.message_dict)
    languages = practice.project.content_languages or ["en"]
    for name in TEXT_SECTIONS:
        others = [code for code in practice.texts(name).languages() if code not in languages]
        if others and name not in errors:
            errors[name] = [
                _("The project publishes in %(languages)s only.") % {"languages": ", ".join(languages)}
            ]
    status = practice.translation_status
    if not isinstance(status, dict) or any(
        code not in CONTENT_LANGUAGE_CODES
        or value not in (TranslationStatus.DRAFT, TranslationStatus.REVIEWED)
        for code, value in status.items()
    ):
        errors["translation_status"] = [_("Each translation is either draft or reviewed.")]
    region = practice.region
    if region is not None:
        if region.level < 1:
            errors.setdefault("region", []).append(_("Choose a region, not a whole country."))
        elif practice.country and region.iso_country != practice.country.code:
            errors.setdefault("region", []).append(_("This region is not in the country chosen."))
    if practice.end_date and practice.start_date and practice.end_date < practice.start_date:
        errors.setdefault("end_date", []).append(_("The end cannot be before the start."))
    if (
        practice.organisation_id
        and not Partner.objects.filter(
            project_id=practice.project_id, organisation_id=practice.organisation_id
        ).exists()
    ):
        errors.setdefault("organisation", []).append(_("This organisation is not a partner of the project."))
    if errors:
        raise ValidationError(errors)


def _apply(practice: GoodPractice, values: dict) -> None:
    for name, value in values.items():
        if name == "keywords":
            value = clean_keywords(value)
        if name in TEXT_SECTIONS:
            # Normalise through the field so that a bad value is reported on its field.
            try:
                value = GoodPractice._meta.get_field(name).to_python(value)
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from error
        if name == "country" and value is None:
            value = ""
        setattr(practice, name, value)


@transaction.atomic
def create_practice(*, actor, project: Project, **values) -> GoodPractice:
    """Start a draft in a project; nothing is required yet except what is given being valid."""
    _check_fields(values)
    require(actor, "practices.add_goodpractice", project)
    # The installation itself (an import run from the command line) is no author.
    author = actor if getattr(actor, "is_authenticated", False) else None
    practice = GoodPractice(project=project, author=author, status=Status.DRAFT)
    if "organisation" not in values:
        role = getattr(actor, "_secon_roles", {}).get(project.pk)
        if role and role[1]:
            practice.organisation_id = role[1]
    if not values.get("contact_email") and getattr(actor, "email", ""):
        values.setdefault("contact_email", actor.email)
        values.setdefault("contact_name", actor.get_full_name())
    _apply(practice, values)
    _validate(practice)
    practice.save()
    WorkflowStep.objects.create(
        practice=practice, action=Action.CREATE, from_status="", to_status=Status.DRAFT, actor=author
    )
    record_change(actor=actor, instance=practice, action=AuditEntry.Action.CREATE, project_id=project.pk)
    return practice


@transaction.atomic
def update_practice(*, actor, practice: GoodPractice, **values) -> GoodPractice:
    """Save changes to a practice (a draft keeps incomplete input)."""
    _check_fields(values)
    practice = GoodPractice.objects.select_for_update().select_related("project").get(pk=practice.pk)
    require(actor, "practices.change_goodpractice", practice)
    with audited(actor=actor, instance=practice, project_id=practice.project_id) as before:
        _apply(practice, values)
        _validate(practice)
        practice.save()
    if practice.is_public or before["status"] in PUBLIC_STATUSES:
        index_practice(practice=practice)
    return practice


@transaction.atomic
def set_translation_status(*, actor, practice: GoodPractice, language: str, status: str) -> GoodPractice:
    """Mark one language's text as draft or reviewed."""
    if status not in (TranslationStatus.DRAFT, TranslationStatus.REVIEWED):
        raise ValidationError({"translation_status": _("Each translation is either draft or reviewed.")})
    if not practice.title.get(language):
        raise ValidationError({"translation_status": _("There is no text in this language yet.")})
    statuses = dict(practice.translation_status or {})
    statuses[language] = status
    return update_practice(actor=actor, practice=practice, translation_status=statuses)


@transaction.atomic
def delete_draft(*, actor, practice: GoodPractice) -> None:
    """Delete a draft that ``actor`` may edit, with its images and documents (their files once committed).

    A practice past the draft state is part of the workflow's record (reviewers saw it; it may be
    published, counted or transferred): :class:`NotADraft` to whoever may write it (its partner's
    editors, its author, coordinators), PermissionDenied to the others, who are not told more. The
    audit log keeps the draft's last values.
    """
    practice = GoodPractice.objects.select_for_update().select_related("project").get(pk=practice.pk)
    if practice.status != Status.DRAFT:
        if actor is None or not may_write(actor, practice):
            require(actor, "practices.delete_goodpractice", practice)  # refused, without saying why
        raise NotADraft(
            _("This practice is no longer a draft (%(status)s): it cannot be deleted.")
            % {"status": practice.get_status_display()}
        )
    require(actor, "practices.delete_goodpractice", practice)
    files = [image.file for image in practice.images.all()] + [doc.file for doc in practice.documents.all()]
    record_change(
        actor=actor,
        instance=practice,
        action=AuditEntry.Action.DELETE,
        before=snapshot(practice),
        project_id=practice.project_id,
    )
    practice.delete()
    for file in files:
        if file.name:
            transaction.on_commit(lambda file=file: file.storage.delete(file.name))
