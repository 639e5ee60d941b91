"""The organisers' confirmation pages: asked before an action takes a place, a session or the whole
event away from people (see ``core/confirm.py``)."""

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from secon.core.confirm import confirmation_page
from secon.events import selectors
from secon.events.enums import ACTIVE

#: Registration actions that take a place away from someone: (title, question, button).
ASK_FIRST = {
    "cancel": (
        gettext_lazy("Cancel this registration?"),
        gettext_lazy("Do you really want to cancel the registration of %(person)s?"),
        gettext_lazy("Yes, cancel the registration"),
    ),
    "wait": (
        gettext_lazy("Move to the waiting list?"),
        gettext_lazy("Do you really want to move %(person)s to the waiting list? They lose their place."),
        gettext_lazy("Yes, move to the waiting list"),
    ),
}


def _context(event) -> dict:
    return {"project": event.project, "content_fallbacks": event.project.fallback_languages, "event": event}


def _title(record, event) -> str:
    return record.title.render(translation.get_language(), event.project.fallback_languages).text


def registration_action(request: HttpRequest, *, event, registration, back_url: str) -> HttpResponse:
    title, question, label = ASK_FIRST[request.POST["action"]]
    return confirmation_page(
        request,
        title=str(title),
        question=question % {"person": registration.person},
        details=[
            _("The place goes to the first person on the waiting list."),
            _("The participant receives an e-mail about it, in their language."),
        ],
        confirm_label=str(label),
        back_url=back_url,
        context=_context(event),
    )


def session_deletion(request: HttpRequest, *, event, session) -> HttpResponse:
    return confirmation_page(
        request,
        title=_("Delete this session?"),
        question=_("Do you really want to delete the session “%(session)s”?")
        % {"session": _title(session, event)},
        details=[_("Its sign-ups and attendance records are deleted with it; this cannot be undone.")],
        confirm_label=_("Yes, delete the session"),
        back_url=request.path,
        context=_context(event),
    )


def event_cancellation(request: HttpRequest, *, event) -> HttpResponse:
    counts = selectors.registration_counts(event=event)
    active = sum(counts.get(status, 0) for status in ACTIVE)
    return confirmation_page(
        request,
        title=_("Cancel this event?"),
        question=_("Do you really want to cancel “%(event)s”?") % {"event": _title(event, event)},
        details=[
            ngettext(
                "%(count)d registered person receives an e-mail saying that the event is cancelled.",
                "%(count)d registered people receive an e-mail saying that the event is cancelled.",
                active,
            )
            % {"count": active},
            _("Registration closes and the event's pages say that it is cancelled."),
        ],
        confirm_label=_("Yes, cancel the event"),
        back_url=request.path,
        context=_context(event),
    )
