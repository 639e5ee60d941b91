"""Write good practices: drafts, the validation workflow, media, the search index and transfers.

Every write is atomic, validated, checked against the permissions in ``practices/rules.py``,
written to the audit log, and refreshes the cached public pages it changes.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from secon.core import cache
from secon.core.audit import record_change, snapshot
from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.core.models import AuditEntry
from secon.organisations.models import Partner, Person, Region
from secon.practices import search
from secon.practices.completeness import missing_sections
from secon.practices.enums import (
    LIBRARY_SCOPE,
    PUBLIC_STATUSES,
    TRANSITIONS,
    Action,
    Status,
    TransferStage,
    TranslationStatus,
)
from secon.practices.models import (
    TEXT_SECTIONS,
    GoodPractice,
    IndexedPractice,
    PracticeDocument,
    PracticeImage,
    SearchEntry,
    Transfer,
    TransferStep,
    WorkflowStep,
)
from secon.projects.models import Period, Project
from secon.projects.services import project_scope

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
MAX_KEYWORD_CHARS = 40


def _check_fields(values: dict) -> None:
    unknown = set(values) - set(PRACTICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown practice fields: {sorted(unknown)}")


def _require(actor, perm: str, obj) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You may not do this with this good practice."))


def practice_scope(project_slug: str, pk: int) -> str:
    """Name the page-cache scope of one practice's page (its links to event sessions)."""
    return f"practice:{project_slug}:{pk}"


def touch_library(practice: GoodPractice) -> None:
    """Invalidate the public library pages (lists, the practice page, the project's pages)."""
    cache.touch(LIBRARY_SCOPE, project_scope(practice.project.slug))


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
            {"keywords": _("At most %(max)d keywords are allowed.") % {"max": MAX_KEYWORDS}}
        )
    too_long = [item for item in keywords if len(item) > MAX_KEYWORD_CHARS]
    if too_long:
        raise ValidationError(
            {
                "keywords": _("Keywords have at most %(max)d characters: “%(keyword)s” is longer.")
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
    _require(actor, "practices.add_goodpractice", project)
    practice = GoodPractice(project=project, author=actor, status=Status.DRAFT)
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
        practice=practice, action=Action.CREATE, from_status="", to_status=Status.DRAFT, actor=actor
    )
    record_change(actor=actor, instance=practice, action=AuditEntry.Action.CREATE, project_id=project.pk)
    return practice


@transaction.atomic
def update_practice(*, actor, practice: GoodPractice, **values) -> GoodPractice:
    """Save changes to a practice (a draft keeps incomplete input)."""
    _check_fields(values)
    practice = GoodPractice.objects.select_for_update().select_related("project").get(pk=practice.pk)
    _require(actor, "practices.change_goodpractice", practice)
    before = snapshot(practice)
    _apply(practice, values)
    _validate(practice)
    practice.save()
    record_change(
        actor=actor,
        instance=practice,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=practice.project_id,
    )
    if practice.is_public or before["status"] in PUBLIC_STATUSES:
        index_practice(practice=practice)
        touch_library(practice)
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
def delete_practice(*, actor, practice: GoodPractice) -> None:
    """Delete a draft that was never submitted."""
    practice = GoodPractice.objects.select_for_update().get(pk=practice.pk)
    _require(actor, "practices.delete_goodpractice", practice)
    before = snapshot(practice)
    practice.delete()
    practice.pk = before["id"]
    record_change(
        actor=actor,
        instance=practice,
        action=AuditEntry.Action.DELETE,
        before=before,
        project_id=before["project"],
    )


# --- workflow --------------------------------------------------------------------------------------

_PERMISSION = {
    Action.SUBMIT: "practices.submit_goodpractice",
    Action.RESUBMIT: "practices.submit_goodpractice",
    Action.REQUEST_INFO: "practices.review_goodpractice",
    Action.APPROVE: "practices.review_goodpractice",
    Action.DECLINE: "practices.review_goodpractice",
    Action.COUNT: "practices.validate_goodpractice",
    Action.SELECT: "practices.validate_goodpractice",
}
#: Decisions the author is told about by e-mail.
NOTIFY_AUTHOR = (Action.REQUEST_INFO, Action.APPROVE, Action.DECLINE, Action.COUNT, Action.SELECT)
#: Decisions that must explain themselves.
NEEDS_COMMENT = (Action.REQUEST_INFO, Action.DECLINE)


def allowed_actions(*, user, practice: GoodPractice) -> list[str]:
    """Return the workflow actions ``user`` may take on the practice now."""
    return [
        action
        for action, (sources, _target) in TRANSITIONS.items()
        if practice.status in sources and user.has_perm(_PERMISSION[action], practice)
    ]


def _transition(
    *, actor, practice: GoodPractice, action: str, comment: str = "", period: Period | None = None
) -> GoodPractice:
    practice = GoodPractice.objects.select_for_update().select_related("project").get(pk=practice.pk)
    sources, target = TRANSITIONS[action]
    if practice.status not in sources:
        raise ValidationError(
            _("A practice that is “%(status)s” cannot be %(action)s.")
            % {"status": practice.get_status_display(), "action": Action(action).label}
        )
    is_own = practice.author_id is not None and actor is not None and practice.author_id == actor.pk
    if is_own and action in (
        Action.REQUEST_INFO,
        Action.APPROVE,
        Action.DECLINE,
        Action.COUNT,
        Action.SELECT,
    ):
        raise PermissionDenied(_("Nobody may review or validate a practice they wrote."))
    _require(actor, _PERMISSION[action], practice)
    comment = (comment or "").strip()
    if action in NEEDS_COMMENT and not comment:
        raise ValidationError({"comment": _("Tell the author what is missing or why.")})
    if len(comment) > 5000:
        raise ValidationError({"comment": _("The comment is too long (at most 5,000 characters).")})
    if action in (Action.SUBMIT, Action.RESUBMIT):
        missing = missing_sections(practice)
        if missing:
            raise ValidationError(missing)
    if action == Action.COUNT and (period is None or period.project_id != practice.project_id):
        raise ValidationError({"period": _("Choose a reporting period of the practice's project.")})
    before = snapshot(practice)
    practice.status = target
    if action == Action.APPROVE:
        practice.published_at = timezone.now()
    if action == Action.COUNT:
        practice.period = period
    practice.save()
    step = WorkflowStep.objects.create(
        practice=practice,
        action=action,
        from_status=before["status"],
        to_status=target,
        actor=actor,
        comment=comment,
        period=period if action == Action.COUNT else None,
    )
    record_change(
        actor=actor,
        instance=practice,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=practice.project_id,
    )
    index_practice(practice=practice)
    if practice.is_public or before["status"] in PUBLIC_STATUSES:
        touch_library(practice)
    if action in NOTIFY_AUTHOR and practice.author_id:
        transaction.on_commit(lambda: notify_author(step_id=step.pk))
    if action in (Action.SUBMIT, Action.RESUBMIT):
        transaction.on_commit(lambda: notify_reviewers(step_id=step.pk))
    return practice


@transaction.atomic
def submit_practice(*, actor, practice: GoodPractice, comment: str = "") -> GoodPractice:
    """Send a complete draft (or an answered request for information) to the web administrators."""
    status = GoodPractice.objects.filter(pk=practice.pk).values_list("status", flat=True).first()
    action = Action.RESUBMIT if status == Status.INFO_REQUESTED else Action.SUBMIT
    return _transition(actor=actor, practice=practice, action=action, comment=comment)


@transaction.atomic
def request_information(*, actor, practice: GoodPractice, comment: str) -> GoodPractice:
    """Send a submitted practice back to its author with questions."""
    return _transition(actor=actor, practice=practice, action=Action.REQUEST_INFO, comment=comment)


@transaction.atomic
def approve_practice(*, actor, practice: GoodPractice, comment: str = "") -> GoodPractice:
    """Approve a submitted practice: it is published on the project's site."""
    return _transition(actor=actor, practice=practice, action=Action.APPROVE, comment=comment)


@transaction.atomic
def decline_practice(*, actor, practice: GoodPractice, comment: str) -> GoodPractice:
    """Decline a submitted practice, saying why."""
    return _transition(actor=actor, practice=practice, action=Action.DECLINE, comment=comment)


@transaction.atomic
def count_practice(*, actor, practice: GoodPractice, period: Period, comment: str = "") -> GoodPractice:
    """Record the secretariat's check: the approved practice counts in a reporting period."""
    return _transition(actor=actor, practice=practice, action=Action.COUNT, comment=comment, period=period)


@transaction.atomic
def select_practice(*, actor, practice: GoodPractice, comment: str = "") -> GoodPractice:
    """Select a counted practice for the programme-wide library."""
    return _transition(actor=actor, practice=practice, action=Action.SELECT, comment=comment)


# --- e-mail ----------------------------------------------------------------------------------------


def preferred_language(user) -> str:
    """Return the language a user reads e-mail in: their own setting, their person record, English."""
    language = getattr(user, "preferred_language", "") or ""
    if not language and user.email:
        language = (
            Person.objects.filter(email__iexact=user.email)
            .values_list("preferred_language", flat=True)
            .first()
            or ""
        )
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def _site_url() -> str:
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def _send(*, step: WorkflowStep, recipient, template: str) -> None:
    language = preferred_language(recipient)
    practice = step.practice
    with translation.override(language):
        context = {
            "step": step,
            "practice": practice,
            "recipient": recipient,
            "title": practice.title.render(language, practice.project.fallback_languages).text,
            "status": practice.get_status_display(),
            "action": step.get_action_display(),
            "url": _site_url() + practice_staff_url(practice),
        }
        subject = render_to_string(f"practices/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"practices/email/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [recipient.email])


def practice_staff_url(practice: GoodPractice) -> str:
    from django.urls import reverse

    return reverse("practices:edit", kwargs={"project": practice.project.slug, "pk": practice.pk})


def notify_author(*, step_id: int) -> None:
    """E-mail the author about a decision on their practice, in the author's language."""
    step = WorkflowStep.objects.select_related("practice__project", "practice__author", "actor").get(
        pk=step_id
    )
    author = step.practice.author
    if author is not None and author.email:
        _send(step=step, recipient=author, template="decision")


def notify_reviewers(*, step_id: int) -> None:
    """E-mail the project's coordinators that a practice waits for their review."""
    from secon.accounts.enums import Role
    from secon.accounts.models import User

    step = WorkflowStep.objects.select_related("practice__project", "actor").get(pk=step_id)
    reviewers = User.objects.filter(
        memberships__project_id=step.practice.project_id, memberships__role=Role.COORDINATOR, is_active=True
    ).exclude(pk=step.practice.author_id)
    for reviewer in reviewers:
        _send(step=step, recipient=reviewer, template="review")


# --- media -----------------------------------------------------------------------------------------


@transaction.atomic
def add_image(*, actor, practice: GoodPractice, file, alt_text=None, credit: str = "") -> PracticeImage:
    """Attach a picture (JPEG, PNG or WebP, at most 5 MB)."""
    _require(actor, "practices.change_goodpractice", practice)
    image = PracticeImage(
        practice=practice,
        file=file,
        alt_text=alt_text or {},
        credit=credit,
        position=practice.images.count(),
    )
    try:
        image.full_clean()
    except ValidationError as error:
        raise ValidationError(
            {"image" if "file" in error.message_dict else k: v for k, v in error.message_dict.items()}
        ) from error
    image.save()
    record_change(
        actor=actor, instance=image, action=AuditEntry.Action.CREATE, project_id=practice.project_id
    )
    if practice.is_public:
        touch_library(practice)
    return image


@transaction.atomic
def add_document(*, actor, practice: GoodPractice, file, title: str, language: str = "") -> PracticeDocument:
    """Attach a document (PDF or office file, at most 10 MB)."""
    _require(actor, "practices.change_goodpractice", practice)
    document = PracticeDocument(
        practice=practice, file=file, title=title, language=language, position=practice.documents.count()
    )
    try:
        document.full_clean()
    except ValidationError as error:
        raise ValidationError(
            {"document" if k == "file" else k: v for k, v in error.message_dict.items()}
        ) from error
    document.save()
    record_change(
        actor=actor, instance=document, action=AuditEntry.Action.CREATE, project_id=practice.project_id
    )
    if practice.is_public:
        touch_library(practice)
    return document


@transaction.atomic
def remove_attachment(*, actor, attachment: PracticeImage | PracticeDocument) -> None:
    """Remove an image or a document from a practice."""
    practice = attachment.practice
    _require(actor, "practices.change_goodpractice", practice)
    before = snapshot(attachment)
    attachment.file.delete(save=False)
    attachment.delete()
    attachment.pk = before["id"]
    record_change(
        actor=actor,
        instance=attachment,
        action=AuditEntry.Action.DELETE,
        before=before,
        project_id=practice.project_id,
    )
    if practice.is_public:
        touch_library(practice)


# --- search index ----------------------------------------------------------------------------------


def _entry_text(practice: GoodPractice, language: str) -> tuple[str, str]:
    title = practice.title.get(language, "")
    parts = [getattr(practice, name).get(language, "") for name in TEXT_SECTIONS if name != "title"]
    parts += [", ".join(practice.keywords or []), practice.city]
    if practice.main_institution_id:
        parts.append(practice.main_institution.name)
    if practice.region_id:
        parts.append(practice.region.name)
    return title, "\n\n".join(part for part in parts if part)


def index_practice(*, practice: GoodPractice) -> list[SearchEntry]:
    """Bring the practice's search entries up to date: one per language with a title, if public."""
    existing = {entry.language: entry for entry in SearchEntry.objects.filter(practice=practice)}
    wanted = practice.texts("title").languages() if practice.status in PUBLIC_STATUSES else []
    stale = [entry for language, entry in existing.items() if language not in wanted]
    if stale:
        search.delete_entries(stale)
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in stale]).delete()
    saved = []
    for language in wanted:
        title, body = _entry_text(practice, language)
        entry = existing.get(language) or SearchEntry(practice=practice, language=language)
        if entry.pk and (entry.title, entry.body) == (title, body):
            continue
        entry.title, entry.body = title, body
        entry.save()
        saved.append(entry)
    search.write_entries(saved)
    _index_facets(practice, public=bool(wanted))
    return saved


def _index_facets(practice: GoodPractice, *, public: bool) -> None:
    """Keep the practice's row in the narrow facet table (published practices only)."""
    if not public:
        IndexedPractice.objects.filter(practice_id=practice.pk).delete()
        return
    values = {
        "project_id": practice.project_id,
        "theme": practice.theme,
        "country": practice.country.code if practice.country else "",
        "region_code": practice.region.code if practice.region_id else "",
        "organisation_kind": practice.main_institution.kind if practice.main_institution_id else "",
        "status": practice.status,
        "published_at": practice.published_at,
    }
    IndexedPractice.objects.update_or_create(practice_id=practice.pk, defaults=values)


def rebuild_index(*, practices=None, progress=None) -> int:
    """Re-index every public practice (or those given); return how many were indexed."""
    queryset = practices if practices is not None else GoodPractice.objects.all()
    count = 0
    for practice in queryset.select_related("main_institution", "region").iterator(chunk_size=500):
        with transaction.atomic():
            index_practice(practice=practice)
        count += 1
        if progress and count % 1000 == 0:
            progress(count)
    return count


# --- transfers -------------------------------------------------------------------------------------

STAGE_ORDER = list(TransferStage.values)


@transaction.atomic
def record_transfer_interest(
    *,
    actor,
    practice: GoodPractice,
    partner: Partner,
    date: datetime.date,
    evidence: str = "",
    region: Region | None = None,
) -> Transfer:
    """Record that a partner's region is interested in taking over a published practice."""
    _require(actor, "practices.add_transfer", partner)
    if practice.status not in PUBLIC_STATUSES:
        raise ValidationError(_("Only approved practices can be transferred."))
    region = region or partner.regions.order_by("code").first()
    if region is None:
        raise ValidationError({"partner": _("The partner has no region recorded.")})
    if practice.region_id and region.pk == practice.region_id:
        raise ValidationError({"partner": _("The practice already comes from this region.")})
    if Transfer.objects.filter(practice=practice, partner=partner).exists():
        raise ValidationError({"partner": _("This partner has already recorded its interest.")})
    transfer = Transfer(
        practice=practice,
        project=partner.project,
        partner=partner,
        region=region,
        stage=TransferStage.INTEREST,
    )
    transfer.full_clean()
    transfer.save()
    step = TransferStep(
        transfer=transfer, stage=TransferStage.INTEREST, date=date, evidence=evidence, actor=actor
    )
    step.full_clean()
    step.save()
    record_change(
        actor=actor, instance=transfer, action=AuditEntry.Action.CREATE, project_id=partner.project_id
    )
    touch_library(practice)
    return transfer


@transaction.atomic
def record_transfer_step(
    *,
    actor,
    transfer: Transfer,
    stage: str,
    date: datetime.date,
    evidence: str = "",
    evidence_url: str = "",
) -> TransferStep:
    """Record the next stage a transfer has reached (stages come in order, dates never go back)."""
    transfer = Transfer.objects.select_for_update().select_related("practice__project").get(pk=transfer.pk)
    _require(actor, "practices.add_transfer", transfer)
    if stage not in STAGE_ORDER:
        raise ValidationError({"stage": _("Unknown stage.")})
    current = STAGE_ORDER.index(transfer.stage)
    if STAGE_ORDER.index(stage) != current + 1:
        expected = STAGE_ORDER[current + 1] if current + 1 < len(STAGE_ORDER) else None
        message = (
            _("The next stage is “%(stage)s”.") % {"stage": TransferStage(expected).label}
            if expected
            else _("This transfer is complete.")
        )
        raise ValidationError({"stage": message})
    last = transfer.steps.order_by("-date").first()
    if last and date < last.date:
        raise ValidationError({"date": _("A stage cannot be dated before the previous one.")})
    before = snapshot(transfer)
    step = TransferStep(
        transfer=transfer, stage=stage, date=date, evidence=evidence, evidence_url=evidence_url, actor=actor
    )
    step.full_clean()
    step.save()
    transfer.stage = stage
    transfer.save(update_fields=["stage"])
    record_change(
        actor=actor,
        instance=transfer,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=transfer.project_id,
    )
    touch_library(transfer.practice)
    return step
