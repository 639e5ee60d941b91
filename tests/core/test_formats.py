"""Dates and times as each language writes them: a 24-hour clock, no doubled full stop."""

import datetime

import pytest

from django.utils import formats, translation

MOMENT = datetime.datetime(2024, 10, 22, 17, 30)


@pytest.mark.parametrize(
    ("language", "time", "date_time"),
    [
        ("en", "17:30", "Oct. 22, 2024, 17:30"),
        ("de", "17:30", "22. Oktober 2024 17:30"),
        ("es", "17:30", "22 de octubre de 2024 a las 17:30"),
        ("el", "17:30", "22 Οκτωβρίου 2024, 17:30"),
    ],
)
def test_a_24_hour_clock_in_every_language(language, time, date_time):
    with translation.override(language):
        assert formats.time_format(MOMENT.time(), "TIME_FORMAT") == time
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == date_time
        assert "m." not in formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT")


@pytest.mark.parametrize("language", ["en", "de", "es", "el"])
def test_a_sentence_ending_on_a_time_has_one_full_stop(language):
    from django.utils.translation import gettext

    with translation.override(language):
        sentence = gettext("Registration closed on %(when)s.") % {
            "when": formats.date_format(MOMENT, "DATETIME_FORMAT")
        }
    assert ".." not in sentence


def test_greek_weeks_start_on_monday():
    with translation.override("el"):
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1
