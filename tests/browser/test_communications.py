"""The news in a real browser: the news list and an article (with hreflang and NewsArticle JSON-LD), and
the newsletter's subscription page, at 1280 and 390 px, with axe-core (WCAG 2.1 AA) and no console error."""

import json
import os

import pytest

from tests.browser.conftest import _open_page, assert_page_is_clean
from tests.browser.test_phones import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.django_db
def test_the_news_pages_exist_in_the_url_map():
    """A database test first: it opens the test database before the browser starts (run alone, the
    module's live server would otherwise find no test database)."""
    from django.urls import reverse

    assert reverse("communications:news", args=["secon"]) == "/en/secon/news/"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_news_and_an_article(browser, site, width):
    context, page = _open_page(browser, width=width, language="de")
    try:
        page.goto(f"{site.url}/de/secon/news/")
        assert_page_is_clean(page, f"news list at {width}px")
        page.get_by_role("link", name="Studienbesuche in Cáceres").first.click()
        page.wait_for_load_state("load")
        assert_page_is_clean(page, f"article at {width}px")
        data = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
        assert data["@type"] == "NewsArticle" and data["inLanguage"] == "de"
        hreflangs = {
            page.locator('link[rel="alternate"][hreflang]').nth(n).get_attribute("hreflang")
            for n in range(page.locator('link[rel="alternate"][hreflang]').count())
        }
        assert {"en", "de", "es", "el", "x-default"} <= hreflangs
        page.goto(f"{site.url}/de/secon/newsletter/")
        assert_page_is_clean(page, f"newsletter subscription at {width}px")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_officers_pages(browser, site, width):
    from secon.demo.loader import read_demo_admin

    context, page = _open_page(browser, width=width, language="de")
    try:
        page.goto(f"{site.url}/de/accounts/login/")
        page.locator('input[name="login"]').fill("extremadura@secon.example")
        page.locator('input[name="password"]').fill(read_demo_admin()[1])
        page.locator('main button[type="submit"]').click()
        page.wait_for_load_state("load")
        page.goto(f"{site.url}/de/secon/communications/")
        assert_page_is_clean(page, f"matrix at {width}px")
        page.goto(f"{site.url}/de/secon/communications/press-releases/")
        assert_page_is_clean(page, f"press releases at {width}px")
        page.get_by_role("link", name="DE", exact=True).first.click()
        page.wait_for_load_state("load")
        assert page.locator("#paragraph-lead").input_value().startswith("Die Generaldirektion")
        assert_page_is_clean(page, f"drafted press release at {width}px")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_officer_sets_the_projects_look_and_the_news_page_wears_it(browser, site, width, tmp_path):
    shots = os.environ.get("SECON_SCREENSHOTS") or str(tmp_path)
    context, page = _open_page(browser, width=width, language="en")
    try:
        # The look is the communication officer's: the project's coordinators (two-factor sign-in).
        sign_in(page, site, "coordinator@secon.example")
        page.goto(f"{site.url}/en/secon/communications/")
        page.get_by_role("link", name="The project's look").click()
        page.wait_for_load_state("load")
        page.get_by_label("primary colour").fill("#ffd700")
        page.get_by_label("accent colour").fill("#7a2e8e")
        page.get_by_role("button", name="Save the look").click()
        page.wait_for_load_state("load")
        assert page.get_by_text(
            "White text on #ffd700, and links in it on light grey, have a contrast of 1.2:1"
        ).is_visible()
        assert_page_is_clean(
            page,
            f"look with a contrast error at {width}px",
            allow_status_of=f"{site.url}/en/secon/communications/look/",
        )
        page.screenshot(path=f"{shots}/look-error-{width}.png", full_page=True)
        page.get_by_label("primary colour").fill("#0b5e3b")
        page.get_by_role("button", name="Save the look").click()
        page.wait_for_load_state("load")
        assert page.get_by_text("The project's look is saved.").is_visible()
        # The console keeps the refused form's 400 from before the save.
        refused = f"{site.url}/en/secon/communications/look/"
        assert_page_is_clean(page, f"look saved at {width}px", allow_status_of=refused)
        page.goto(f"{site.url}/en/secon/news/")
        band = page.locator(".project-band")
        assert band.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(11, 94, 59)"
        assert_page_is_clean(page, f"news in the project's look at {width}px", allow_status_of=refused)
        page.screenshot(path=f"{shots}/look-news-{width}.png", full_page=True)
        page.goto(f"{site.url}/en/secon/")
        assert_page_is_clean(page, f"project page in its look at {width}px", allow_status_of=refused)
        page.screenshot(path=f"{shots}/look-project-{width}.png", full_page=True)
        # The event, practice and committee pages wear it too (the demo's logos in the band).
        page.goto(f"{site.url}/en/secon/practices/")
        page.locator("main a[href*='/en/secon/practices/']").filter(has_text="REMUDARTE").first.click()
        page.wait_for_load_state("load")
        for name, path in [
            ("event", "/en/secon/events/caceres-2024/"),
            ("practice", page.url.removeprefix(site.url)),
            ("decisions", "/en/secon/committee/steering-committee/public/decisions/"),
        ]:
            page.goto(f"{site.url}{path}")
            band = page.locator(".project-band")
            assert band.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(11, 94, 59)"
            assert page.locator(".project-band__logo").evaluate("image => image.naturalWidth") > 0
            assert page.locator(".project-band__programme").evaluate("image => image.naturalWidth") > 0
            assert_page_is_clean(page, f"{name} page in the look at {width}px", allow_status_of=refused)
            page.screenshot(path=f"{shots}/look-{name}-{width}.png", full_page=True)
    finally:
        context.close()
