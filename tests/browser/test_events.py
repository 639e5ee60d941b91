"""The event pages in a real browser: the Cáceres agenda in four languages, registering without
JavaScript, the personal page, WCAG 2.1 A/AA (axe-core) and no console error or CSP violation."""

import re

import pytest

from django.core import mail

from tests.browser.conftest import assert_page_is_clean, confirm_registration_from_email

pytestmark = pytest.mark.browser

CACERES = {
    "en": "SECON project meeting in Cáceres",
    "de": "SECON-Projekttreffen in Cáceres",
    "es": "Reunión del proyecto SECON en Cáceres",
    "el": "Συνάντηση του έργου SECON στο Κάθερες",
}


@pytest.mark.django_db
def test_the_demo_event_pages_exist_in_the_url_map():
    """A database test first: it opens the test database before the browser starts."""
    from django.urls import reverse

    assert reverse("events:event", kwargs={"project": "secon", "event": "caceres-2024"}).endswith(
        "/secon/events/caceres-2024/"
    )


@pytest.mark.parametrize("language", ["en", "de", "es", "el"])
def test_caceres_agenda_in_four_languages(site, page, language):
    page.goto(f"{site.url}/{language}/secon/events/caceres-2024/")
    assert page.get_by_role("heading", level=1).inner_text() == CACERES[language]
    assert "Europe/Madrid" in page.locator(".agenda-zone").inner_text()
    assert page.locator(".agenda-day").count() == 4
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert_page_is_clean(page, f"Cáceres agenda ({language})")
    page.screenshot(path=f"/tmp/platform-shots/agenda-{language}-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site.url}/{language}/secon/events/caceres-2024/?tz=America/New_York")
    assert "America/New_York" in page.locator(".session__viewer-time").first.inner_text()
    assert_page_is_clean(page, f"Cáceres agenda ({language}, 390 px, another time zone)")
    page.screenshot(path=f"/tmp/platform-shots/agenda-{language}-390.png", full_page=True)


def test_register_without_javascript_and_open_the_personal_page(site, page_without_js, page):
    start = f"{site.url}/en/secon/events/harghita-seminar-2027/register/"
    page_without_js.goto(start)
    with page_without_js.expect_navigation():
        page_without_js.get_by_role("button", name="Register").click()
    assert page_without_js.locator(".field--error").count() >= 3  # names, e-mail, terms
    page_without_js.get_by_label("First name").fill("Zoe")
    page_without_js.get_by_label("Last name").fill("Browser")
    page_without_js.get_by_label("E-mail address").fill("zoe.browser@example.org")
    page_without_js.locator('input[name="sessions"]').first.check()
    page_without_js.get_by_label("I accept the terms of participation (required).").check()
    page_without_js.get_by_role("button", name="Register").click()
    page_without_js.wait_for_url(re.compile(r"/register/check-your-email/$"))
    page_without_js.screenshot(path="/tmp/platform-shots/check-your-email.png", full_page=True)
    confirm_registration_from_email(page_without_js, "zoe.browser@example.org")
    page_without_js.screenshot(path="/tmp/platform-shots/personal-page.png", full_page=True)
    assert "Zoe Browser" in page_without_js.content()
    assert any(message.to == ["zoe.browser@example.org"] for message in mail.outbox)
    # The same pages with JavaScript on are accessible and log nothing.
    page.goto(start)
    assert_page_is_clean(page, "registration form")
    page.goto(page_without_js.url)
    assert_page_is_clean(page, "personal page")
