"""The page, the exports and the drill-down say the same numbers."""

import io
import json
import re

import pytest
from openpyxl import load_workbook

from secon.core.permissions import SYSTEM
from secon.indicators import services
from tests.factories import PersonFactory
from tests.indicators.conftest import attend

pytestmark = pytest.mark.django_db

BASE = "/en/secon/indicators/periods/"
CODES = (
    "participations",
    "people-capacity",
    "organisations-capacity",
    "good-practices",
    "instruments-improved",
    "actions-implemented",
    "stakeholder-meetings",
)


def page_figures(client, number: int, query: str = "") -> dict:
    """{code: (previous, this, cumulative)} read from the links of the period page."""
    text = client.get(f"{BASE}{number}/{query}").content.decode()
    found = {}
    for code in CODES:
        values = [
            int(re.search(rf"{code}/\?column={column}[^>]*>([0-9]+)</a>", text).group(1))
            for column in ("previous", "this", "cumulative")
        ]
        found[code] = tuple(values)
    return found


def drill_down_total(client, number: int, code: str, column: str, query: str = "") -> int:
    text = client.get(f"{BASE}{number}/{code}/?column={column}{query}").content.decode()
    return int(re.search(r"([0-9]+) records? counts?\.", text).group(1))


@pytest.mark.parametrize("partner", ["", "1"])
def test_page_exports_and_drill_down_agree(world, partner):
    services.move_period(actor=SYSTEM, project=world.project, number=1, to="review")
    services.move_period(actor=SYSTEM, project=world.project, number=1, to="reported")
    attend(world.events["kickoff"], PersonFactory(), world.partners[0])  # a late addition to period 2
    client = world.client("viewer")
    query = f"?partner={partner}" if partner else ""
    and_query = f"&partner={partner}" if partner else ""
    on_page = page_figures(client, 2, query)
    data = json.loads(client.get(f"{BASE}2/report.json{query}").content)
    from_json = {
        row["code"]: (row["previous"], row["this_period"], row["cumulative"]) for row in data["indicators"]
    }
    workbook = load_workbook(io.BytesIO(client.get(f"{BASE}2/report.xlsx{query}").content))
    rows = list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    from_xlsx = {row[0]: (row[4], row[5], row[6]) for row in rows}
    for code in CODES:
        drilled = tuple(
            drill_down_total(client, 2, code, column, and_query)
            for column in ("previous", "this", "cumulative")
        )
        assert on_page[code] == from_json[code] == from_xlsx[code] == drilled, code
        sheet = workbook[code]
        assert sheet.max_row - 1 == on_page[code][1]
    assert on_page["participations"][1] == (3 if not partner else 2)


def test_the_pdf_is_a_pdf_with_the_figures(world):
    response = world.client("viewer").get(f"{BASE}4/report.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="secon-period-4.pdf"'


def test_a_project_indicator_lists_its_values_with_their_source_in_the_spreadsheet(world):
    custom = services.create_custom_indicator(
        actor=SYSTEM,
        project=world.project,
        code="jobs-created",
        name={"en": "Jobs created"},
        unit="other",
        description={},
    )
    services.set_manual_value(actor=SYSTEM, indicator=custom, number=4, value=7, source="Partner survey")
    response = world.client("viewer").get(f"{BASE}4/report.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert summary["jobs-created"][5] == 7
    assert [row[1:4] for row in workbook["jobs-created"].iter_rows(min_row=2, values_only=True)] == [
        (4, 7, "Partner survey")
    ]


def test_a_name_that_looks_like_a_formula_stays_text_in_the_spreadsheet(world):
    attend(
        world.events["caceres"], PersonFactory(first_name="=HYPERLINK(1)", last_name="X"), world.partners[0]
    )
    workbook = load_workbook(io.BytesIO(world.client("viewer").get(f"{BASE}4/report.xlsx").content))
    names = [row[1] for row in workbook["participations"].iter_rows(min_row=2, values_only=True)]
    assert "=HYPERLINK(1) X" in names
    cell = next(
        c
        for row in workbook["participations"].iter_rows(min_row=2)
        for c in row
        if c.value == "=HYPERLINK(1) X"
    )
    assert cell.data_type == "s"
