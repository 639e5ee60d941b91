"""Cells of every export are safe for spreadsheet programs: text never runs as a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook

from secon.core.spreadsheets import csv_text, safe_cell, xlsx_workbook


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "  =1", "＝1+1", "－1"],
)
def test_text_that_starts_like_a_formula_gets_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Cáceres", "", "   ", "a=b", "e-mail", 42, -3, 1.5, None])
def test_other_values_pass_unchanged(value):
    assert safe_cell(value) == value


def test_csv_has_a_byte_order_mark_and_safe_cells():
    text = csv_text(["name", "=bad header"], [["=1+1", -5], ["Ana", None]])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows == [["name", "'=bad header"], ["'=1+1", "-5"], ["Ana", ""]]


def test_xlsx_stores_formula_like_text_as_text():
    content = xlsx_workbook(["name", "n"], [["=1+1", 3]], sheet_title="People", title="t")
    sheet = load_workbook(io.BytesIO(content))["People"]
    assert sheet["A1"].font.bold
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=1+1", "s")
    assert sheet["B2"].value == 3
