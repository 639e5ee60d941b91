"""What the workers record as an e-mail's error (it may have been sent) is a code, shown to each
coordinator in their own language; rows stored as English text before the code read the same."""

import pytest

from django.db import transaction
from django.test import Client
from django.utils import translation

from secon.accounts.services import grant_role
from secon.mail import services
from secon.mail.admin import EmailAdmin
from secon.mail.models import Email
from secon.mail.tasks import UNKNOWN_OUTCOME, record_unknown_outcome
from tests.accounts.world import enable_two_factor
from tests.factories import ProjectFactory, UserFactory
from tests.mail import sample  # noqa: F401  (registers the e-mail kind)

pytestmark = pytest.mark.django_db

#: What such an e-mail showed before the code, in every language.
ENGLISH = (
    "The worker stopped after handing this e-mail to the mail server, before it could record the "
    "outcome: it may have been sent. It was not sent again automatically."
)
SHOWN = {
    "en": "it may have been sent. It was not sent again automatically.",
    "de": "Sie wurde möglicherweise gesendet. Sie wurde nicht automatisch erneut gesendet.",
    "es": "puede que se haya enviado. No se ha vuelto a enviar automáticamente.",
    "el": "ίσως έχει σταλεί. Δεν στάλθηκε ξανά αυτόματα.",
}


@pytest.fixture
def project():
    return ProjectFactory(slug="secon")


@pytest.fixture
def coordinator(project):
    user = UserFactory()
    grant_role(actor=None, user=user, project=project, role="coordinator")
    enable_two_factor(user)  # required of coordinators before any page
    client = Client()
    client.force_login(user)
    return client


def queued(project) -> Email:
    with transaction.atomic():
        return services.queue_email(
            project_id=project.pk,
            kind="tests.greeting",
            recipient="maria@example.org",
            language="de",
            params={"name": "Maria"},
        )


def may_have_been_sent(project) -> Email:
    """An e-mail a stopped worker handed over, settled as the worker and the upkeep settle it."""
    email = queued(project)
    Email.objects.filter(pk=email.pk).update(status=Email.Status.SENDING)
    assert record_unknown_outcome(Email.objects.filter(pk=email.pk)) == 1
    email.refresh_from_db()
    return email


@pytest.mark.parametrize("language", ["en", "de", "es", "el"])
def test_an_email_that_may_have_been_sent_is_explained_in_the_coordinators_language(
    language, project, coordinator
):
    email = may_have_been_sent(project)
    assert email.status == Email.Status.FAILED
    assert email.error == UNKNOWN_OUTCOME == "unknown-outcome"  # a code, not English text
    html = coordinator.get(f"/{language}/secon/emails/undelivered/").content.decode()
    assert SHOWN[language] in html
    assert "unknown-outcome" not in html
    if language != "en":
        assert "it may have been sent" not in html


def test_an_email_stored_with_the_english_text_before_the_code_reads_the_same(project, coordinator):
    email = queued(project)
    Email.objects.filter(pk=email.pk).update(status=Email.Status.FAILED, error=ENGLISH)
    email.refresh_from_db()
    assert email.known_error == Email.KnownError.UNKNOWN_OUTCOME
    html = coordinator.get("/es/secon/emails/undelivered/").content.decode()
    assert SHOWN["es"] in html and "it may have been sent" not in html


def test_the_mail_servers_own_words_are_shown_as_they_are(project, coordinator):
    email = queued(project)
    error = "SMTPRecipientsRefused: {'maria@example.org': (550, b'5.1.1 no such user')}"
    Email.objects.filter(pk=email.pk).update(status=Email.Status.FAILED, error=error)
    email.refresh_from_db()
    assert email.known_error is None and email.error_text == error
    html = coordinator.get("/de/secon/emails/undelivered/").content.decode()
    assert "5.1.1 no such user" in html


def test_the_admin_shows_the_error_in_the_readers_language(project):
    email = may_have_been_sent(project)
    with translation.override("el"):
        assert EmailAdmin.last_error(None, email) == SHOWN_FULL_EL


SHOWN_FULL_EL = (
    "Η διεργασία παρασκηνίου σταμάτησε αφού παρέδωσε αυτό το μήνυμα στον διακομιστή αλληλογραφίας "
    "και πριν καταγράψει το αποτέλεσμα: ίσως έχει σταλεί. Δεν στάλθηκε ξανά αυτόματα."
)
