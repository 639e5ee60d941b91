"""A coordinator imports a pretalx schedule with a dry run first, and opens the feeds page — at
1280 px and on a 390 px phone."""

import re
from pathlib import Path

import pytest

from secon.events.models import Event, Session
from tests.browser.conftest import _open_page, assert_page_is_clean, sign_in

FIXTURE = Path(__file__).parents[1] / "events" / "imports" / "fixtures" / "pretalx-schedule.json"
COORDINATOR = "coordinator@secon.example"
SCREENSHOTS = Path("/tmp/secon-screenshots")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_imports_a_pretalx_schedule_after_a_dry_run(browser, site, tmp_path):
    schedule = tmp_path / "schedule.json"
    schedule.write_text(FIXTURE.read_text().replace("2027-03-10", "2027-03-16"))
    SCREENSHOTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        before = Session.objects.count()
        context, page = _open_page(browser, width=width)
        try:
            sign_in(page, site, COORDINATOR)
            page.goto(f"{site.url}/en/secon/imports/")
            assert_page_is_clean(page, f"import page at {width}px")
            page.get_by_label("What the file holds").select_option("schedule")
            page.get_by_label("Event").select_option(str(Event.objects.get(slug="harghita-seminar-2027").pk))
            page.locator("#id_file").set_input_files(str(schedule))
            page.get_by_role("button", name="Check the file").click()
            page.wait_for_load_state("load")
            assert "Cláusulas sociales en la contratación pública" in page.content()  # new, then unchanged
            assert Session.objects.count() == before
            assert_page_is_clean(page, f"import preview at {width}px")
            page.screenshot(path=str(SCREENSHOTS / f"import-preview-{width}.png"), full_page=True)
            if width == 1280:
                page.get_by_role("button", name=re.compile(r"^Import \(5 changes\)")).click()
                page.wait_for_load_state("load")
                assert "Imported: 5 new" in page.content()
                assert Session.objects.count() == before + 2
            page.goto(f"{site.url}/en/secon/practices/feeds/")
            assert_page_is_clean(page, f"feeds page at {width}px")
            page.screenshot(path=str(SCREENSHOTS / f"feeds-{width}.png"), full_page=True)
        finally:
            context.close()
