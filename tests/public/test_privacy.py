"""The privacy page of a project (current version, earlier ones) and the coordinators' editor."""

import pytest

from secon.organisations import notice_services
from secon.organisations.notices import PrivacyNotice, PrivacyNoticeVersion
from tests.accounts.world import enable_two_factor
from tests.factories import MembershipFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])


@pytest.fixture
def coordinator(project):
    user = UserFactory(email="coordinator@example.org")
    MembershipFactory(user=user, project=project, role="coordinator")
    enable_two_factor(user)  # required of coordinators before any page
    return user


def test_the_page_shows_the_current_version_in_the_page_language_and_lists_the_earlier_ones(
    client, project, coordinator, django_assert_max_num_queries
):
    notice_services.publish_notice(
        actor=coordinator, project=project, texts={"en": "First text.", "es": "Primero."}
    )
    notice_services.publish_notice(
        actor=coordinator,
        project=project,
        texts={"en": "## Who we are\nSecond **text**.", "es": "Segundo."},
        changes={"en": "We name the controller."},
        material=True,
    )
    with django_assert_max_num_queries(8):
        response = client.get("/en/secon/privacy/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Who we are</h2>" in html and "<strong>text</strong>" in html
    assert "Version 2, published on" in html and "We name the controller." in html
    assert 'href="/en/secon/privacy/1/"' in html and "material change" in html
    assert "Edit the privacy notice" not in html
    assert "Segundo." in client.get("/es/secon/privacy/").content.decode()
    earlier = client.get("/en/secon/privacy/1/").content.decode()
    assert "First text." in earlier and "This is an earlier version" in earlier
    assert client.get("/en/secon/privacy/7/").status_code == 404


def test_a_project_without_a_notice_says_so(client, project):
    response = client.get("/en/secon/privacy/")
    assert response.status_code == 200
    assert "has not published a privacy notice yet" in response.content.decode()


def test_a_coordinator_saves_a_draft_then_publishes_after_confirming(client, project, coordinator):
    client.force_login(coordinator)
    page = client.get("/en/secon/privacy/edit/")
    assert page.status_code == 200
    assert 'name="text_es"' in page.content.decode()
    data = {"text_en": "Our notice.", "text_es": "Nuestro aviso.", "changes_en": "", "changes_es": ""}
    response = client.post("/en/secon/privacy/edit/", {**data, "action": "save"})
    assert response.status_code == 302
    assert PrivacyNotice.objects.get().draft == {"en": "Our notice.", "es": "Nuestro aviso."}
    assert not PrivacyNoticeVersion.objects.exists()
    assert "Our notice." in client.get("/en/secon/privacy/edit/").content.decode()  # the draft comes back
    ask = client.post("/en/secon/privacy/edit/", {**data, "action": "publish"})
    assert ask.status_code == 200 and "publish this text as version 1" in ask.content.decode()
    assert not PrivacyNoticeVersion.objects.exists()
    done = client.post("/en/secon/privacy/edit/", {**data, "action": "publish", "confirmed": "yes"})
    assert done.status_code == 302 and done["Location"] == "/en/secon/privacy/"
    assert PrivacyNoticeVersion.objects.get().number == 1
    assert "Version 1 of the privacy notice is published." in client.get(done["Location"]).content.decode()


def test_bad_input_on_the_editor_shows_on_the_field_and_changes_nothing(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/en/secon/privacy/edit/",
        {"text_en": "<iframe src=x></iframe>", "action": "publish", "confirmed": "yes"},
    )
    assert response.status_code == 400
    assert "Remove the HTML &lt;iframe&gt;" in response.content.decode()
    response = client.post(
        "/en/secon/privacy/edit/", {"text_en": "", "action": "publish", "confirmed": "yes"}
    )
    assert response.status_code == 400
    assert "Write the notice in at least one language." in response.content.decode()
    assert not PrivacyNoticeVersion.objects.exists()


def test_only_coordinators_open_the_editor(client, project):
    assert client.get("/en/secon/privacy/edit/").status_code == 302  # to the sign-in page
    viewer = UserFactory()
    MembershipFactory(user=viewer, project=project, role="viewer")
    client.force_login(viewer)
    assert client.get("/en/secon/privacy/edit/").status_code == 403
    assert client.post("/en/secon/privacy/edit/", {"text_en": "Mine", "action": "save"}).status_code == 403
    assert not PrivacyNotice.objects.exists()
