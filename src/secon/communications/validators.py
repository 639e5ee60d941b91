"""Checks of article fields: languages, Markdown bodies (no raw HTML that nh3 would drop), dates."""

import datetime

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
