"""An integrator creates an API token and reads the API reference; a coordinator follows another
installation's feed — at 1280 px and on a 390 px phone, with axe-core and no console error."""

import json
from pathlib import Path
from urllib.request import Request, urlopen

import pytest

from tests.browser.conftest import _open_page, assert_page_is_clean, sign_in

SHOTS = Path("/tmp/api-shots")

pytestmark = pytest.mark.browser


@pytest.mark.django_db
def test_the_api_pages_exist_in_the_url_map():
    """A database test first: it opens the test database before the browser starts."""
    from django.urls import reverse

    assert reverse("api_tokens") == "/en/accounts/api-tokens/"


@pytest.fixture(scope="module")
def coordinator_state(browser, site, django_db_blocker):
    """The demo's coordinator (with two-factor sign-in) signs in once for the module."""
    context, page = _open_page(browser)
    try:
        with django_db_blocker.unblock():
            sign_in(page, site, "coordinator@secon.example")
        yield context.storage_state()
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_a_coordinator_creates_a_token_limited_to_a_project(browser, site, coordinator_state, width):
    SHOTS.mkdir(exist_ok=True)
    context, page = _open_page(browser, width=width, storage_state=coordinator_state)
    try:
        page.goto(f"{site.url}/en/accounts/api-tokens/")
        assert_page_is_clean(page, f"tokens page at {width}px")
        page.screenshot(path=str(SHOTS / f"tokens-empty-{width}.png"), full_page=True)
        page.get_by_label("name").fill(f"Schedule app ({width})")
        page.get_by_label("the token is").select_option("integration")
        page.get_by_label("sessions – read").check()
        page.get_by_label("events – read").check()
        page.get_by_label("only this project").select_option(label="SECON")
        page.get_by_role("button", name="Create the token").click()
        page.wait_for_load_state("load")
        key = page.locator("#new-key").input_value()
        assert len(key) > 20
        page.screenshot(path=str(SHOTS / f"tokens-created-{width}.png"), full_page=True)
        assert_page_is_clean(page, f"token created at {width}px")
        # The integrator's program (not the browser) reads the sessions with the key.
        request = Request(f"{site.url}/api/v1/sessions/?lang=es&expand=venue")
        request.add_header("Authorization", f"Bearer {key}")
        with urlopen(request, timeout=30) as answer:
            assert answer.status == 200 and json.load(answer)["count"] > 0
        page.goto(f"{site.url}/en/api/")
        assert_page_is_clean(page, f"API reference at {width}px")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_the_feeds_page_and_its_subscription_form_fit_a_phone(browser, site, coordinator_state, width):
    SHOTS.mkdir(exist_ok=True)
    context, page = _open_page(browser, width=width, storage_state=coordinator_state)
    try:
        page.goto(f"{site.url}/en/secon/practices/feeds/")
        page.screenshot(path=str(SHOTS / f"feeds-{width}.png"), full_page=True)
        assert_page_is_clean(page, f"feeds page at {width}px")
        page.get_by_role("button", name="Follow", exact=True).click()
        page.wait_for_load_state("load")
        assert_page_is_clean(page, f"feeds form refused at {width}px", allow_status_of=page.url)
        page.screenshot(path=str(SHOTS / f"feeds-error-{width}.png"), full_page=True)
    finally:
        context.close()
