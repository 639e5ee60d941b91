"""Good practices exchanged between installations: a JSON-LD feed out, subscriptions in (see feed.py,
fetch.py, sync.py)."""
