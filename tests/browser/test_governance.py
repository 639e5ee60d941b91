"""The steering committee in a real browser: the chair runs the demo's next meeting on the running page
(start, attendance, quorum, a two-thirds vote, ballots, the result with its arithmetic), members read
the Cáceres meeting and the registers, the public reads the published decisions; the secretary edits
circulated minutes (a new version, the difference shown) and opens a written procedure (a deadline in
the past refused first), a member votes on it from its page — at 1280 px and 390 px, with axe-core
(WCAG 2.1 AA) and a clean console. Screenshots go to $SECON_SCREENSHOTS (if set)."""

import datetime
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _open_page, assert_page_is_clean, sign_in

pytestmark = pytest.mark.browser

SC = "/en/secon/committee/steering-committee/"


@pytest.mark.django_db
def test_the_committee_pages_exist_in_the_url_map():
    """A database test first: it opens the test database before the browser starts."""
    from django.urls import reverse

    assert reverse("governance:home", args=["secon", "steering-committee"]) == SC


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_members_read_the_committee_and_the_public_its_decisions(site, browser, width):
    context, page = _open_page(browser, width=width)
    try:
        page.goto(f"{site.url}{SC}public/decisions/")
        expect(page.get_by_text("Progress report of semester 3 approved")).to_be_visible()
        assert "Next interregional meeting" not in page.content()  # confidential
        assert_page_is_clean(page, "public decisions")
        sign_in(page, site, "kmop@secon.example")
        for path, text in [
            ("", "Next meeting"),
            ("meetings/1/", "7 of 8 voted yes; needed 6 = ⌈2/3 × 8⌉; passed"),
            ("decisions/", "SC1-D03"),
            ("actions/", "Overdue, per partner"),
        ]:
            page.goto(f"{site.url}{SC}{path}")
            expect(page.get_by_text(text).first).to_be_visible()
            assert_page_is_clean(page, f"committee page {path or 'home'}")
    finally:
        context.close()


def test_the_chair_runs_a_two_thirds_vote_on_the_running_page(site, browser):
    context, page = _open_page(browser, width=1024)
    try:
        sign_in(page, site, "region-of-peloponnese@secon.example")
        page.goto(f"{site.url}{SC}meetings/3/run/")
        expect(page.locator("#quorum")).to_contain_text("0 of 10 present")
        assert_page_is_clean(page, "running page")
        page.get_by_role("button", name="Start the meeting").click()
        expect(page.get_by_text("in session").first).to_be_visible()
        for _ in range(6):
            page.get_by_role("button", name=re.compile("^Mark present")).first.click()
            page.wait_for_load_state()
        expect(page.locator("#quorum")).to_contain_text("6 of 10 present; needed ≥ ⌈1/2 × 10⌉ = 5; quorate")
        page.locator("input[name=question_en]").fill("Approve the state of play of the action plans?")
        page.get_by_label("Majority needed").select_option("two_thirds")
        page.get_by_role("button", name="Prepare the vote").click()
        page.get_by_role("button", name="Open the vote").click()
        for choice in ["Yes", "Yes", "Yes", "Yes", "No", "Abstain"]:
            page.locator("form.ballot-buttons").first.get_by_role(
                "button", name=re.compile(f"^{choice}")
            ).click()
            page.wait_for_load_state()
        page.get_by_role("button", name="Close the vote and count").click()
        expect(page.locator(".result").first).to_have_text(
            "4 of 5 voted yes; needed 4 = ⌈2/3 × 5⌉; passed (1 abstained; abstentions are not votes cast)"
        )
        assert_page_is_clean(page, "running page with a result")
        page.get_by_role("link", name="Record the decision").click()
        page.locator("input[name=title_en]").fill("State of play of the action plans approved")
        page.locator("textarea[name=text_en]").fill("The committee approves the state of play.")
        page.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_text("Decision SC3-D01 is in the register.")).to_be_visible()
    finally:
        context.close()


def shoot(page, name: str) -> None:
    folder = os.environ.get("SECON_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


@pytest.fixture(scope="module")
def secretary_state(browser, site):
    """The secretary (the demo's coordinator, with two-factor sign-in) signs in once for the module."""
    context, page = _open_page(browser)
    try:
        sign_in(page, site, "coordinator@secon.example")
        yield context.storage_state()
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_the_secretary_edits_circulated_minutes_and_opens_a_written_procedure(
    site, browser, secretary_state, width
):
    context, page = _open_page(browser, width=width, storage_state=secretary_state)
    try:
        page.goto(f"{site.url}{SC}meetings/1/minutes/")
        expect(page.get_by_text("on 12 February 2025 by decision SC2-D01")).to_be_visible()
        assert_page_is_clean(page, "approved minutes")
        shoot(page, f"minutes-caceres-{width}")
        pdf = page.request.get(f"{site.url}{SC}meetings/1/minutes.pdf?language=de")
        assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
        agenda = page.request.get(f"{site.url}{SC}meetings/3/agenda.pdf")
        assert agenda.headers["content-type"] == "application/pdf"
        page.goto(f"{site.url}{SC}meetings/2/minutes/")
        page.get_by_role("link", name="Edit the minutes").click()
        field = page.locator("textarea[name=section_attendance]")
        field.fill(field.input_value() + f"\nThe chair welcomed the members ({width}).")
        assert_page_is_clean(page, "minutes form")
        page.get_by_role("button", name="Save a new version").click()
        expect(page.get_by_text(re.compile(r"Saved as version \d+\."))).to_be_visible()
        page.get_by_role("link", name="All versions, compared").click()
        expect(page.locator("ins").first).to_contain_text("welcomed")
        assert_page_is_clean(page, "versions compared")
        shoot(page, f"minutes-diff-{width}")
        page.goto(f"{site.url}{SC}procedures/new/")
        page.locator("input[name=title_en]").fill(f"Extension request ({width})")
        page.locator("textarea[name=question_en]").fill("Do we ask the programme for a six-month extension?")
        page.locator("input[name=day]").fill("2020-01-10")
        page.locator("input[name=time]").fill("17:00")
        page.get_by_label("Time zone of the deadline").select_option("Europe/Athens")
        page.get_by_role("button", name="Open the procedure and notify the seats").click()
        expect(page.get_by_text("The deadline is in the past: choose a later one.")).to_be_visible()
        assert_page_is_clean(page, "procedure form with an error", allow_status_of=page.url)
        shoot(page, f"procedure-error-{width}")
        soon = datetime.date.today() + datetime.timedelta(days=10)
        page.locator("input[name=day]").fill(soon.isoformat())
        page.get_by_label("Silence counts as approval").check()
        page.get_by_role("button", name="Open the procedure and notify the seats").click()
        expect(page.get_by_text("The written procedure is open")).to_be_visible()
        expect(page.get_by_text("0 of 10 voting seats")).to_be_visible()
        assert_page_is_clean(page, "procedure page", allow_status_of=f"{site.url}{SC}procedures/new/")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_a_member_votes_by_written_procedure_and_reads_the_closed_one(site, browser, width):
    context, page = _open_page(browser, width=width)
    try:
        sign_in(page, site, "kmop@secon.example")
        page.goto(f"{site.url}{SC}procedures/")
        page.get_by_role("link", name="Budget shift to communication activities (illustrative)").click()
        expect(page.locator(".result")).to_contain_text("9 of 10 voting seats voted yes")
        expect(page.get_by_role("link", name="WP-2024-01")).to_be_visible()
        assert_page_is_clean(page, "closed procedure")
        shoot(page, f"procedure-closed-{width}")
        page.goto(f"{site.url}{SC}procedures/")
        open_ones = page.get_by_role("link", name=re.compile(r"^Extension request"))
        if open_ones.count():  # opened by the secretary's journey above
            open_ones.first.click()
            page.get_by_role("button", name="Yes").click()
            expect(page.get_by_text("Your vote is recorded.")).to_be_visible()
            page.get_by_role("button", name="No").click()
            expect(page.get_by_text("Your seat voted “no”")).to_be_visible()
            assert_page_is_clean(page, "procedure after voting")
            shoot(page, f"procedure-vote-{width}")
    finally:
        context.close()
