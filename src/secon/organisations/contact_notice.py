"""Ask the people known only as contacts to agree again when a project's privacy notice changes materially.

The events app e-mails the people who agreed to an earlier version and still have a registration
whose personal link opens (their page has the button); the newsletter asks its subscribers about
their subscription. Everyone else whose consents point to an earlier version of the project's notice
— a participant of an event long past, someone whose registration was cancelled — has no page to
answer on. The worker e-mails each of them, in their language, a personal signed link (valid
:data:`LINK_DAYS` days, for their address only) to a page whose buttons (POSTs: mail scanners follow
links) record their agreement to the new version or withdraw their consents. Nothing changes until
they answer; a retried task e-mails nobody twice; an address that bounced or complained is not
written to (``mail/suppression.py``); someone who answered meanwhile gets nothing (checked again when
the e-mail is rendered).

The apps to the right of this one say which people they ask themselves
(:func:`register_asked_elsewhere`), so that each person gets one e-mail per version.
"""

import hashlib
from collections.abc import Callable

from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from secon.core.languages import interface_language
from secon.core.links import absolute_url
from secon.core.tasks import background
from secon.mail.rendering import Rendered, renderer
from secon.mail.selectors import has_emailed
from secon.mail.services import queue_email
from secon.organisations.models import Person
from secon.organisations.notices import PrivacyNoticeVersion
from secon.organisations.selectors import notice_to_agree_again, people_to_agree_again

KIND = "organisations.agree_again"
#: How long the e-mailed link opens its page; afterwards a signed-in person answers on their profile.
LINK_DAYS = 60
_SALT = "secon.organisations.agree-again"

#: ``asked(person, version)`` → True when another app asks the person itself (events: a personal page).
_asked_elsewhere: list[Callable[[Person, PrivacyNoticeVersion], bool]] = []


class LinkExpired(Exception):
    """The link was made by us but is older than :data:`LINK_DAYS` days."""


class LinkInvalid(Exception):
    """The link was not made by us, or not for this person's current address, or they were erased."""


def register_asked_elsewhere(asked: Callable[[Person, PrivacyNoticeVersion], bool]) -> Callable:
    """Register (in an ``AppConfig.ready()``) who another app asks itself; registering twice adds it once."""
    if asked not in _asked_elsewhere:
        _asked_elsewhere.append(asked)
    return asked


def _address(person: Person) -> str:
    return hashlib.sha256(person.email.strip().lower().encode()).hexdigest()[:16]


def make_token(person: Person, version: PrivacyNoticeVersion) -> str:
    return signing.dumps({"p": person.pk, "v": version.pk, "a": _address(person)}, salt=_SALT)


def read_token(token: str) -> tuple[Person, PrivacyNoticeVersion]:
    """Return the person and the version of a link; raise LinkExpired or LinkInvalid."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=LINK_DAYS * 86400)
        person_id, version_id, address = int(data["p"]), int(data["v"]), str(data["a"])
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise LinkInvalid from None
    person = Person.objects.filter(pk=person_id, erased_at=None).first()
    version = PrivacyNoticeVersion.objects.select_related("project").filter(pk=version_id).first()
    if person is None or version is None or _address(person) != address:
        raise LinkInvalid
    return person, version


def agree_url(person: Person, version: PrivacyNoticeVersion) -> str:
    """The page of the link, in the person's language where the interface speaks it."""
    with translation.override(interface_language(person.preferred_language)):
        path = reverse(
            "public:privacy_agree",
            kwargs={"project": version.project.slug, "token": make_token(person, version)},
        )
    return absolute_url(path)


def queue_requests(version: PrivacyNoticeVersion) -> None:
    """The listener of a material change: have a worker ask the contacts concerned (once per version)."""
    ask_contacts_to_agree_again.enqueue(
        version=version.pk, key=f"contacts-agree-again:{version.pk}", project_id=version.project_id
    )


@background(max_attempts=5)
def ask_contacts_to_agree_again(*, version: int) -> int:
    """Queue the e-mails asking the contacts to agree to ``version``; return how many were queued."""
    found = PrivacyNoticeVersion.objects.select_related("project").filter(pk=version).first()
    if found is None:
        return 0
    project = found.project
    asked = 0
    for person in people_to_agree_again(version=found):
        if any(other(person, found) for other in _asked_elsewhere):
            continue  # their personal page asks them: one e-mail per person
        if has_emailed(kind=KIND, address=person.email, version=found.pk):
            continue  # this task ran before (a retry): nobody gets it twice
        queue_email(
            project_id=project.pk,
            kind=KIND,
            recipient=person.email,
            language=person.preferred_language,
            params={"version": found.pk, "person": person.pk},
        )
        asked += 1
    return asked


@renderer(KIND)
def render_agree_again(*, version: int, person: int) -> Rendered | None:
    """What changed, the notice's link and the personal link (nothing if answered or erased meanwhile)."""
    found = PrivacyNoticeVersion.objects.select_related("project").filter(pk=version).first()
    reader = Person.objects.filter(pk=person, erased_at=None).first()
    if found is None or reader is None:
        return None
    project = found.project
    if notice_to_agree_again(person=reader, project=project) != found:
        return None
    language = translation.get_language()
    context = {
        "person": reader,
        "acronym": project.acronym,
        "number": found.number,
        "date": formats.date_format(found.published_at, "DATE_FORMAT"),
        "changes": found.changes.render(language, project.fallback_languages).text,
        "notice_url": absolute_url(found.get_absolute_url()),
        "agree_url": agree_url(reader, found),
        "days": LINK_DAYS,
    }
    return Rendered(
        subject=_("%(acronym)s has changed its privacy notice: please read it and agree again")
        % {"acronym": project.acronym},
        body=render_to_string("organisations/email/agree_again.txt", context),
    )
