"""What an e-mail says: each app registers a renderer per kind of e-mail it sends.

A renderer takes the e-mail's parameters (ids, not objects: it runs later, in a worker) and
returns a :class:`Rendered` message in the active language (the recipient's), or None when the
e-mail is no longer needed (the registration it was about was deleted meanwhile).
"""

import dataclasses
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured


@dataclasses.dataclass
class Rendered:
    subject: str
    body: str
    #: (file name, content, MIME type)
    attachments: list[tuple[str, bytes | str, str]] = dataclasses.field(default_factory=list)
    #: Extra headers, e.g. ``List-Unsubscribe`` of a newsletter.
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    #: An HTML version of ``body`` (sent as multipart/alternative with the text first), or empty.
    html: str = ""


RENDERERS: dict[str, Callable[..., Rendered | None]] = {}
#: The kinds a suppressed address still receives: see :mod:`secon.mail.suppression`.
OWN_ACTION: set[str] = set()


def renderer(kind: str, *, own_action: bool = False):
    """Register the function that writes e-mails of ``kind`` (e.g. ``events.confirmation``).

    ``own_action``: the e-mail answers what the recipient is doing themselves right now (the
    confirmation of the registration they just made) and is sent even to a suppressed address.
    """

    def decorate(function: Callable[..., Rendered | None]):
        known = RENDERERS.get(kind)
        if known is not None and known.__code__ is not function.__code__:
            raise ImproperlyConfigured(f"two renderers for e-mails of kind {kind}")
        RENDERERS[kind] = function
        if own_action:
            OWN_ACTION.add(kind)
        return function

    return decorate
