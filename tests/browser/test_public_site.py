"""The public site in a real browser: the journey of a first visit, keyboard use, the map with and
without JavaScript, WCAG 2.1 A/AA (axe-core), and no console error or CSP violation on the way."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.utils import translation

from secon.demo.data import secon as demo_data

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "de", "es", "el"]
#: The lead partner's region and country as each language names them (demo names, django-countries).
PELOPONNESE = {"en": "Peloponnese", "de": "Peloponnes", "es": "Peloponeso", "el": "Πελοπόννησος"}
GREECE = {"en": "Greece", "de": "Griechenland", "es": "Grecia", "el": "Ελλάδα"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def ui(language: str, message: str) -> str:
    """Return an interface string as the site shows it in ``language``."""
    with translation.override(language):
        return translation.gettext(message)


def assert_clean_console(page, *, allow_status_of: str | None = None):
    errors = page.console.errors(allow_status_of=allow_status_of)
    assert errors == [], f"console errors or CSP violations on {page.url}: {errors}"


def assert_page_frame(page, language: str):
    """The page says its language, has a title, a description, a canonical link and its alternates."""
    assert page.locator("html").get_attribute("lang") == language
    assert page.title().strip()
    assert page.locator('meta[name="description"]').get_attribute("content").strip()
    assert page.locator('link[rel="canonical"]').get_attribute("href") == page.url.split("?")[0]
    alternates = {
        link.get_attribute("hreflang"): link.get_attribute("href")
        for link in page.locator('link[rel="alternate"][hreflang]').all()
    }
    assert set(alternates) == {*LANGUAGES, "x-default"}
    assert alternates[language] == page.url.split("?")[0]
    current = page.locator('.language-switcher a[aria-current="true"]')
    assert current.get_attribute("hreflang") == language


def partner_rows(page):
    return page.locator("table.partners tbody tr")


def test_first_visit_finds_secon_and_its_partners_in_four_languages(site, page):
    page.goto(f"{site.url}/en/")
    assert_page_frame(page, "en")
    page.get_by_role("link", name="SECON", exact=True).click()
    page.wait_for_url(re.compile(r"/en/secon/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("SECON")
    assert partner_rows(page).count() == 10
    # The timeline marks the period that contains today, inside the phase marked current.
    current = page.locator('.timeline__period[aria-current="date"]')
    assert current.count() <= 1
    if current.count():  # the demo project runs 2023–2027; no period is current after it ends
        assert current.locator(".badge").is_visible()
        phase = current.locator("xpath=ancestor::li[contains(@class, 'timeline__phase')]")
        assert "timeline__phase--current" in phase.get_attribute("class")

    for language in ["de", "es", "el"]:
        page.locator(f'.language-switcher a[hreflang="{language}"]').click()
        page.wait_for_url(re.compile(rf"/{language}/secon/$"))
        assert_page_frame(page, language)
        heading = page.locator("#partners-heading").inner_text()
        assert heading.startswith(ui(language, "Partners"))
        assert page.locator("#timeline-heading").inner_text() == ui(language, "Timeline")
        rows = partner_rows(page)
        assert rows.count() == 10
        lead = rows.first.inner_text()
        assert "Region of Peloponnese" in lead
        assert PELOPONNESE[language] in lead
        assert GREECE[language] in lead
        # The project's own title is shown in the page's language, not as a fallback.
        subtitle = page.locator("h1 .subtitle")
        assert subtitle.get_attribute("lang") is None
        assert page.locator(".fallback-note").count() == 0
        assert_clean_console(page)

    # Follow a partner from the table: its page is in the same language.
    partner_rows(page).nth(1).get_by_role("link").click()
    page.wait_for_url(re.compile(r"/el/secon/partners/pp2/$"))
    assert_page_frame(page, "el")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Verband Region Rhein-Neckar")
    assert_clean_console(page)


def test_keyboard_reaches_the_skip_link_first_and_it_moves_focus_to_main(site, page):
    page.goto(f"{site.url}/en/secon/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    skip = page.locator(".skip-link")
    assert skip.is_visible()
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside the page's content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_map_draws_a_marker_per_partner_even_without_tiles(site, page):
    page.goto(f"{site.url}/en/secon/")
    canvas = page.locator("#map")
    assert canvas.is_visible()
    markers = page.locator("#map .leaflet-marker-icon")
    markers.first.wait_for()
    assert markers.count() == 10
    for index in range(markers.count()):
        assert markers.nth(index).is_visible()
    page.wait_for_function(
        "Array.from(document.querySelectorAll('#map .leaflet-marker-icon'))"
        ".every(image => image.complete && image.naturalWidth > 0)"
    )
    # The tile server is unreachable here: the map says so and keeps a plain background.
    page.locator(".map__offline-note").wait_for()
    assert "map__canvas--offline" in canvas.get_attribute("class")
    # Every marker sits inside the visible map (fitBounds).
    frame = canvas.bounding_box()
    for index in range(markers.count()):
        box = markers.nth(index).bounding_box()
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
        assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"]
    markers.first.click()
    expect(page.locator(".leaflet-popup-content a").first).to_be_visible()
    assert_clean_console(page)


def test_partner_table_is_there_without_javascript(site, page_without_js):
    page = page_without_js
    page.goto(f"{site.url}/en/secon/")
    assert partner_rows(page).count() == 10
    assert not page.locator("#map").is_visible()
    assert page.locator("#map .leaflet-marker-icon").count() == 0
    page.locator('.language-switcher a[hreflang="el"]').click()
    page.wait_for_url(re.compile(r"/el/secon/$"))
    assert partner_rows(page).count() == 10


PAGES = {
    "home": "/{language}/",
    "project": "/{language}/secon/",
    "partner": "/{language}/secon/partners/lp/",
    "organisation": "/{language}/organisations/region-of-peloponnese/",
    "404": "/{language}/no-such-project/nor-page/",
}


@pytest.mark.parametrize("language", ["en", "el"])
def test_pages_have_no_accessibility_violations(site, page, language):
    axe = Axe()
    for name, path in PAGES.items():
        url = site.url + path.format(language=language)
        response = page.goto(url)
        assert response.status == (404 if name == "404" else 200), name
        if name == "404":
            assert page.locator(".language-switcher a").count() == len(LANGUAGES)
            assert page.locator("html").get_attribute("lang") == language
        else:
            assert_page_frame(page, language)
        if page.locator("#map").count():
            page.locator("#map .leaflet-marker-icon").first.wait_for()
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = [
            (violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in results.response["violations"]
        ]
        assert violations == [], f"{name} ({language}): {violations}"
        assert_clean_console(page, allow_status_of=url if name == "404" else None)


def test_mobile_layout_does_not_scroll_sideways(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        for language in ["en", "el"]:
            for name, path in PAGES.items():
                page.goto(site.url + path.format(language=language))
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{name} ({language}) is {overflow}px wider than the screen"
    finally:
        context.close()


@pytest.mark.django_db
def test_every_demo_partner_has_a_place_on_the_map():
    """The map test expects one marker per partner, so each demo partner needs coordinates.

    It is also the one test here that asks for the database, so that running this folder alone
    still sets up the test database the ``site`` fixture loads the demo into.
    """
    for number, _role, _regions, organisation in demo_data.PARTNERS:
        assert organisation.get("latitude") and organisation.get("longitude"), number
