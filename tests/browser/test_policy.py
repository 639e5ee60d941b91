"""Action plans and the learning chain in a real browser, at 1280 px and 390 px with axe-core:
Extremadura's partner editor opens a new version of its plan, writes an action inspired by ACTYVA
(visited in Cáceres) — a cost of −5 is refused on its field first — in the draft; the practice's
timeline shows its chain, and REMUDARTE's reaches the adopted change. The partner then schedules its
stakeholder group's meeting (an end before the start refused on its field first), and a practice's
timeline ends where period 3 counted it, with a link to the records behind the figure."""

import re

import pytest
from playwright.sync_api import expect

from secon.demo.loader import read_demo_admin
from tests.browser.conftest import _open_page, assert_page_is_clean

pytestmark = pytest.mark.browser

SHOTS = "/tmp/secon-browser-policy"


@pytest.mark.django_db
def test_the_plan_pages_exist_in_the_url_map():
    """A database test first: it opens the test database before the browser starts."""
    from django.urls import reverse

    assert reverse("policy:plans", args=["secon"]) == "/en/secon/policy/plans/"


def shot(page, name, width):
    page.screenshot(path=f"{SHOTS}-{name}-{width}.png", full_page=True)


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_a_partner_writes_an_action_inspired_by_a_practice_visited_in_caceres(site, browser, width):
    context, page = _open_page(browser, width=width)
    try:
        page.goto(f"{site.url}/en/accounts/login/")
        page.locator('input[name="login"]').fill("extremadura@secon.example")
        page.locator('input[name="password"]').fill(read_demo_admin()[1])
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(r"/home/"))
        page.goto(f"{site.url}/en/secon/policy/plans/")
        assert_page_is_clean(page, "action plans")
        page.get_by_role("link", name=re.compile("Extremadura action plan")).click()
        assert_page_is_clean(page, "Extremadura's plan")
        if page.get_by_role("button", name="Open a new version").count():
            page.get_by_role("button", name="Open a new version").click()
            expect(page.get_by_text("A new version is open as a draft.")).to_be_visible()
        page.get_by_role("link", name="Add an action").click()
        page.get_by_label("What").fill("A participatory guarantee for organic producers")
        page.get_by_label("Why").fill(
            "Small producers cannot pay for certification; ACTYVA's members check each other."
        )
        actyva = page.locator('select[name="practices"] option', has_text="ACTYVA").get_attribute("value")
        page.get_by_label("Good practices that inspired it").select_option(value=actyva)
        page.get_by_label("Players and their roles").fill(
            "ACTYVA | shares its rules\nJunta de Extremadura | funds"
        )
        page.get_by_label("Start month").fill("2026-01")
        page.get_by_label("End month").fill("2026-12")
        page.get_by_label("Cost (EUR)").fill("-5")
        page.get_by_role("button", name="Save the action").click()
        expect(page.get_by_text("Give a cost between 0 and 1,000,000,000 euros.")).to_be_visible()
        assert_page_is_clean(page, "the action form with an error", allow_status_of=page.url)
        shot(page, "action-error", width)
        page.console.messages.clear()  # the refused form's 400 is expected, and checked above
        page.get_by_label("Cost (EUR)").fill("30000")
        page.get_by_role("button", name="Save the action").click()
        expect(page.get_by_text("The action is saved.")).to_be_visible()
        expect(page.get_by_role("heading", name=re.compile("participatory guarantee")).last).to_be_visible()
        assert_page_is_clean(page, "the plan with the new action")
        expect(page.get_by_role("button", name="Submit for approval")).to_be_visible()
        shot(page, "plan", width)
        action = page.locator("article", has_text="participatory guarantee").last
        action.get_by_role("link", name=re.compile("ACTYVA")).click()
        expect(page.get_by_role("heading", name="Learning timeline")).to_be_visible()
        expect(page.get_by_text(re.compile("Presented or visited at SECON project meeting"))).to_be_visible()
        expect(page.get_by_text("A participatory guarantee for organic producers").first).to_be_visible()
        assert_page_is_clean(page, "ACTYVA's timeline")
        shot(page, "timeline-actyva", width)
        page.goto(f"{site.url}/en/secon/policy/plans/")
        page.get_by_role("link", name=re.compile("Extremadura action plan")).click()
        page.locator("article", has_text="textile reuse").get_by_role(
            "link", name=re.compile("REMUDARTE")
        ).click()
        expect(page.get_by_text(re.compile("Policy change adopted"))).to_be_visible()
        assert_page_is_clean(page, "REMUDARTE's timeline")
        shot(page, "timeline-remudarte", width)
        page.goto(f"{site.url}/en/secon/")
        expect(page.get_by_role("heading", name="From good practices to policy changes")).to_be_visible()
        assert_page_is_clean(page, "the project page")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_a_partner_schedules_its_group_meeting_and_a_timeline_shows_where_a_practice_was_counted(
    site, browser, width, django_db_blocker
):
    from secon.policy.models import PolicyInstrument
    from secon.practices.models import GoodPractice
    from secon.projects.tenancy import scopes_disabled

    with django_db_blocker.unblock(), scopes_disabled():
        instrument = PolicyInstrument.objects.get(partner__organisation__slug="junta-de-extremadura")
        approved = GoodPractice.objects.filter(project__slug="secon", status="approved", period__isnull=True)
        counted = approved.first()
        counted_title = str(counted)
    context, page = _open_page(browser, width=width)
    try:
        page.goto(f"{site.url}/en/accounts/login/")
        page.locator('input[name="login"]').fill("extremadura@secon.example")
        page.locator('input[name="password"]').fill(read_demo_admin()[1])
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(r"/home/"))
        page.goto(f"{site.url}/en/secon/policy/{instrument.pk}/meetings/")
        expect(page.get_by_label("Time zone")).to_have_value("Europe/Madrid")
        page.locator('input[name="title_en"]').fill("Regional stakeholder group: the 2026 call")
        day = "2026-03-12" if width == 1280 else "2026-03-19"  # the room is booked by the other run
        page.locator("input[name=start_date]").fill(day)
        page.get_by_label("Starts at").fill("14:00")
        page.get_by_label("Ends at").fill("10:00")
        page.locator("input[name=place]").fill("Consejería de Economía, sala de juntas")
        page.locator("input[name=city]").fill("Mérida")
        page.locator('textarea[name="agenda_en"]').fill("1. The call for 2026\n2. The action plan's progress")
        page.get_by_role("button", name="Schedule the meeting").click()
        expect(page.get_by_text("The meeting ends after it starts.")).to_be_visible()
        assert_page_is_clean(page, "the meeting form with an error", allow_status_of=page.url)
        shot(page, "meeting-error", width)
        page.console.messages.clear()  # the refused form's 400 is expected, and checked above
        page.get_by_label("Ends at").fill("16:30")
        page.get_by_role("button", name="Schedule the meeting").click()
        expect(page.get_by_text("The meeting is scheduled")).to_be_visible()
        page.goto(f"{site.url}/en/secon/policy/{instrument.pk}/meetings/")
        expect(page.get_by_text("14:00–16:30").first).to_be_visible()
        assert_page_is_clean(page, "the group's meetings")
        shot(page, "meetings", width)
        page.goto(f"{site.url}/en/secon/policy/timeline/practice/{counted.pk}/")
        step = page.get_by_text(re.compile("Counted in period 3 for the indicator"))
        expect(step).to_be_visible()
        page.get_by_role("link", name="The records behind the figure").first.click()
        expect(page.get_by_text(counted_title).first).to_be_visible()
        page.go_back()
        assert_page_is_clean(page, "a timeline counted in period 3")
        shot(page, "timeline-counted", width)
    finally:
        context.close()
