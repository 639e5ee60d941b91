"""Checks of article fields: languages, Markdown bodies (no raw HTML that nh3 would drop), dates."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.core.markup import unsafe_html_tags

#: Dates both SQLite and PostgreSQL store and people mean: no embargo before 2000 or after 2100.
EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


def validate_content_language(value: str) -> None:
    if value not in CONTENT_LANGUAGE_CODES:
        raise ValidationError(
            _("“%(code)s” is not a content language."), code="language", params={"code": value}
        )


def validate_markdown(value: str) -> None:
    """Refuse text with HTML that would be removed (scripts, frames, forms, styles, handlers)."""
    found = unsafe_html_tags(value or "")
    if found:
        raise ValidationError(
            _(
                "Remove the HTML %(tags)s: write the text in Markdown; scripts, frames and forms "
                "are not allowed."
            ),
            code="unsafe_html",
            params={"tags": ", ".join(f"<{tag}>" for tag in found)},
        )


def validate_moment(value: datetime.datetime) -> None:
    if value is not None and not (EARLIEST <= value < LATEST):
        raise ValidationError(_("Give a date between 2000 and 2099."), code="out_of_range")


COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

#: WCAG 2.1 AA: normal text needs a contrast ratio of at least 4.5:1 with its background.
AA_CONTRAST = 4.5


def validate_colour(value: str) -> None:
    if not isinstance(value, str) or not COLOUR.fullmatch(value):
        raise ValidationError(
            _("“%(value)s” is not a colour: write it as # and six hexadecimal digits, e.g. #1d4e89."),
            code="invalid_colour",
            params={"value": value},
        )


def relative_luminance(colour: str) -> float:
    """The relative luminance of an sRGB colour ``#rrggbb`` (WCAG 2.1)."""
    channels = []
    for start in (1, 3, 5):
        value = int(colour[start : start + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
