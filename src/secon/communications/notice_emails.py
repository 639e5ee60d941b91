"""Ask newsletter subscribers to agree again when the project's privacy notice changes materially.

A subscriber has no account and no registration: what they agreed to is the version of the privacy
notice the form linked when they subscribed (``Subscriber.privacy_notice``). As for the people of
the events app (``events/notice_emails.py``), a version published as a *material change* queues one
task; the worker e-mails every confirmed subscriber who agreed to an earlier version, in their
language, a signed link to a page whose button (a POST: mail scanners follow links) records their
agreement to the new version, and where they can unsubscribe instead. Nothing changes until they
answer. Someone who agreed meanwhile, or to whom a later material version applies, gets nothing
(checked again when the e-mail is rendered); a retried task e-mails nobody twice.

One e-mail per person and version: a subscriber whose registration's personal page asks them
(``events/notice_emails.py``) gets that e-mail only, and the contacts' e-mail
(``organisations/contact_notice.py``) leaves out the subscribers this module asks
(:func:`asks_subscriber`, registered in ``apps.py``).
"""

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from secon.communications import links
from secon.communications.models import Subscriber
from secon.communications.selectors import subscriber_notice_to_agree_again
from secon.core.links import absolute_url
from secon.core.tasks import background
from secon.events.notice_emails import asks_person
from secon.mail.rendering import Rendered, renderer
from secon.mail.selectors import has_emailed
from secon.mail.services import queue_email
from secon.organisations.models import Person
from secon.organisations.notices import PrivacyNoticeVersion

KIND = "communications.agree_again"


def queue_requests(version: PrivacyNoticeVersion) -> None:
    """The listener of a material change: have a worker ask the subscribers concerned (once per version)."""
    ask_subscribers_to_agree_again.enqueue(
        version=version.pk, key=f"newsletter-agree-again:{version.pk}", project_id=version.project_id
    )


def asks_subscriber(person: Person, version: PrivacyNoticeVersion) -> bool:
    """Whether this module e-mails the person about ``version`` (as a subscriber): the contacts'
    e-mail then leaves them out."""
    subscribers = Subscriber.objects.filter(
        project_id=version.project_id,
        status=Subscriber.Status.CONFIRMED,
        email__iexact=person.email,
        privacy_notice__number__lt=version.number,
    ).select_related("privacy_notice")
    asked = any(subscriber_notice_to_agree_again(subscriber=found) == version for found in subscribers)
    return asked and not asks_person(person, version)


@background(max_attempts=5)
def ask_subscribers_to_agree_again(*, version: int) -> int:
    """Queue the e-mails asking the subscribers to agree to ``version``; return how many were queued."""
    found = PrivacyNoticeVersion.objects.select_related("project").filter(pk=version).first()
    if found is None:
        return 0
    subscribers = (
        Subscriber.objects.filter(
            project=found.project,
            status=Subscriber.Status.CONFIRMED,
            privacy_notice__number__lt=found.number,
        )
        .select_related("privacy_notice")
        .order_by("pk")
    )
    asked = 0
    for subscriber in subscribers.iterator():
        if subscriber_notice_to_agree_again(subscriber=subscriber) != found:
            continue  # a later material version asks instead
        if has_emailed(kind=KIND, address=subscriber.email, version=found.pk):
            continue  # this task ran before (a retry): nobody gets it twice
        person = Person.objects.filter(email__iexact=subscriber.email, erased_at=None).first()
        if asks_person(person, found):
            continue  # their registration's page asks them: one e-mail per person
        queue_email(
            project_id=found.project_id,
            kind=KIND,
            recipient=subscriber.email,
            language=links.page_language(subscriber.language),
            params={"version": found.pk, "subscriber": subscriber.pk},
        )
        asked += 1
    return asked


@renderer(KIND)
def render_agree_again(*, version: int, subscriber: int) -> Rendered | None:
    """What changed, the notice's link and the page's link (nothing if agreed or unsubscribed meanwhile)."""
    found = PrivacyNoticeVersion.objects.select_related("project").filter(pk=version).first()
    reader = Subscriber.objects.select_related("project", "privacy_notice").filter(pk=subscriber).first()
    if found is None or reader is None or subscriber_notice_to_agree_again(subscriber=reader) != found:
        return None
    project = found.project
    language = translation.get_language()
    context = {
        "acronym": project.acronym,
        "number": found.number,
        "date": formats.date_format(found.published_at, "DATE_FORMAT"),
        "changes": found.changes.render(language, project.fallback_languages).text,
        "notice_url": absolute_url(found.get_absolute_url()),
        "agree_url": links.agree_url(reader),
    }
    return Rendered(
        subject=_("%(acronym)s has changed its privacy notice: please agree again to keep its newsletter")
        % {"acronym": project.acronym},
        body=render_to_string("communications/email/agree_again.txt", context),
    )
