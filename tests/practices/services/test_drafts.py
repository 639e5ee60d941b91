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


def test_an_editor_deletes_a_draft_with_its_pictures_and_the_log_keeps_its_values(
    editor, draft, django_capture_on_commit_callbacks
):
    import io

    from PIL import Image

    from django.core.files.uploadedfile import SimpleUploadedFile

    from secon.practices.services import attachments

    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), "blue").save(buffer, "PNG")
    image = attachments.add_image(
        actor=editor, practice=draft, file=SimpleUploadedFile("shop.png", buffer.getvalue())
    )
    storage, name, pk = image.file.storage, image.file.name, draft.pk
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        drafts.delete_draft(actor=editor, practice=draft)

    assert not GoodPractice.objects.filter(pk=pk).exists()
    assert not storage.exists(name)
    entry = AuditEntry.objects.get(model="practices.goodpractice", object_id=str(pk), action="delete")
    assert entry.actor == editor and entry.changes["title"][0] == draft.title


def test_a_submitted_practice_is_not_deleted_and_others_are_not_told_why(
    editor, coordinator, draft, other_editor, viewer, outsider
):
    for user in (other_editor, viewer, outsider):
        with pytest.raises(PermissionDenied):
            drafts.delete_draft(actor=user, practice=draft)
    workflow.submit_practice(actor=editor, practice=draft)
    for user in (editor, coordinator):
        with pytest.raises(drafts.NotADraft):
            drafts.delete_draft(actor=user, practice=draft)
    for user in (other_editor, viewer, outsider):
        with pytest.raises(PermissionDenied):
            drafts.delete_draft(actor=user, practice=draft)
    assert GoodPractice.objects.filter(pk=draft.pk, status=Status.SUBMITTED).exists()
    assert not AuditEntry.objects.filter(action="delete").exists()
