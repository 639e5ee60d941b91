"""The validation workflow: who may take each step, in order, with the comments it needs."""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.practices.enums import Status
from secon.practices.models import WorkflowStep
from secon.practices.services import drafts, workflow
from tests.practices.factories import complete_values


def test_submit_lists_each_missing_section(editor, project):
    practice = drafts.create_practice(actor=editor, project=project, title={"en": "Only a title"})
    with pytest.raises(ValidationError) as error:
        workflow.submit_practice(actor=editor, practice=practice)
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
        workflow.submit_practice(actor=editor, practice=draft, comment="Ready")
        workflow.request_information(actor=coordinator, practice=draft, comment="Add figures, please.")
        workflow.submit_practice(actor=editor, practice=draft, comment="Figures added")
        workflow.approve_practice(actor=coordinator, practice=draft, comment="Thank you")
        period = project.periods.get(number=2)
        workflow.count_practice(actor=superuser, practice=draft, period=period)
        practice = workflow.select_practice(actor=superuser, practice=draft)
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
        getattr(workflow, action)(actor=actor, practice=draft, **kwargs)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_nobody_approves_their_own_practice(coordinator, project, region, institution):
    practice = drafts.create_practice(
        actor=coordinator, project=project, **complete_values(region=region, institution=institution)
    )
    workflow.submit_practice(actor=coordinator, practice=practice)
    with pytest.raises(PermissionDenied):
        workflow.approve_practice(actor=coordinator, practice=practice)
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_a_superuser_author_cannot_validate_their_own_practice(superuser, project, region, institution):
    practice = drafts.create_practice(
        actor=superuser, project=project, **complete_values(region=region, institution=institution)
    )
    workflow.submit_practice(actor=superuser, practice=practice)
    with pytest.raises(PermissionDenied):
        workflow.approve_practice(actor=superuser, practice=practice)


def test_partner_editors_cannot_review_and_coordinators_cannot_count(draft, editor, coordinator, project):
    workflow.submit_practice(actor=editor, practice=draft)
    with pytest.raises(PermissionDenied):
        workflow.approve_practice(actor=editor, practice=draft)
    workflow.approve_practice(actor=coordinator, practice=draft)
    with pytest.raises(PermissionDenied):
        workflow.count_practice(actor=coordinator, practice=draft, period=project.periods.first())


def test_declining_and_asking_for_information_need_a_comment(draft, editor, coordinator):
    workflow.submit_practice(actor=editor, practice=draft)
    for action in (workflow.decline_practice, workflow.request_information):
        with pytest.raises(ValidationError) as error:
            action(actor=coordinator, practice=draft, comment="  ")
        assert "comment" in error.value.message_dict
