"""English: Django's dates, with a 24-hour clock (European readers; no "p.m.." at a sentence's end)."""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
