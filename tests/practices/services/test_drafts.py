"""Drafts: saved incomplete, values checked on their fields, locked once submitted, translation status."""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.core.models import AuditEntry
from secon.practices.enums import Status
from secon.practices.models import GoodPractice
from secon.practices.services import drafts, workflow


def test_a_draft_saves_incomplete_and_is_documented_by_the_editors_organisation(editor, project, partner_org):
    practice = drafts.create_practice(actor=editor, project=project, title={"en": "Half-written"})
    assert practice.status == Status.DRAFT
    assert practice.organisation == partner_org
    assert practice.author == editor
    practice = drafts.update_practice(actor=editor, practice=practice, description={"en": "More text later"})
    assert practice.description["en"] == "More text later"
    assert AuditEntry.objects.filter(model="practices.goodpractice", object_id=str(practice.pk)).count() == 2


def test_a_title_over_100_characters_is_refused_on_its_field(editor, project):
    with pytest.raises(ValidationError) as error:
        drafts.create_practice(actor=editor, project=project, title={"en": "x" * 101})
    assert "title" in error.value.message_dict
    assert "101 characters" in error.value.message_dict["title"][0]
    assert not GoodPractice.objects.exists()


def test_text_in_a_language_the_project_does_not_publish_in_is_refused(editor, project):
    with pytest.raises(ValidationError) as error:
        drafts.create_practice(actor=editor, project=project, title={"pl": "Spółdzielnia"})
    assert "title" in error.value.message_dict


def test_a_region_outside_the_country_is_refused(editor, project, other_region):
    with pytest.raises(ValidationError) as error:
        drafts.create_practice(actor=editor, project=project, country="ES", region=other_region)
    assert "region" in error.value.message_dict


def test_editors_of_other_partners_and_projects_cannot_touch_the_draft(draft, other_editor, outsider, viewer):
    for user in (other_editor, outsider, viewer):
        with pytest.raises(PermissionDenied):
            drafts.update_practice(actor=user, practice=draft, city="Elsewhere")
        with pytest.raises(PermissionDenied):
            workflow.submit_practice(actor=user, practice=draft)


def test_a_submitted_practice_is_locked_for_its_author(draft, editor):
    workflow.submit_practice(actor=editor, practice=draft)
    with pytest.raises(PermissionDenied):
        drafts.update_practice(actor=editor, practice=draft, city="Mérida")


def test_translation_status_is_missing_draft_or_reviewed(draft, coordinator, editor):
    assert draft.translation_state("en") == "draft"
    assert draft.translation_state("es") == "missing"
    practice = drafts.set_translation_status(actor=editor, practice=draft, language="en", status="reviewed")
    assert practice.translation_state("en") == "reviewed"
    with pytest.raises(ValidationError):
        drafts.set_translation_status(actor=editor, practice=draft, language="es", status="reviewed")
