"""Model validators bound every number and date to what both databases store (and Python computes)."""

import datetime

import pytest

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations

from secon.core.validators import DateInRange, is_whole_number, validate_printable


def _secon_fields(kind):
    for model in apps.get_models():
        if not model.__module__.startswith("secon."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, kind) and not isinstance(field, (models.AutoField, models.ForeignKey)):
                yield model, field


def _refused(field, value) -> bool:
    """Tell whether the field's own validators (not the connection's) refuse the value."""
    for validator in field._validators:
        try:
            validator(value)
        except ValidationError:
            return True
    return False


def test_every_integer_field_is_bounded_to_what_postgresql_stores():
    """Explicit validators (not the connection's): SQLite would otherwise accept 64-bit values."""
    problems = []
    for model, field in _secon_fields(models.IntegerField):
        low, high = PostgresOperations.integer_field_ranges[field.get_internal_type()]
        positive = field.get_internal_type().startswith("Positive")  # ≥ 0 on both databases already
        if not _refused(field, high + 1) or not (positive or _refused(field, low - 1)):
            problems.append(f"{model._meta.label}.{field.name}")
    assert problems == []


#: The apps whose dates people enter (the others stamp the current moment: jobs, e-mails, sign-ins).
#: Inside them, fields that nobody types (``editable=False``) are stamped by the services too.
DOMAIN_APPS = {"projects", "organisations", "practices", "events"}


def test_every_date_field_is_bounded_to_sane_years():
    problems = [
        f"{model._meta.label}.{field.name}"
        for model, field in _secon_fields((models.DateField, models.DateTimeField))
        if model._meta.app_label in DOMAIN_APPS
        and not (field.auto_now or field.auto_now_add or not field.editable)
        and not any(isinstance(v, DateInRange) for v in field._validators)
    ]
    assert problems == []


@pytest.mark.parametrize(
    "value", [datetime.date(1999, 12, 31), datetime.date(2101, 1, 1), datetime.date(9999, 12, 31)]
)
def test_dates_outside_the_years_are_refused_with_a_message(value):
    with pytest.raises(ValidationError) as error:
        DateInRange()(value)
    assert error.value.messages == ["Enter a date between the years 2000 and 2100."]


def test_dates_inside_the_years_pass():
    DateInRange()(datetime.date(2000, 1, 1))
    DateInRange()(datetime.datetime(2100, 12, 31, 23, 59, tzinfo=datetime.UTC))
    DateInRange(first_year=1900)(datetime.date(1950, 5, 1))


@pytest.mark.parametrize("value", ["a\x00b", "bell\x07", "esc\x1b[31m", "c1\x85"])
def test_control_characters_are_refused(value):
    with pytest.raises(ValidationError):
        validate_printable(value)


def test_tabs_and_line_breaks_are_text():
    validate_printable("one\ttwo\r\nthree – Ελλάδα")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", True), ("0", True), ("", False), ("²", False), ("٣", False), ("1234", False)],
)
def test_a_whole_number_is_ascii_digits_only(text, expected):
    # "²" passes str.isdigit and then breaks int(): the checks of numbers in addresses and forms use this.
    assert is_whole_number(text, max_digits=3) is expected
