"""Personal data in a real browser, at 1280 and 390 px with axe-core and a clean console: a visitor reads
the project's privacy notice from the footer; the demo viewer prepares a download of their data on the
profile and opens "Erase my account", which says what goes and what stays."""

import os
from pathlib import Path

import pytest

from secon.demo.loader import read_demo_admin
from tests.browser.conftest import _open_page, assert_page_is_clean

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
        assert page.get_by_role("heading", name="Who is responsible").is_visible()
        assert "Version 1, published on" in page.content()
        assert_page_is_clean(page, "privacy notice")
        page.screenshot(path=f"{SHOTS}/privacy-notice-{width}.png", full_page=True)

        page.goto(f"{site.url}/en/accounts/login/")
        page.locator('input[name="login"]').fill("viewer@secon.example")
        page.locator('input[name="password"]').fill(read_demo_admin()[1])
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"{site.url}/en/home/profile/")
        page.get_by_role("button", name="Prepare a download of my data").click()
        page.reload()
        assert page.get_by_role("link", name="Download my data (ZIP)").is_visible()
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
