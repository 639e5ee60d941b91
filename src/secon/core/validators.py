"""Bounds every app's models share, so that a value one database accepts the other stores too.

SQLite stores any 64-bit integer in any integer column and any date Python can hold; PostgreSQL
refuses a quota above 32,767 in a ``smallint`` column, and Python cannot compute the day after
31 December 9999. The models therefore name their bounds explicitly (a test checks every field):

- integers: :data:`SMALL_INTEGER_MAX`, :data:`INTEGER_MAX` (PostgreSQL's ``smallint``, ``integer``),
  through :func:`integer_bounds`;
- dates and moments: years :data:`FIRST_YEAR`–:data:`LAST_YEAR` through :class:`DateInRange`
  (good practices may have started earlier: ``DateInRange(first_year=1900)``);
- text from people: no NUL or control characters (:func:`validate_printable`).
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

#: What PostgreSQL stores in its integer columns (SQLite stores 64 bits in all of them).
SMALL_INTEGER_MAX = 32_767
INTEGER_MAX = 2_147_483_647
BIG_INTEGER_MAX = 9_223_372_036_854_775_807

#: The years a date of a meeting, a project or a record may fall in.
FIRST_YEAR = 2000
LAST_YEAR = 2100


def integer_bounds(maximum: int = INTEGER_MAX, minimum: int = 0) -> list:
    """Return the validators bounding an integer field to what every supported database stores."""
    return [MinValueValidator(minimum), MaxValueValidator(maximum)]


def year_in_range(value: datetime.date, *, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> bool:
    """Tell whether a date (or moment) lies in the supported years."""
    return first_year <= value.year <= last_year


@deconstructible
class DateInRange:
    """Accept a date or a moment in the years ``first_year``–``last_year`` (both included)."""

    def __init__(self, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR):
        self.first_year = first_year
        self.last_year = last_year

    def __call__(self, value) -> None:
        if value is None:
            return
        if not year_in_range(value, first_year=self.first_year, last_year=self.last_year):
            raise ValidationError(
                _("Enter a date between the years %(first)s and %(last)s."),
                code="date_range",
                params={"first": self.first_year, "last": self.last_year},
            )

    def __eq__(self, other):
        return (
            isinstance(other, DateInRange)
            and self.first_year == other.first_year
            and self.last_year == other.last_year
        )

    def __hash__(self):
        return hash((self.first_year, self.last_year))


#: NUL and the C0/C1 control characters, except tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_characters(value: str) -> bool:
    return bool(CONTROL_CHARACTERS.search(value))


def validate_printable(value) -> None:
    """Refuse text holding NUL or other control characters (tab and line breaks are fine)."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(
            _("Remove the invisible control characters from this text."), code="control_characters"
        )


def is_whole_number(text: str, *, max_digits: int) -> bool:
    """Tell whether ``text`` is 1 to ``max_digits`` ASCII digits (``str.isdigit`` also accepts "²",
    which ``int`` refuses)."""
    return 0 < len(text) <= max_digits and text.isascii() and text.isdigit()
