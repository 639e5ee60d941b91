"""The news in a real browser: the news list and an article (with hreflang and NewsArticle JSON-LD), and
the newsletter's subscription page, at 1280 and 390 px, with axe-core (WCAG 2.1 AA) and no console error."""

import json
import os
import re

import pytest

from tests.browser.conftest import _open_page, assert_page_is_clean, sign_in

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


@pytest.mark.parametrize("width", [1280, 390])
def test_the_press_release_journey_from_draft_to_a_readers_inbox(browser, site, width, tmp_path):
    """Issue 12's "done when": the officer drafts the Cáceres release in German and Greek, edits a
    paragraph, drafts again without losing it, publishes; it is in the German feed and on the news
    page with its JSON-LD; a visitor subscribes, confirms, gets the newsletter in German and leaves
    in one click."""
    from django.core import mail

    shots = os.environ.get("SECON_SCREENSHOTS") or str(tmp_path)
    # German at 1280 px, as the issue tells; the same steps in Spanish at 390 px (the German version
    # is published by then: the site is shared by the module's tests).
    language = {1280: "de", 390: "es"}[width]
    reader = f"reader.{width}@example.org"
    context, page = _open_page(browser, width=width, language="en")
    try:
        sign_in(page, site, "coordinator@secon.example")
        page.goto(f"{site.url}/en/secon/communications/press-releases/")
        card = page.locator("li.card").filter(
            has=page.get_by_role("heading", name="SECON project meeting in Cáceres")
        )
        for drafted in ("el", language):
            card.locator("select[name=language]").select_option(drafted)
            card.get_by_role("button", name="Draft the press release").click()
            page.wait_for_load_state("load")
            assert page.url.endswith(f"/{drafted}/"), page.url
            page.screenshot(path=f"{shots}/journey-drafted-{drafted}-{width}.png", full_page=True)
            assert_page_is_clean(page, f"drafted press release {drafted} at {width}px")
            if drafted == "el":
                texts = page.locator("main textarea").evaluate_all("all => all.map(a => a.value).join(' ')")
                assert "22–25 Οκτωβρίου 2024" in texts
                page.goto(f"{site.url}/en/secon/communications/press-releases/")
                card = page.locator("li.card").filter(
                    has=page.get_by_role("heading", name="SECON project meeting in Cáceres")
                )
        edited = f"Press welcome ({width})."
        lead = page.locator("#paragraph-lead")
        lead.fill(f"{lead.input_value()} {edited}")
        page.get_by_role("button", name="Save the paragraphs").click()
        page.wait_for_load_state("load")
        page.get_by_role("button", name="Draft again from the records").click()
        page.wait_for_load_state("load")
        assert edited in page.locator("#paragraph-lead").input_value()  # the edit survived
        page.screenshot(path=f"{shots}/journey-draft-{width}.png", full_page=True)
        page.get_by_label("status").select_option("approved")
        page.get_by_role("button", name="Change the status").click()
        page.wait_for_load_state("load")
        page.get_by_role("button", name="Publish this language").click()
        page.wait_for_load_state("load")
        assert page.get_by_text("online since").first.is_visible()
        title = page.locator("input[name=title], #id_title, #paragraph-title").first.input_value().strip()

        feed = page.request.get(f"{site.url}/{language}/secon/news/atom.xml")
        assert feed.status == 200 and title in feed.text() and edited in feed.text()
        page.goto(f"{site.url}/{language}/secon/news/")
        page.get_by_role("link", name=title).first.click()
        page.wait_for_load_state("load")
        data = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
        assert data["@type"] == "NewsArticle" and data["inLanguage"] == language and data["headline"] == title
        assert edited in page.locator("main").inner_text()
        assert_page_is_clean(page, f"published press release at {width}px")
        page.screenshot(path=f"{shots}/journey-article-{width}.png", full_page=True)
        article_slug = page.url.rstrip("/").split("/")[-1]

        # A visitor subscribes in that language and confirms on the page the e-mailed link opens.
        visitor_context, visitor = _open_page(browser, width=width, language=language)
        try:
            visitor.goto(f"{site.url}/{language}/secon/newsletter/")
            visitor.locator("input[name=email]").fill(reader)
            visitor.locator("select[name=language]").select_option(language)
            visitor.locator("input[name=consent]").check()
            visitor.locator("main button[type=submit]").click()
            visitor.wait_for_load_state("load")
            confirm = next(m for m in reversed(mail.outbox) if m.to == [reader])
            link = re.search(r"http://\S+/newsletter/confirm/\S+/", confirm.body).group(0)
            visitor.goto(link)
            assert_page_is_clean(visitor, f"confirmation page at {width}px")
            visitor.locator("main button[type=submit]").click()
            visitor.wait_for_load_state("load")
            visitor.screenshot(path=f"{shots}/journey-confirmed-{width}.png", full_page=True)

            # The officer sends a newsletter in that language with the release; the reader gets it.
            page.goto(f"{site.url}/en/secon/communications/newsletters/")
            page.locator("select[name=language]").select_option(language)
            page.locator("input[name=subject]").fill(f"SECON news {width}")
            page.locator(f"main label:text-is('{article_slug}')").click()
            page.get_by_role("button", name="Save the newsletter").click()
            page.wait_for_load_state("load")
            page.get_by_role("button", name="Send to the subscribers").click()
            page.wait_for_load_state("load")
            news = next(m for m in reversed(mail.outbox) if m.to == [reader] and "SECON news" in m.subject)
            assert title in news.body and news.subject == f"SECON news {width}"
            assert news.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            unsubscribe = news.extra_headers["List-Unsubscribe"].strip("<>").split(">")[0]
            # The mail client's one-click button: a POST, no page, no confirmation.
            answer = visitor.request.post(unsubscribe, form={"List-Unsubscribe": "One-Click"})
            assert answer.status == 200
            visitor.goto(unsubscribe)
            assert_page_is_clean(visitor, f"unsubscribed page at {width}px")
            assert visitor.locator("html").get_attribute("lang") == language
            visitor.screenshot(path=f"{shots}/journey-unsubscribed-{width}.png", full_page=True)
        finally:
            visitor_context.close()
    finally:
        context.close()


@pytest.mark.parametrize(
    ("width", "language", "button"),
    [(1280, "de", "Pressemitteilung entwerfen"), (390, "el", "Σύνταξη του δελτίου τύπου")],
)
def test_the_organiser_drafts_the_press_release_from_the_event_page(
    browser, site, width, language, button, tmp_path
):
    """Issue 12's command on the event: the host's editor opens the Cáceres event's organiser page,
    chooses Greek and a report, and lands on the drafted Greek version."""
    from secon.demo.loader import read_demo_admin

    shots = os.environ.get("SECON_SCREENSHOTS") or str(tmp_path)
    context, page = _open_page(browser, width=width, language=language)
    try:
        page.goto(f"{site.url}/{language}/accounts/login/")
        page.locator('input[name="login"]').fill("extremadura@secon.example")
        page.locator('input[name="password"]').fill(read_demo_admin()[1])
        page.locator('main button[type="submit"]').click()
        page.wait_for_load_state("load")
        page.goto(f"{site.url}/{language}/secon/events/caceres-2024/manage/")
        panel = page.locator("section.organiser-panel")
        assert panel.get_by_role("button", name=button).is_visible()
        assert_page_is_clean(page, f"event organiser page with the press release at {width}px")
        page.screenshot(path=f"{shots}/event-press-panel-{language}-{width}.png", full_page=True)
        panel.locator("select[name=language]").select_option("el")
        panel.locator("select[name=mode]").select_option("after")
        panel.get_by_role("button", name=button).click()
        page.wait_for_url(re.compile(r"/communications/articles/\d+/el/$"))
        assert page.locator("#paragraph-title").input_value()
        assert_page_is_clean(page, f"Greek press release drafted from the event at {width}px")
        page.screenshot(path=f"{shots}/event-press-drafted-{language}-{width}.png", full_page=True)
    finally:
        context.close()
