"""Charts drawn on the server as SVG, like the policy app's: the template draws the shapes from the
geometry computed here, and the same figures stand in a table beside each chart. Coordinates are
strings (a template would localise numbers: ``15,4`` is no SVG coordinate).

- progress: each indicator's cumulative figure against its target, one segment per period;
- map: the partner regions' instruments by status, on a schematic tile map of Europe (one tile per
  country, a stripe per partner). The hub holds no NUTS boundaries (only codes and names), so the
  map places countries on a grid rather than drawing their shapes.
"""

from secon.policy.charts import COLOURS

TRACK = 300
LABEL = 230
ROW = 34
#: Shades of the periods' segments (cycled): light to dark blue, readable on white.
PERIOD_SHADES = ("#93c5fd", "#60a5fa", "#3b82f6", "#2563eb", "#1d4ed8", "#1e40af", "#1e3a8a", "#172554")


def progress_bars(rows: list[dict]) -> dict:
    """``rows``: {label, target, values: [(period number, value)]} → geometry of stacked bars.

    A bar's track is the target; the segments are the periods' figures; past the target the track
    grows (up to twice its length) and the figure says by how much.
    """
    bars = []
    for position, row in enumerate(rows):
        y = position * ROW
        total = sum(value for _number, value in row["values"])
        scale_max = max(row["target"] or 0, total) or 1
        x = LABEL
        segments = []
        for index, (number, value) in enumerate(row["values"]):
            width = TRACK * float(value) / float(scale_max)
            if width > 0:
                segments.append(
                    {
                        "x": f"{x:.1f}",
                        "width": f"{width:.1f}",
                        "number": number,
                        "value": value,
                        "colour": PERIOD_SHADES[index % len(PERIOD_SHADES)],
                    }
                )
            x += width
        target_x = LABEL + (TRACK * float(row["target"]) / float(scale_max) if row["target"] else TRACK)
        bars.append(
            {
                **row,
                "total": total,
                "y": str(y),
                "bar_y": str(y + 8),
                "text_y": str(y + 22),
                "segments": segments,
                "has_target": bool(row["target"]),
                "target_x": f"{target_x:.1f}",
                "target_top": str(y + 4),
                "target_bottom": str(y + 30),
                "value_x": f"{LABEL + TRACK + 8:.0f}",
            }
        )
    return {
        "bars": bars,
        "width": str(LABEL + TRACK + 90),
        "height": str(max(len(bars), 1) * ROW),
        "label_x": str(LABEL - 8),
        "track_x": str(LABEL),
        "track_width": str(TRACK),
        "bar_height": "18",
    }


#: A schematic tile grid of Europe: ISO country code → (column, row).
GRID = {
    "IS": (0, 0), "NO": (4, 0), "SE": (5, 0), "FI": (6, 0),
    "IE": (1, 1), "GB": (2, 1), "DK": (4, 1), "EE": (6, 1),
    "NL": (3, 2), "DE": (4, 2), "PL": (5, 2), "LV": (6, 2),
    "BE": (3, 3), "CZ": (4, 3), "SK": (5, 3), "LT": (6, 3),
    "FR": (2, 4), "LU": (3, 4), "AT": (4, 4), "HU": (5, 4), "RO": (6, 4),
    "PT": (0, 5), "ES": (1, 5), "CH": (3, 5), "SI": (4, 5), "HR": (5, 5), "RS": (6, 5), "BG": (7, 5),
    "IT": (4, 6), "BA": (5, 6), "ME": (6, 6), "MK": (7, 6),
    "MT": (4, 7), "AL": (6, 7), "GR": (7, 7), "CY": (8, 7),
}  # fmt: skip
TILE = 62
GAP = 4


def tile_map(entries: list[dict]) -> dict:
    """``entries``: {country, partner, status, label} → one tile per country, a stripe per partner.

    Countries off the grid are placed in a row below it.
    """
    by_country: dict[str, list[dict]] = {}
    for entry in entries:
        by_country.setdefault(entry["country"] or "?", []).append(entry)
    extra_column = 0
    tiles = []
    rows_used = max(row for _column, row in GRID.values()) + 1
    for country in sorted(by_country):
        if country in GRID:
            column, row = GRID[country]
        else:
            column, row = extra_column, rows_used
            extra_column += 1
        x, y = column * (TILE + GAP), row * (TILE + GAP)
        stripes = []
        members = by_country[country]
        height = (TILE - 18) / len(members)
        for index, entry in enumerate(members):
            stripes.append(
                {
                    **entry,
                    "x": str(x),
                    "y": f"{y + 18 + index * height:.1f}",
                    "height": f"{height:.1f}",
                    "text_y": f"{y + 18 + index * height + height / 2 + 4:.1f}",
                    "text_x": str(x + 4),
                    "colour": COLOURS.get(entry["status"], "#6b7280"),
                }
            )
        tiles.append(
            {
                "country": country,
                "x": str(x),
                "y": str(y),
                "label_x": str(x + 4),
                "label_y": str(y + 13),
                "stripes": stripes,
            }
        )
    columns = max([c for c, _r in GRID.values()] + [extra_column]) + 1
    rows = rows_used + (1 if extra_column else 0)
    # The empty grid cells, drawn faintly, so that the shape of Europe stays recognisable.
    background = [
        {"x": str(c * (TILE + GAP)), "y": str(r * (TILE + GAP)), "country": code}
        for code, (c, r) in GRID.items()
        if code not in by_country
    ]
    return {
        "tiles": tiles,
        "background": background,
        "tile": str(TILE),
        "width": str(columns * (TILE + GAP)),
        "height": str(rows * (TILE + GAP)),
    }
