"""Greek: the 24-hour clock Greece uses, the month in the genitive in long dates ("22 Οκτωβρίου
2024"), weeks starting on Monday."""

DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1
