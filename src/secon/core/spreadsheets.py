"""Write rows for spreadsheet programs (CSV, XLSX) without letting a cell run as a formula.

Text a visitor or a partner typed (a practice title, a participant's name) may start like a formula:
``=HYPERLINK("http://evil.example", "Click")``. Excel and LibreOffice run it when the CSV opens
(CSV injection). Every export of the site writes its cells through :func:`safe_cell` (CSV) or
:func:`xlsx_workbook` (XLSX, where such text is stored as text, not as a formula), so that it
shows as typed.
"""

import csv
import io
from collections.abc import Iterable, Iterator

#: What makes a spreadsheet program read a cell as a formula (also in full-width forms), or hide
#: a formula after a control character.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value):
    """Return the value for a CSV cell: text that would start a formula gets a leading apostrophe.

    Numbers, dates and ``None`` pass unchanged (a negative number is a number, not a formula).
    """
    if isinstance(value, str) and value.lstrip(" ")[:1] in FORMULA_STARTS and value.strip(" "):
        return "'" + value
    return value


class _Line:
    """A file-like object that hands back what the csv module writes to it."""

    def write(self, text: str) -> str:
        return text


def csv_lines(header: Iterable, rows: Iterable[Iterable]) -> Iterator[str]:
    """Yield a CSV file line by line (a byte-order mark first, so spreadsheet programs read UTF-8),
    every cell made safe; for streaming responses."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([safe_cell(str(value)) for value in header])
    for row in rows:
        yield writer.writerow(["" if value is None else safe_cell(value) for value in row])


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """Return a whole CSV file (see :func:`csv_lines`)."""
    return "".join(csv_lines(header, rows))


def xlsx_workbook(header: Iterable, rows: Iterable[Iterable], *, sheet_title: str, title: str = "") -> bytes:
    """Return an Excel workbook: a bold header row, then the rows; text is never a formula."""
    return xlsx_sheets([(sheet_title, header, rows)], title=title)


def xlsx_sheets(sheets: Iterable[tuple[str, Iterable, Iterable[Iterable]]], *, title: str = "") -> bytes:
    """Return a workbook of several sheets, each ``(title, header, rows)`` as in :func:`xlsx_workbook`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet_title, header, rows in sheets:
        sheet = workbook.create_sheet(sheet_title[:31])

        def cells(values, font=None, sheet=sheet):
            for value in values:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # openpyxl would store "=…" as a formula
                if font:
                    cell.font = font
                yield cell

        sheet.freeze_panes = "A2"
        sheet.append(list(cells([str(value) for value in header], bold)))
        for row in rows:
            sheet.append(list(cells(row)))
    workbook.properties.title = title[:200]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading ----------------------------------------------------------------------------------------


def _cell_text(value) -> str:
    """Return a read cell as text: a formula stays the text it is (never run), numbers as written."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return " ".join(str(value).split())


def read_table(data: bytes, *, filename: str) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of a CSV (UTF-8 or Latin-1, with or without a byte-order mark,
    comma, semicolon or tab) or of an XLSX file's first sheet, every cell as text.

    A formula (``=HYPERLINK(…)``) is read as its text, never evaluated; the apostrophe our exports
    put before such text is taken off again. Raises ``ValueError`` for a file neither can read.
    """
    if filename.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(data)
    else:
        from secon.core.imports import decode_text

        text = decode_text(data)
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = [[_cell_text(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    rows = [
        [cell[1:] if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS else cell for cell in row]
        for row in rows
    ]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise ValueError("no rows")
    header, body = rows[0], rows[1:]
    width = len(header)
    return header, [(row + [""] * width)[:width] for row in body]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (BadZipFile, KeyError, OSError) as error:
        raise ValueError("not an XLSX workbook") from error
    sheet = workbook.worksheets[0]
    rows = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows
