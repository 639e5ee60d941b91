"""The steering committee in a real browser: the chair runs the demo's next meeting on the running page
(start, attendance, quorum, a two-thirds vote, ballots, the result with its arithmetic), members read
the Cáceres meeting and the registers, the public reads the published decisions — at 1280 px and
390 px, with axe-core (WCAG 2.1 AA) and a clean console."""

import re

import pytest
from playwright.sync_api import expect

from secon.demo.loader import read_demo_admin
from tests.browser.conftest import _open_page, assert_page_is_clean

pytestmark = pytest.mark.browser

SC = "/en/secon/committee/steering-committee/"


@pytest.mark.django_db
def test_the_committee_pages_exist_in_the_url_map():
    """A database test first: it opens the test database before the browser starts."""
    from django.urls import reverse

    assert reverse("governance:home", args=["secon", "steering-committee"]) == SC


def sign_in(page, site, email):
    page.goto(f"{site.url}/en/accounts/login/")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(read_demo_admin()[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/home/"))


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
        page.goto(f"{site.url}{SC}meetings/2/run/")
        expect(page.locator("#quorum")).to_contain_text("0 of 10 present")
        assert_page_is_clean(page, "running page")
        page.get_by_role("button", name="Start the meeting").click()
        expect(page.get_by_text("in session").first).to_be_visible()
        for _ in range(6):
            page.get_by_role("button", name=re.compile("^Mark present")).first.click()
            page.wait_for_load_state()
        expect(page.locator("#quorum")).to_contain_text("6 of 10 present; needed ≥ ⌈1/2 × 10⌉ = 5; quorate")
        page.locator("input[name=question_en]").fill("Approve the minutes of the Cáceres meeting?")
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
        page.locator("input[name=title_en]").fill("Minutes of the Cáceres meeting approved")
        page.locator("textarea[name=text_en]").fill("The committee approves the minutes.")
        page.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_text("Decision SC2-D01 is in the register.")).to_be_visible()
    finally:
        context.close()
