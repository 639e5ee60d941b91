"""The coordinator's reporting journey in a real browser, at 1280 px and 390 px: period 4's table, a
click on "participations" lists the people behind the figure, the period is moved to review and
locked, and the Excel and PDF reports download with the page's totals — axe-core clean throughout."""

import io
import os
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import _open_page, assert_page_is_clean, sign_in

pytestmark = pytest.mark.browser

PERIOD = "/en/secon/indicators/periods/4/"
#: Where the screenshots go (look at them): SECON_SCREENSHOTS, else a temporary folder.
SHOTS = Path(os.environ.get("SECON_SCREENSHOTS", "/tmp/secon-screenshots"))


@pytest.mark.django_db
def test_the_indicator_pages_exist_in_the_url_map():
    """A database test first: it opens the test database before the browser starts."""
    from django.urls import reverse

    assert reverse("indicators:period", args=["secon", 4]) == PERIOD


@pytest.fixture(scope="module")
def coordinator(browser, site):
    """The coordinator signs in once (with two-factor set-up): the cookies, for each page size."""
    context, page = _open_page(browser)
    try:
        sign_in(page, site, "coordinator@secon.example")
        return context.storage_state()
    finally:
        context.close()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"indicators-{name}.png"), full_page=True)


def figure_on_page(page, column: str) -> int:
    link = page.locator(f'a[href*="participations/?column={column}"]').first
    return int(link.inner_text())


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_the_coordinator_reports_period_four(site, browser, coordinator, width, tmp_path):
    context, page = _open_page(browser, width=width, storage_state=coordinator)
    try:
        page.goto(f"{site.url}{PERIOD}")
        expect(page.get_by_role("heading", name=re.compile("^Period 4"))).to_be_visible()
        assert_page_is_clean(page, "period 4")
        shot(page, f"period-{width}")
        this_period = figure_on_page(page, "this")
        assert this_period >= 30
        name = "Participations in interregional events: records of this period"
        page.get_by_role("link", name=name).click()
        expect(page.get_by_text(f"{this_period} records count.")).to_be_visible()
        expect(page.get_by_role("cell", name="Eleni Georgiou").first).to_be_visible()
        assert page.locator("#records-caption + thead + tbody tr").count() == this_period
        assert_page_is_clean(page, "participations of period 4")
        shot(page, f"participations-{width}")
        with page.expect_navigation():
            page.get_by_role("link", name="Back to period 4").click()
        if page.get_by_label("Next step").locator("option", has_text="under review").count():
            for step in ("under review", "reported (locked)"):
                page.get_by_label("Next step").select_option(label=step)
                page.get_by_role("button", name="Move the period").click()
                expect(page.get_by_text(f"The period is now “{step}”.")).to_be_visible()
            assert_page_is_clean(page, "period 4 locked")
        expect(page.get_by_text("Reported (locked)").first).to_be_visible()
        for extension in ("xlsx", "pdf"):
            with page.expect_download() as download:
                page.get_by_role("link", name=re.compile("Excel" if extension == "xlsx" else "^PDF$")).click()
            path = tmp_path / f"report.{extension}"
            download.value.save_as(path)
            assert download.value.suggested_filename == f"secon-period-4.{extension}"
            content = path.read_bytes()
            if extension == "pdf":
                assert content.startswith(b"%PDF")
                (SHOTS / f"indicators-report-{width}.pdf").write_bytes(content)
            else:
                rows = load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)
                participations = next(row for row in rows if row[0] == "participations")
                assert participations[5] == this_period
        shot(page, f"period-locked-{width}")
    finally:
        context.close()


def test_the_indicators_overview_shows_progress_and_the_instruments_map(site, browser, coordinator):
    context, page = _open_page(browser, width=390, storage_state=coordinator)
    try:
        page.goto(f"{site.url}/en/secon/indicators/")
        expect(page.get_by_role("img", name=re.compile("schematic map of Europe"))).to_be_visible()
        expect(page.get_by_role("img", name=re.compile("Progress against target"))).to_be_visible()
        assert_page_is_clean(page, "indicators overview")
        shot(page, "overview-390")
    finally:
        context.close()
