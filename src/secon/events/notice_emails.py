"""Ask people to agree again when a project's privacy notice changes materially.

When a coordinator publishes a version as a *material change* (``organisations/notice_services.py``),
the listener below queues one background task; the worker finds everyone whose consents point to an
earlier version of that project's notice and queues each of them an e-mail, in their language, with
the notice and the personal page of their newest registration in the project, where one button
records their agreement (withdrawn consents stay withdrawn). A person without a registration whose
link still opens is e-mailed a link of their own by ``organisations/contact_notice.py``; someone who
agreed meanwhile, or to whom a later material version applies, gets nothing (checked again when the
e-mail is rendered). A retried task sends nobody a second e-mail.
"""

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from secon.core.links import absolute_url
from secon.core.tasks import background
from secon.events.emails import load_registration, personal_url
from secon.events.links import registrations_with_links
from secon.mail.rendering import Rendered, renderer
from secon.mail.selectors import has_emailed
from secon.mail.services import queue_email
from secon.organisations.models import Person
from secon.organisations.notices import PrivacyNoticeVersion
from secon.organisations.selectors import notice_to_agree_again, people_to_agree_again

KIND = "events.agree_again"


def queue_requests(version: PrivacyNoticeVersion) -> None:
    """The listener of a material change: have a worker ask the people concerned (once per version)."""
    ask_to_agree_again.enqueue(
        version=version.pk, key=f"agree-again:{version.pk}", project_id=version.project_id
    )


def asks_person(person: Person | None, version: PrivacyNoticeVersion) -> bool:
    """Whether this module e-mails the person about ``version``: it applies to them and they have a
    personal page in the project to agree on (the other e-mails then leave them out)."""
    return (
        person is not None
        and notice_to_agree_again(person=person, project=version.project) == version
        and registrations_with_links(email=person.email).filter(project_id=version.project_id).exists()
    )


@background(max_attempts=5)
def ask_to_agree_again(*, version: int) -> int:
    """Queue the e-mails asking to agree to ``version``; return how many were queued."""
    found = PrivacyNoticeVersion.objects.select_related("project").filter(pk=version).first()
    if found is None:
        return 0
    project = found.project
    asked = 0
    for person in people_to_agree_again(version=found):
        if has_emailed(kind=KIND, address=person.email, version=found.pk):
            continue  # this task ran before (a retry): nobody gets it twice
        registration = (
            registrations_with_links(email=person.email)
            .filter(project_id=project.pk)
            .order_by("-event__start_date", "-pk")
            .first()
        )
        if registration is None:
            continue  # no personal page to agree on
        queue_email(
            project_id=project.pk,
            kind=KIND,
            recipient=person.email,
            language=person.preferred_language or registration.language,
            params={"version": found.pk, "registration": registration.pk},
        )
        asked += 1
    return asked


@renderer(KIND)
def render_agree_again(*, version: int, registration: int) -> Rendered | None:
    """The changed notice, what changed, and the personal page's link (nothing if agreed meanwhile)."""
    found = PrivacyNoticeVersion.objects.select_related("project").filter(pk=version).first()
    registered = load_registration(registration)
    if found is None or registered is None:
        return None
    project = found.project
    if notice_to_agree_again(person=registered.person, project=project) != found:
        return None
    language = translation.get_language()
    context = {
        "person": registered.person,
        "acronym": project.acronym,
        "number": found.number,
        "date": formats.date_format(found.published_at, "DATE_FORMAT"),
        "changes": found.changes.render(language, project.fallback_languages).text,
        "notice_url": absolute_url(found.get_absolute_url()),
        "personal_url": personal_url(registered),
    }
    return Rendered(
        subject=_("%(acronym)s has changed its privacy notice: please read it and agree again")
        % {"acronym": project.acronym},
        body=render_to_string("events/email/agree_again.txt", context),
    )
