"""Participants change their consents from their personal page, and agree again to a privacy notice
changed materially since they agreed to it."""

from django.db import transaction

from secon.events.models import Registration
from secon.organisations.enums import ConsentKind
from secon.organisations.notice_services import agree_again
from secon.organisations.notices import PrivacyNoticeVersion
from secon.organisations.selectors import current_consents, notice_to_agree_again
from secon.organisations.services import record_consent

#: Consents a participant can change from their personal page (the terms stay: they are the basis).
CHANGEABLE_CONSENTS = (ConsentKind.PHOTOS, ConsentKind.SHARE_CONTACT, ConsentKind.PUBLIC_LIST)


@transaction.atomic
def update_consents(*, actor=None, registration: Registration, consents: dict[str, bool]) -> list[str]:
    """Record the consents the participant changed; return the kinds that changed."""
    current = current_consents(person=registration.person)
    changed = []
    for kind in CHANGEABLE_CONSENTS:
        if kind not in consents:
            continue
        wanted = bool(consents[kind])
        if kind not in current or current[kind].granted != wanted:
            record_consent(
                actor=actor,
                person=registration.person,
                kind=kind,
                granted=wanted,
                source=f"personal page of {registration.event.project.slug}/{registration.event.slug}",
            )
            changed.append(kind)
    return changed


@transaction.atomic
def agree_to_current_notice(*, actor=None, registration: Registration) -> PrivacyNoticeVersion | None:
    """The participant read the project's current privacy notice and keeps the consents they gave
    (asked after a material change); return the version, or None when there was nothing to agree to."""
    project = registration.event.project
    version = notice_to_agree_again(person=registration.person, project=project)
    if version is None:
        return None
    agree_again(
        actor=actor,
        person=registration.person,
        version=version,
        source=(
            f"personal page of {project.slug}/{registration.event.slug}, "
            f"privacy notice version {version.number}"
        ),
    )
    return version
