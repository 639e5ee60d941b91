"""Write a project's privacy notice: save the draft, publish it as the next immutable version.

Only the project's coordinators (and administrators) write it. Errors name the field of the
language concerned (``text_<language>``, ``changes_<language>``); nothing is saved then.
"""

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import record_change, snapshot
from secon.core.markup import unsafe_html_tags
from secon.core.models import AuditEntry
from secon.core.permissions import person_of, require
from secon.organisations.notices import NOTICE_MAX_LENGTH, PrivacyNotice, PrivacyNoticeVersion
from secon.organisations.selectors import current_consents, notice_to_agree_again
from secon.organisations.services import record_consent, record_consents
from secon.projects.models import Project

CHANGES_MAX_LENGTH = 500

#: Called in the publishing transaction with each version published as a *material change*: the apps
#: that hold people's consents ask them to agree again (events: an e-mail with their personal link).
_material_change_listeners: list[Callable[[PrivacyNoticeVersion], None]] = []


def on_material_change(listener: Callable[[PrivacyNoticeVersion], None]) -> Callable:
    """Register ``listener(version)`` (in an ``AppConfig.ready()``); usable as a decorator."""
    if listener not in _material_change_listeners:
        _material_change_listeners.append(listener)
    return listener


#: ``listener(person=, version=)``, called when a person agrees to a version after a material change
#: (in the same transaction): apps to the right record it on what else of theirs points to an
#: earlier version (communications: the person's newsletter subscription in that project).
_agreement_listeners: list[Callable[..., None]] = []


def on_agreed_again(listener: Callable[..., None]) -> Callable:
    """Register ``listener(person=, version=)`` (in an ``AppConfig.ready()``); twice adds it once."""
    if listener not in _agreement_listeners:
        _agreement_listeners.append(listener)
    return listener


def _clean_texts(project: Project, texts: dict[str, str], *, prefix: str, limit: int) -> dict[str, str]:
    """Return the non-empty texts of the project's languages; raise on an unknown language or bad text."""
    languages = list(project.content_languages or ["en"])
    errors = {}
    cleaned = {}
    for language, text in texts.items():
        text = (text or "").replace("\r\n", "\n").strip()
        field = f"{prefix}_{language}"
        if language not in languages:
            errors[field] = _("This project does not write in this language.")
        elif len(text) > limit:
            errors[field] = _("Keep the text under %(limit)s characters.") % {"limit": f"{limit:,}"}
        elif unsafe_html_tags(text):
            errors[field] = _(
                "Remove the HTML %(tags)s: write the text in Markdown; scripts, frames and forms "
                "are not allowed."
            ) % {"tags": ", ".join(f"<{tag}>" for tag in unsafe_html_tags(text))}
        elif text:
            cleaned[language] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


def _locked_notice(project: Project) -> PrivacyNotice:
    """Return the project's notice row, created if missing, locked until the transaction ends."""
    PrivacyNotice.objects.get_or_create(project=project)
    return PrivacyNotice.objects.select_for_update().get(project=project)


@transaction.atomic
def save_notice_draft(
    *, actor, project: Project, texts: dict[str, str], now: datetime.datetime | None = None
) -> PrivacyNotice:
    """Keep the coordinators' draft (Markdown per content language); the public sees nothing of it."""
    require(actor, "organisations.change_privacynotice", project)
    draft = _clean_texts(project, texts, prefix="text", limit=NOTICE_MAX_LENGTH)
    notice = _locked_notice(project)
    before = snapshot(notice)
    notice.draft = draft
    notice.draft_changed_at = now or timezone.now()
    notice.save(update_fields=["draft", "draft_changed_at"])
    record_change(
        actor=person_of(actor),
        instance=notice,
        action=AuditEntry.Action.UPDATE,
        before=before,
        project_id=project.pk,
    )
    return notice


@transaction.atomic
def publish_notice(
    *,
    actor,
    project: Project,
    texts: dict[str, str],
    changes: dict[str, str] | None = None,
    material: bool = False,
    now: datetime.datetime | None = None,
) -> PrivacyNoticeVersion:
    """Publish the text as the project's next version, dated now; earlier versions stay as they were.

    ``material``: people who agreed to an earlier version are asked to agree again — on their pages,
    and by an e-mail the listeners queue (meaningless for the first version, which is never
    material). Refuses an empty text and a text identical to the
    current version.
    """
    require(actor, "organisations.change_privacynotice", project)
    now = now or timezone.now()
    notice = save_notice_draft(actor=actor, project=project, texts=texts, now=now)
    changes = _clean_texts(project, changes or {}, prefix="changes", limit=CHANGES_MAX_LENGTH)
    if not notice.draft:
        first = (project.content_languages or ["en"])[0]
        raise ValidationError({f"text_{first}": _("Write the notice in at least one language.")})
    current = PrivacyNoticeVersion.objects.filter(project=project).order_by("-number").first()
    if current is not None and dict(current.text) == dict(notice.draft):
        raise ValidationError(
            _("The text is the same as version %(number)s: nothing to publish.") % {"number": current.number},
            code="unchanged",
        )
    version = PrivacyNoticeVersion(
        project=project,
        number=(current.number + 1) if current else 1,
        text=dict(notice.draft),
        changes=changes,
        material=bool(material) and current is not None,
        published_at=now,
        published_by=person_of(actor),
    )
    version.full_clean()
    version.save()
    record_change(
        actor=person_of(actor), instance=version, action=AuditEntry.Action.CREATE, project_id=project.pk
    )
    if version.material:
        for listener in _material_change_listeners:
            listener(version)
    return version


@transaction.atomic
def agree_again(
    *, actor, person, version: PrivacyNoticeVersion, source: str, now: datetime.datetime | None = None
) -> list[str]:
    """Record that the person read ``version`` and keeps the consents they gave (public: the caller
    proved it is the person); withdrawn ones stay withdrawn. Return the kinds recorded again."""
    now = now or timezone.now()
    kinds = []
    for kind, consent in current_consents(person=person).items():
        if consent.granted and consent.notice_id != version.pk:
            record_consent(
                actor=actor, person=person, kind=kind, granted=True, source=source, at=now, notice=version
            )
            kinds.append(kind)
    for listener in _agreement_listeners:
        listener(person=person, version=version)
    return kinds


@transaction.atomic
def answer_changed_notice(
    *,
    actor,
    person,
    project: Project,
    number: int,
    agree: bool,
    source: str,
    now: datetime.datetime | None = None,
) -> PrivacyNoticeVersion | None:
    """The person answers version ``number`` of the project's notice, the one they were shown after a
    material change: ``agree`` keeps the consents they gave (:func:`agree_again`), otherwise every
    consent they gave is withdrawn, recorded against that version. The caller proved it is the person
    (a signed link, their own account). Return the version; None when there was nothing to answer —
    answered already (a second click), or a newer version came meanwhile (the page shows it then)."""
    person = type(person).objects.select_for_update().get(pk=person.pk)  # one answer at a time
    version = notice_to_agree_again(person=person, project=project)
    if version is None or version.number != number:
        return None
    now = now or timezone.now()
    source = f"{source}, privacy notice version {version.number}"
    if agree:
        agree_again(actor=actor, person=person, version=version, source=source, now=now)
    else:
        granted = [kind for kind, consent in current_consents(person=person).items() if consent.granted]
        record_consents(
            actor=actor,
            person=person,
            granted=dict.fromkeys(granted, False),
            source=source,
            at=now,
            notice=version,
        )
    return version
