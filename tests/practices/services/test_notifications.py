"""E-mails of the workflow, in the author's language."""

from django.core import mail

from secon.practices.services import workflow
from tests.factories import PersonFactory


def test_the_author_gets_each_decision_in_their_language(
    draft, editor, coordinator, django_capture_on_commit_callbacks
):
    PersonFactory(email=editor.email, preferred_language="es")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_practice(actor=editor, practice=draft)
    # The coordinator is told there is something to review.
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_information(actor=coordinator, practice=draft, comment="¿Cuántas personas?")
        workflow.submit_practice(actor=editor, practice=draft)
        workflow.approve_practice(actor=coordinator, practice=draft)
    to_author = [message for message in mail.outbox if message.to == ["editor@example.org"]]
    assert len(to_author) == 2
    asked, approved = to_author
    assert "Textile reuse shop" in asked.subject
    assert "¿Cuántas personas?" in asked.body
    assert f"/practices/manage/{draft.pk}/" in asked.body
    # Rendered under the author's language: Spanish where the catalogue has it, never mixed with
    # another recipient's language.
    assert "Eleni Coordinator" in approved.body


def test_the_author_email_uses_english_without_a_preference(
    draft, editor, coordinator, django_capture_on_commit_callbacks
):
    workflow.submit_practice(actor=editor, practice=draft)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.decline_practice(actor=coordinator, practice=draft, comment="Not a public intervention.")
    (message,) = [m for m in mail.outbox if m.to == ["editor@example.org"]]
    assert "declined your good practice “Textile reuse shop”" in message.body
    assert "It will not be published." in message.body
    assert "Not a public intervention." in message.body
