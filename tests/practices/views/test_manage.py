"""The partner side: members draft, submit and decide through the pages."""

import io

from PIL import Image

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from secon.practices.enums import Status
from secon.practices.models import GoodPractice
from secon.practices.services import drafts, workflow


def manage_url(project, *parts):
    return "/en/" + project.slug + "/practices/manage/" + "".join(f"{part}/" for part in parts)


def test_anonymous_visitors_are_sent_to_log_in(client, project):
    response = client.get(manage_url(project))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_outsiders_may_not_open_the_partner_side(client, project, outsider):
    client.force_login(outsider)
    assert client.get(manage_url(project)).status_code == 403
    assert client.post(manage_url(project, "new"), {"title_en": "x"}).status_code == 403


def test_viewers_see_the_list_but_cannot_draft(client, project, viewer):
    client.force_login(viewer)
    assert client.get(manage_url(project)).status_code == 200
    assert client.get(manage_url(project, "new")).status_code == 403


def test_a_partner_drafts_leaves_comes_back_and_submits(
    client, project, editor, coordinator, region, institution
):
    client.force_login(editor)
    response = client.post(
        manage_url(project, "new"), {"title_en": "Shepherd school", "description_en": "Half a text"}
    )
    assert response.status_code == 302
    practice = GoodPractice.objects.get()
    assert practice.status == Status.DRAFT
    # Coming back: the incomplete input is there.
    html = client.get(manage_url(project, practice.pk)).content.decode()
    assert "Half a text" in html
    assert "is empty in English" in html
    # Submitting an incomplete practice says which field is wrong and changes nothing.
    response = client.post(manage_url(project, practice.pk), {"title_en": "Shepherd school", "submit": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "“short summary” is empty in English." in html
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT
    # A title over 100 characters is refused on its field.
    response = client.post(manage_url(project, practice.pk), {"title_en": "x" * 120})
    assert response.status_code == 400
    assert "at most 100 are allowed" in response.content.decode()


def test_a_coordinator_asks_for_information_then_approves(
    client, project, editor, coordinator, region, institution
):
    from tests.practices.factories import complete_values

    practice = drafts.create_practice(
        actor=editor, project=project, **complete_values(region=region, institution=institution)
    )
    workflow.submit_practice(actor=editor, practice=practice)
    client.force_login(coordinator)
    url = manage_url(project, practice.pk, "workflow")
    response = client.post(url, {"action": "request_info", "comment": ""})
    assert response.status_code == 400
    assert "Tell the author what is missing or why." in response.content.decode()
    assert client.post(url, {"action": "request_info", "comment": "Add figures."}).status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.INFO_REQUESTED
    workflow.submit_practice(actor=editor, practice=practice)
    assert client.post(url, {"action": "approve", "comment": ""}).status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.APPROVED
    assert client.get(practice.get_absolute_url()).status_code == 200


def test_the_author_cannot_approve_through_the_page(client, project, editor):
    client.force_login(editor)
    practice = drafts.create_practice(actor=editor, project=project, title={"en": "x"})
    response = client.post(manage_url(project, practice.pk, "workflow"), {"action": "approve"})
    assert response.status_code in (400, 403)
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_uploads_are_checked_for_type(client, project, editor):
    client.force_login(editor)
    practice = drafts.create_practice(actor=editor, project=project, title={"en": "x"})
    url = manage_url(project, practice.pk, "files")
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = client.post(url, {"kind": "image", "image": fake, "alt_text": "A shop"})
    assert response.status_code == 400
    assert not practice.images.exists()
    fake_pdf = SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(url, {"kind": "document", "document": fake_pdf, "title": "Report"})
    assert response.status_code == 400
    assert "Documents must be PDF" in response.content.decode()
    good = SimpleUploadedFile("shop.png", _png(), content_type="image/png")
    assert client.post(url, {"kind": "image", "image": good, "alt_text": "A shop"}).status_code == 302
    assert practice.images.count() == 1
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    assert client.post(url, {"kind": "document", "document": pdf, "title": "Report"}).status_code == 302


def test_e_mails_are_sent_on_page_decisions(
    client, project, editor, coordinator, region, institution, django_capture_on_commit_callbacks
):
    from tests.practices.factories import complete_values

    practice = drafts.create_practice(
        actor=editor, project=project, **complete_values(region=region, institution=institution)
    )
    workflow.submit_practice(actor=editor, practice=practice)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url(project, practice.pk, "workflow"), {"action": "approve"})
    assert any(message.to == [editor.email] and "approved" in message.body for message in mail.outbox)


def test_autosave_keeps_the_text_and_answers_in_json(client, project, editor):
    client.force_login(editor)
    practice = drafts.create_practice(actor=editor, project=project, title={"en": "Draft"})
    url = manage_url(project, practice.pk)
    response = client.post(url, {"title_en": "Draft", "description_en": "Long text"}, HTTP_X_AUTOSAVE="1")
    assert response.status_code == 200
    assert response.json()["saved"] is True
    practice.refresh_from_db()
    assert practice.description["en"] == "Long text"
    response = client.post(url, {"title_en": "y" * 101}, HTTP_X_AUTOSAVE="1")
    assert response.status_code == 400
    assert "title" in response.json()["message"].lower()


def _other_partner_draft(project, other_editor, other_region, institution):
    from tests.practices.factories import complete_values

    values = complete_values(region=other_region, institution=institution)
    values["title"] = {"en": "Peloponnese secret draft"}
    return drafts.create_practice(actor=other_editor, project=project, **values)


def test_partner_editors_read_only_their_own_partners_drafts(
    client, project, editor, other_editor, other_region, institution, draft
):
    """Lucía (Junta de Extremadura) never sees the Peloponnese's draft; its editor never sees hers."""
    theirs = _other_partner_draft(project, other_editor, other_region, institution)
    client.force_login(editor)
    html = client.get(manage_url(project)).content.decode()
    assert "Peloponnese secret draft" not in html
    assert f"/manage/{draft.pk}/" in html
    assert client.get(manage_url(project, theirs.pk)).status_code == 404
    assert client.post(manage_url(project, theirs.pk), {"title_en": "taken over"}).status_code == 404
    assert client.post(manage_url(project, theirs.pk, "workflow"), {"action": "submit"}).status_code == 404
    assert client.get(manage_url(project, draft.pk)).status_code == 200
    client.force_login(other_editor)
    assert f"/manage/{draft.pk}/" not in client.get(manage_url(project)).content.decode()
    assert client.get(manage_url(project, draft.pk)).status_code == 404
    assert client.get(manage_url(project, theirs.pk)).status_code == 200


def test_viewers_read_published_practices_only(client, project, viewer, draft, practice):
    client.force_login(viewer)
    html = client.get(manage_url(project)).content.decode()
    assert f"/manage/{practice.pk}/" in html
    assert f"/manage/{draft.pk}/" not in html
    assert client.get(manage_url(project, draft.pk)).status_code == 404
    assert client.get(manage_url(project, practice.pk)).status_code == 200


def test_coordinators_and_the_secretariat_read_every_draft(
    client, project, coordinator, superuser, other_editor, other_region, institution, draft
):
    theirs = _other_partner_draft(project, other_editor, other_region, institution)
    for user in (coordinator, superuser):
        client.force_login(user)
        html = client.get(manage_url(project)).content.decode()
        assert f"/manage/{draft.pk}/" in html and f"/manage/{theirs.pk}/" in html
        assert client.get(manage_url(project, theirs.pk)).status_code == 200


def test_the_view_permission_follows_the_partner(
    project, editor, other_editor, viewer, coordinator, other_region, institution, draft, practice
):
    theirs = _other_partner_draft(project, other_editor, other_region, institution)
    assert editor.has_perm("practices.view_goodpractice", project)
    assert editor.has_perm("practices.view_goodpractice", draft)
    assert not editor.has_perm("practices.view_goodpractice", theirs)
    assert editor.has_perm("practices.view_goodpractice", practice)
    assert not other_editor.has_perm("practices.view_goodpractice", draft)
    assert viewer.has_perm("practices.view_goodpractice", practice)
    assert not viewer.has_perm("practices.view_goodpractice", draft)
    assert coordinator.has_perm("practices.view_goodpractice", theirs)


def test_declining_asks_first_once_the_reason_is_given(client, project, editor, coordinator, draft):
    workflow.submit_practice(actor=editor, practice=draft)
    client.force_login(coordinator)
    url = manage_url(project, draft.pk, "workflow")
    response = client.post(url, {"action": "decline", "comment": ""})
    assert response.status_code == 400  # the missing reason is said on the form, not asked about
    response = client.post(url, {"action": "decline", "comment": "Out of scope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Decline this practice?" in html and 'value="Out of scope"' in html
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    response = client.post(url, {"action": "decline", "comment": "Out of scope", "confirmed": "yes"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.DECLINED


def test_a_practice_date_outside_the_supported_years_gets_a_message_and_nothing_is_saved(
    client, project, editor
):
    client.force_login(editor)
    data = {"title_en": "Shepherd school", "start_date": "9999-01-01"}
    response = client.post(manage_url(project, "new"), data)
    assert response.status_code == 400
    assert "between the years 1900 and 2100" in response.content.decode()
    assert not GoodPractice.objects.exists()
    data["start_date"] = "1985-06-01"  # a practice may be older than the project documenting it
    assert client.post(manage_url(project, "new"), data).status_code == 302


def test_only_reviewers_get_the_comment_box_and_the_author_reads_the_outcome(
    client, project, editor, coordinator, draft
):
    client.force_login(editor)
    html = client.get(manage_url(project, draft.pk)).content.decode()
    assert 'name="comment"' not in html  # the author submits; the box is the reviewers'
    # A comment posted by the author anyway is not recorded as a review comment.
    client.post(manage_url(project, draft.pk, "workflow"), {"action": "submit", "comment": "Please approve!"})
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert not draft.steps.filter(comment="Please approve!").exists()
    client.force_login(coordinator)
    html = client.get(manage_url(project, draft.pk)).content.decode()
    assert 'name="comment"' in html and "comment to the author" in html.lower()
    client.post(
        manage_url(project, draft.pk, "workflow"), {"action": "request_info", "comment": "Add the budget."}
    )
    client.force_login(editor)
    html = client.get(manage_url(project, draft.pk)).content.decode()
    assert "The reviewers’ decision" in html and "“Add the budget.”" in html
    assert 'name="comment"' not in html


def test_the_editor_offers_every_content_language_and_keeps_the_text_when_switching(client, project, editor):
    client.force_login(editor)
    html = client.get(manage_url(project, "new")).content.decode()
    for code in ("en", "es", "de", "el"):  # the project's content languages
        assert f'name="languages" value="{code}"' in html
    assert 'name="title_en"' in html and 'name="title_es"' not in html
    # Without JavaScript: tick Spanish and Greek, "show": the English text stays, nothing is saved.
    response = client.post(
        manage_url(project, "new"),
        {"title_en": "Shepherd school", "languages": ["en", "es", "el"], "show_languages": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="title_es"' in html and 'name="title_el"' in html and 'name="title_de"' not in html
    assert 'value="Shepherd school"' in html
    assert not GoodPractice.objects.exists()
    # Saving keeps every language written.
    response = client.post(
        manage_url(project, "new"),
        {"title_en": "Shepherd school", "title_es": "Escuela de pastores", "languages": ["en", "es"]},
    )
    assert response.status_code == 302
    assert GoodPractice.objects.get().title == {"en": "Shepherd school", "es": "Escuela de pastores"}


def test_the_region_list_is_grouped_and_filtered_by_country(
    client, project, editor, draft, region, other_region
):
    client.force_login(editor)
    html = client.get(manage_url(project, draft.pk)).content.decode()
    assert '<optgroup label="Spain">' in html and '<optgroup label="Greece">' in html
    assert 'data-country-field="country"' in html and "practices/regions.js" in html
    # A region of another country than the one chosen is refused on its field.
    response = client.post(
        manage_url(project, draft.pk), {"title_en": "x", "country": "ES", "region": other_region.pk}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(
        manage_url(project, draft.pk), {"title_en": "x", "country": "ES", "region": region.pk}
    )
    assert response.status_code == 302
