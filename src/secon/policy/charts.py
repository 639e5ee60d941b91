"""Charts drawn on the server as SVG: the instruments' statuses as horizontal bars.

The template draws the shapes from the numbers computed here; the same figures stand in a table
beside the chart, so that nobody needs the picture to read them. Coordinates are handed over as
strings: the template would localise numbers (``15,4`` in German or Greek is no SVG coordinate).
"""

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 150
BAR_WIDTH = 240
COLOURS = {
    "identified": "#6b7280",
    "addressed": "#2563eb",
    "proposed": "#7c3aed",
    "adopted": "#d97706",
    "validated": "#15803d",
    "not_improved": "#b91c1c",
}


def status_bars(overview: list[dict]) -> dict:
    """Return the geometry of a bar chart of the overview rows (status, label, count)."""
    largest = max((row["count"] for row in overview), default=0) or 1
    bars = []
    for position, row in enumerate(overview):
        y = position * (BAR_HEIGHT + GAP)
        width = round(BAR_WIDTH * row["count"] / largest)
        bars.append(
            {
                **row,
                "y": str(y),
                "text_y": str(round(y + BAR_HEIGHT * 0.7)),
                "width": str(width),
                "value_x": str(LABEL_WIDTH + width + 6),
                "colour": COLOURS.get(row["status"], "#6b7280"),
            }
        )
    return {
        "bars": bars,
        "height": str(len(bars) * (BAR_HEIGHT + GAP)),
        "width": str(LABEL_WIDTH + BAR_WIDTH + 40),
        "label_width": str(LABEL_WIDTH),
        "label_x": str(LABEL_WIDTH - 6),
        "bar_height": str(BAR_HEIGHT),
    }
