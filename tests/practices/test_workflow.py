"""The validation workflow: drafts, completeness, who may do what, the log, e-mails to the author."""

import pytest

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from secon.core.models import AuditEntry
from secon.practices import services
from secon.practices.enums import Status
from secon.practices.models import GoodPractice, WorkflowStep
from tests.factories import PersonFactory
from tests.practices.factories import complete_values


@pytest.fixture
def draft(editor, project, region, institution):
    return services.create_practice(
        actor=editor, project=project, **complete_values(region=region, institution=institution)
    )


def test_a_draft_saves_incomplete_and_is_documented_by_the_editors_organisation(editor, project, partner_org):
    practice = services.create_practice(actor=editor, project=project, title={"en": "Half-written"})
    assert practice.status == Status.DRAFT
    assert practice.organisation == partner_org
    assert practice.author == editor
    practice = services.update_practice(
        actor=editor, practice=practice, description={"en": "More text later"}
    )
    assert practice.description["en"] == "More text later"
    assert AuditEntry.objects.filter(model="practices.goodpractice", object_id=str(practice.pk)).count() == 2


def test_a_title_over_100_characters_is_refused_on_its_field(editor, project):
    with pytest.raises(ValidationError) as error:
        services.create_practice(actor=editor, project=project, title={"en": "x" * 101})
    assert "title" in error.value.message_dict
    assert "101 characters" in error.value.message_dict["title"][0]
    assert not GoodPractice.objects.exists()


def test_text_in_a_language_the_project_does_not_publish_in_is_refused(editor, project):
    with pytest.raises(ValidationError) as error:
        services.create_practice(actor=editor, project=project, title={"pl": "Spółdzielnia"})
    assert "title" in error.value.message_dict


def test_a_region_outside_the_country_is_refused(editor, project, other_region):
    with pytest.raises(ValidationError) as error:
        services.create_practice(actor=editor, project=project, country="ES", region=other_region)
    assert "region" in error.value.message_dict


def test_submit_lists_each_missing_section(editor, project):
    practice = services.create_practice(actor=editor, project=project, title={"en": "Only a title"})
    with pytest.raises(ValidationError) as error:
        services.submit_practice(actor=editor, practice=practice)
    missing = error.value.message_dict
    for name in ("summary", "description", "resources", "evidence", "transfer_potential", "difficulties"):
        assert name in missing
    assert "title" not in missing
    assert "“detailed description” is empty in English." in missing["description"]
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT


def test_the_whole_workflow_records_who_when_and_why(
    draft, editor, coordinator, superuser, project, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_practice(actor=editor, practice=draft, comment="Ready")
        services.request_information(actor=coordinator, practice=draft, comment="Add figures, please.")
        services.submit_practice(actor=editor, practice=draft, comment="Figures added")
        services.approve_practice(actor=coordinator, practice=draft, comment="Thank you")
        period = project.periods.get(number=2)
        services.count_practice(actor=superuser, practice=draft, period=period)
        practice = services.select_practice(actor=superuser, practice=draft)
    assert practice.status == Status.SELECTED
    assert practice.period == period
    assert practice.published_at is not None
    steps = list(
        WorkflowStep.objects.filter(practice=draft).values_list("action", "to_status", "actor__email")
    )
    assert steps == [
        ("create", "draft", "editor@example.org"),
        ("submit", "submitted", "editor@example.org"),
        ("request_info", "info_requested", "coordinator@example.org"),
        ("resubmit", "resubmitted", "editor@example.org"),
        ("approve", "approved", "coordinator@example.org"),
        ("count", "counted", "secretariat@example.org"),
        ("select", "selected", "secretariat@example.org"),
    ]
    assert WorkflowStep.objects.get(practice=draft, action="request_info").comment == "Add figures, please."


@pytest.mark.parametrize("action", ["approve_practice", "count_practice", "select_practice"])
def test_no_step_can_be_skipped(draft, coordinator, superuser, project, action):
    actor = coordinator if action == "approve_practice" else superuser
    kwargs = {"period": project.periods.first()} if action == "count_practice" else {}
    with pytest.raises(ValidationError):
        getattr(services, action)(actor=actor, practice=draft, **kwargs)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_nobody_approves_their_own_practice(coordinator, project, region, institution):
    practice = services.create_practice(
        actor=coordinator, project=project, **complete_values(region=region, institution=institution)
    )
    services.submit_practice(actor=coordinator, practice=practice)
    with pytest.raises(PermissionDenied):
        services.approve_practice(actor=coordinator, practice=practice)
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_a_superuser_author_cannot_validate_their_own_practice(superuser, project, region, institution):
    practice = services.create_practice(
        actor=superuser, project=project, **complete_values(region=region, institution=institution)
    )
    services.submit_practice(actor=superuser, practice=practice)
    with pytest.raises(PermissionDenied):
        services.approve_practice(actor=superuser, practice=practice)


def test_partner_editors_cannot_review_and_coordinators_cannot_count(draft, editor, coordinator, project):
    services.submit_practice(actor=editor, practice=draft)
    with pytest.raises(PermissionDenied):
        services.approve_practice(actor=editor, practice=draft)
    services.approve_practice(actor=coordinator, practice=draft)
    with pytest.raises(PermissionDenied):
        services.count_practice(actor=coordinator, practice=draft, period=project.periods.first())


def test_declining_and_asking_for_information_need_a_comment(draft, editor, coordinator):
    services.submit_practice(actor=editor, practice=draft)
    for action in (services.decline_practice, services.request_information):
        with pytest.raises(ValidationError) as error:
            action(actor=coordinator, practice=draft, comment="  ")
        assert "comment" in error.value.message_dict


def test_editors_of_other_partners_and_projects_cannot_touch_the_draft(draft, other_editor, outsider, viewer):
    for user in (other_editor, outsider, viewer):
        with pytest.raises(PermissionDenied):
            services.update_practice(actor=user, practice=draft, city="Elsewhere")
        with pytest.raises(PermissionDenied):
            services.submit_practice(actor=user, practice=draft)


def test_a_submitted_practice_is_locked_for_its_author(draft, editor):
    services.submit_practice(actor=editor, practice=draft)
    with pytest.raises(PermissionDenied):
        services.update_practice(actor=editor, practice=draft, city="Mérida")


def test_the_author_gets_each_decision_in_their_language(
    draft, editor, coordinator, django_capture_on_commit_callbacks
):
    PersonFactory(email=editor.email, preferred_language="es")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_practice(actor=editor, practice=draft)
    # The coordinator is told there is something to review.
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_information(actor=coordinator, practice=draft, comment="¿Cuántas personas?")
        services.submit_practice(actor=editor, practice=draft)
        services.approve_practice(actor=coordinator, practice=draft)
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
    services.submit_practice(actor=editor, practice=draft)
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_practice(actor=coordinator, practice=draft, comment="Not a public intervention.")
    (message,) = [m for m in mail.outbox if m.to == ["editor@example.org"]]
    assert "declined your good practice “Textile reuse shop”" in message.body
    assert "It will not be published." in message.body
    assert "Not a public intervention." in message.body


def test_translation_status_is_missing_draft_or_reviewed(draft, coordinator, editor):
    assert draft.translation_state("en") == "draft"
    assert draft.translation_state("es") == "missing"
    practice = services.set_translation_status(actor=editor, practice=draft, language="en", status="reviewed")
    assert practice.translation_state("en") == "reviewed"
    with pytest.raises(ValidationError):
        services.set_translation_status(actor=editor, practice=draft, language="es", status="reviewed")
