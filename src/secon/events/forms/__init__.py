"""Forms of the events app, by page: ``registration`` (participants) and ``organiser``."""
