"""Panels that apps to the right of events add to an event's organiser page (e.g. "draft press release").

Events may not import those apps (DESIGN.md's dependency order); they register here instead, from their
``ready``. A panel is a function ``(request, event) -> dict | None``: ``None`` hides it (the person may
not use it); a dict names a ``template`` and the ``context`` it is rendered with.
"""

from django.http import HttpRequest

PANELS: list = []


def register_organiser_panel(panel) -> None:
    """Add a panel to every event's organiser page (called once, from an app's ``ready``)."""
    if panel not in PANELS:
        PANELS.append(panel)


def organiser_panels(request: HttpRequest, event) -> list[dict]:
    """Return the panels this person may use on the event's organiser page, in registration order."""
    return [shown for panel in PANELS if (shown := panel(request, event)) is not None]
