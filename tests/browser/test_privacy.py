"""Personal data in a real browser, at 1280 and 390 px with axe-core and a clean console: a visitor reads
the project's privacy notice from the footer; the demo viewer prepares a download of their data on the
profile and opens "Erase my account", which says what goes and what stays."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _open_page, assert_page_is_clean, sign_in

pytestmark = pytest.mark.browser

#: Where the screenshots go (look at them): SECON_SCREENSHOTS, else a temporary folder.
SHOTS = Path(os.environ.get("SECON_SCREENSHOTS", "/tmp/secon-screenshots"))


@pytest.mark.django_db
def test_the_privacy_pages_exist_in_the_url_map():
    """A database test first: it opens the test database before the browser starts."""
    from django.urls import reverse

    assert reverse("public:privacy", args=["secon"]) == "/en/secon/privacy/"


@pytest.mark.parametrize("width", [1280, 390])
def test_a_visitor_reads_the_notice_and_a_member_handles_their_data(browser, site, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, page = _open_page(browser, width=width)
    try:
        page.goto(f"{site.url}/en/secon/")
        page.get_by_role("link", name="Privacy notice of SECON").click()
        expect(page.get_by_role("heading", name="Who is responsible")).to_be_visible()
        assert "Version 1, published on" in page.content()
        assert_page_is_clean(page, "privacy notice")
        page.screenshot(path=f"{SHOTS}/privacy-notice-{width}.png", full_page=True)

        sign_in(page, site, "viewer@secon.example")
        page.goto(f"{site.url}/en/home/profile/")
        # Wait for the form's answer before reloading: a reload during it fails in Chromium
        # ("Not attached to an active page", seen in CI).
        with page.expect_navigation():
            page.get_by_role("button", name="Prepare a download of my data").click()
        page.reload()
        expect(page.get_by_role("link", name="Download my data (ZIP)")).to_be_visible()
        assert_page_is_clean(page, "profile with the download")
        page.screenshot(path=f"{SHOTS}/profile-my-data-{width}.png", full_page=True)

        page.get_by_role("link", name="Erase my account…").click()
        # The page says what happens; its button asks for the password again first (re-authentication).
        assert page.get_by_role("heading", name="Erase my account").is_visible()
        assert page.get_by_role("button", name="Yes, erase my account").is_visible()
        assert_page_is_clean(page, "erase my account")
        page.screenshot(path=f"{SHOTS}/erase-account-{width}.png", full_page=True)
    finally:
        context.close()


def _viewer_agreed_then_the_notice_changed(django_db_blocker, *, text: str) -> int:
    """The demo viewer agreed to the current version of SECON's notice; a material change follows."""
    from allauth.account.models import EmailAddress

    from secon.accounts.models import User
    from secon.core.permissions import SYSTEM
    from secon.organisations import notice_services
    from secon.organisations import services as organisation_services
    from secon.organisations.models import Person
    from secon.organisations.selectors import current_notice
    from secon.projects.models import Project

    with django_db_blocker.unblock():
        project = Project.objects.get(slug="secon")
        user = User.objects.get(email="viewer@secon.example")
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        person = Person.objects.filter(email=user.email).first() or organisation_services.create_person(
            actor=SYSTEM, email=user.email, first_name="Jan", last_name="Demo"
        )
        organisation_services.record_consents(
            actor=SYSTEM,
            person=person,
            granted={"terms": True, "photos": True, "public_list": False},
            source="demo registration",
            notice=current_notice(project=project),
        )
        version = notice_services.publish_notice(
            actor=SYSTEM,
            project=project,
            texts={"en": f"## Who is responsible\n\n{text}"},
            changes={"en": "Photos of events are now shared with the regional press."},
            material=True,
        )
        return version.number


@pytest.mark.parametrize("width", [1280, 390])
def test_a_member_agrees_to_a_changed_notice_on_the_profile(browser, site, width, django_db_blocker):
    SHOTS.mkdir(parents=True, exist_ok=True)
    number = _viewer_agreed_then_the_notice_changed(
        django_db_blocker, text=f"Changed for a {width} px screen."
    )
    context, page = _open_page(browser, width=width)
    try:
        sign_in(page, site, "viewer@secon.example")
        page.goto(f"{site.url}/en/home/profile/#consents-heading")
        assert page.get_by_role("heading", name="The privacy notice of SECON has changed").is_visible()
        assert page.get_by_role("link", name=f"Read version {number}").is_visible()
        assert page.get_by_role("button", name="Withdraw my consents").is_visible()
        assert_page_is_clean(page, "profile with a changed notice")
        page.locator("#consents-heading").scroll_into_view_if_needed()
        page.screenshot(path=f"{SHOTS}/profile-agree-again-{width}.png")
        page.get_by_role("button", name="Agree to the new version").click()
        expect(
            page.get_by_text(
                f"Thank you: your agreement to version {number} of the privacy notice of SECON is recorded."
            )
        ).to_be_visible()
        assert page.get_by_role("button", name="Agree to the new version").count() == 0
        assert_page_is_clean(page, "profile after agreeing")
        page.screenshot(path=f"{SHOTS}/profile-agreed-{width}.png", full_page=True)
    finally:
        context.close()
