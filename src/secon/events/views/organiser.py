"""The organiser side of an event: agenda editing, registrations, check-in.

Open to the project's coordinators and to editors of the hosting partner (see rules.py).
"""

import datetime
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from secon.core.confirm import confirmed
from secon.core.forms import add_service_errors, submit
from secon.events import presence, selectors
from secon.events.enums import EventStatus, RegistrationStatus
from secon.events.forms.organiser import EventForm, MessageForm, SessionForm, VenueForm
from secon.events.forms.registration import RegistrationForm
from secon.events.organiser_panels import organiser_panels
from secon.events.services import agenda as agenda_service
from secon.events.services import attendance, messaging
from secon.events.services import registrations as registration_service
from secon.events.views import confirm
from secon.mail import selectors as mail_selectors
from secon.organisations import selectors as organisation_selectors
from secon.projects.views import project_view

#: Load the event (drafts too) and let only its organisers in; others get a login or 403.
organiser_only = project_view(
    "events.manage_event", record="event", load=partial(selectors.get_event, drafts=True)
)


def _context(event, **values) -> dict:
    return {
        "project": event.project,
        "content_fallbacks": event.project.fallback_languages,
        "event": event,
        **values,
    }


@require_http_methods(["GET", "HEAD"])
@organiser_only
def agenda(request: HttpRequest, event) -> HttpResponse:
    """The whole agenda (every visibility) with overlap and double-booking warnings."""
    sessions = list(selectors.list_sessions(event=event, audience="organisers"))
    context = _context(
        event,
        days=selectors.agenda_by_day(event=event, sessions=sessions),
        warnings=selectors.agenda_warnings(event=event),
        places_left=selectors.places_left(event=event),
        counts=selectors.registration_counts(event=event),
        panels=organiser_panels(request, event),
        # The project's e-mails that failed or are failing, for those who may see them (one count).
        undelivered=(
            mail_selectors.count_undelivered_emails(project=event.project)
            if request.user.has_perm("mail.view_email", event.project)
            else None
        ),
    )
    return render(request, "events/manage/agenda.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_only
def session_form(request: HttpRequest, event, session: int | None = None) -> HttpResponse:
    """Add or change a session; saving shows the agenda with any warnings."""
    instance = None
    if session is not None:
        instance = selectors.get_event_session(event=event, pk=session)
    if request.method == "POST" and request.POST.get("action") == "delete" and instance:
        if not confirmed(request):
            return confirm.session_deletion(request, event=event, session=instance)
        agenda_service.delete_session(actor=request.user, session=instance)
        messages.success(request, _("The session is deleted."))
        return redirect("events:manage", project=event.project.slug, event=event.slug)
    initial = SessionForm.initial_for(instance) if instance else {"day": event.start_date.isoformat()}
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=initial,
        event=event,
    )
    return submit(
        request,
        form,
        lambda data: (
            agenda_service.update_session(actor=request.user, session=instance, **form.service_values())
            if instance
            else agenda_service.add_session(actor=request.user, event=event, **form.service_values())
        ),
        success_url=_manage_url(event),
        message=_("The agenda is saved."),
        template="events/manage/session_form.html",
        context=lambda: _context(event, form=form, session=instance),
    )


def _manage_url(event) -> str:
    return reverse("events:manage", kwargs={"project": event.project.slug, "event": event.slug})


@require_http_methods(["GET", "HEAD"])
@organiser_only
def registrations(request: HttpRequest, event) -> HttpResponse:
    """Registrations in arrival order, filtered by status, partner, session or name."""
    filters = {
        "status": request.GET.get("status", "")
        if request.GET.get("status") in RegistrationStatus.values
        else "",
        "partner_id": _int(request.GET.get("partner")),
        "session_id": _int(request.GET.get("session")),
        "query": request.GET.get("q", "")[:100],
    }
    found = list(selectors.list_registrations(event=event, **filters))
    context = _context(
        event,
        registrations=found,
        filters=filters,
        statuses=RegistrationStatus.choices,
        partners=list(organisation_selectors.list_partners(project=event.project)),
        sessions=[
            s for s in selectors.list_sessions(event=event, audience="organisers") if s.capacity is not None
        ],
        places_left=selectors.places_left(event=event),
        query_string=request.GET.urlencode(),
    )
    return render(request, "events/manage/registrations.html", context)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


ACTIONS = {
    "confirm": registration_service.confirm_registration,
    "wait": registration_service.move_to_waiting_list,
    "cancel": registration_service.cancel_registration,
}


@require_POST
@organiser_only
def registration_action(request: HttpRequest, event, registration: int) -> HttpResponse:
    """Confirm, move to the waiting list or cancel one registration."""
    found = selectors.get_registration(event=event, pk=registration)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        raise Http404("No such action")
    target = reverse("events:registrations", kwargs={"project": event.project.slug, "event": event.slug})
    back = request.POST.get("next", "")
    if request.POST["action"] in confirm.ASK_FIRST and not confirmed(request):
        return confirm.registration_action(
            request, event=event, registration=found, back_url=target + ("?" + back if back else "")
        )
    try:
        action(actor=request.user, registration=found)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(person)s: done.") % {"person": found.person})
    return redirect(target + ("?" + back if back else ""))


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_only
def check_in(request: HttpRequest, event) -> HttpResponse:
    """Find a participant by name, e-mail or the code their QR code holds, and record attendance."""
    today = timezone.localtime(timezone.now(), event.zone).date()
    day = _day(request.POST.get("day") or request.GET.get("day"), event) or (
        today if today in event.days else event.start_date
    )
    if request.method == "POST":
        found = selectors.get_registration(event=event, pk=_int(request.POST.get("registration")))
        session = None
        if request.POST.get("session"):
            session = selectors.get_event_session(event=event, pk=_int(request.POST.get("session")))
        now = timezone.now()
        try:
            record = attendance.check_in(
                actor=request.user, registration=found, day=day, session=session, now=now
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            _confirm_check_in(request, event, record, person=found.person, fresh=record.checked_in_at == now)
        # Back to the same search, so that the desk sees the person marked present (and their group).
        url = reverse("events:check_in", kwargs={"project": event.project.slug, "event": event.slug})
        query = urlencode({"day": day.isoformat(), "q": request.POST.get("q", "")[:100]})
        return redirect(f"{url}?{query}")
    query = request.GET.get("q", "")[:100]
    results = presence.search_for_check_in(event=event, query=query)
    # A QR code scanned into the search box holds exactly one check-in code: go straight to it.
    day_sessions = [
        s
        for s in selectors.list_sessions(event=event, audience="organisers")
        if s.starts_at.astimezone(event.zone).date() == day
    ]
    for registration in results:
        times = [a.checked_in_at for a in registration.attendances.all() if a.day == day]
        registration.present_since = min(times, default=None)
    context = _context(
        event,
        query=query,
        results=results,
        day=day,
        day_sessions=day_sessions,
        present_count=presence.count_present(event=event, day=day),
    )
    return render(request, "events/manage/check_in.html", context)


def _confirm_check_in(request: HttpRequest, event, record, *, person, fresh: bool) -> None:
    """Say whom the desk just checked in, for which day or session, or since when they were."""
    values = {
        "person": person,
        "day": formats.date_format(record.day, "l j E"),
        "time": formats.time_format(timezone.localtime(record.checked_in_at, event.zone)),
    }
    if record.session_id:
        values["session"] = str(record.session.title)
    if not fresh:
        messages.warning(request, _("%(person)s was already checked in (at %(time)s).") % values)
    elif record.session_id:
        messages.success(request, _("%(person)s is checked in for the session “%(session)s”.") % values)
    else:
        messages.success(request, _("%(person)s is checked in (%(day)s).") % values)


def _day(value, event) -> datetime.date | None:
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if day in event.days else None


@require_http_methods(["GET", "HEAD", "POST"])
@project_view("events.add_event")
def event_create(request: HttpRequest, project) -> HttpResponse:
    """Create an event of the project (coordinators)."""
    form = EventForm(
        request.POST if request.method == "POST" else None,
        project=project,
        initial={"time_zone": settings.TIME_ZONE, "status": "draft", "is_public": True, "waiting_list": True},
    )
    return submit(
        request,
        form,
        lambda data: agenda_service.create_event(
            actor=request.user, project=project, **form.service_values()
        ),
        success_url=_manage_url,
        message=_("The event is created. Now add its sessions."),
        template="events/manage/event_form.html",
        context={"project": project, "event": None, "form": form},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_only
def event_edit(request: HttpRequest, event) -> HttpResponse:
    """Change the event's settings; add a venue."""
    form = EventForm(
        request.POST if request.POST.get("action") == "event" else None,
        project=event.project,
        initial=EventForm.initial_for(event),
    )
    venue_form = VenueForm(request.POST if request.POST.get("action") == "venue" else None)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "venue" and venue_form.is_valid():
                agenda_service.add_venue_to_event(actor=request.user, event=event, **venue_form.cleaned_data)
                messages.success(request, _("The venue is added."))
                return redirect("events:edit", project=event.project.slug, event=event.slug)
            if request.POST.get("action") == "event" and form.is_valid():
                cancelling = (
                    form.cleaned_data.get("status") == EventStatus.CANCELLED
                    and event.status != EventStatus.CANCELLED
                )
                if cancelling and not confirmed(request):
                    return confirm.event_cancellation(request, event=event)
                changed = agenda_service.update_event(
                    actor=request.user, event=event, **form.service_values()
                )
                messages.success(request, _("The event is saved."))
                return redirect("events:manage", project=changed.project.slug, event=changed.slug)
        except ValidationError as error:
            add_service_errors(venue_form if request.POST.get("action") == "venue" else form, error)
        status = 400
    return render(
        request,
        "events/manage/event_form.html",
        _context(event, form=form, venue_form=venue_form),
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_only
def message(request: HttpRequest, event) -> HttpResponse:
    """Write an e-mail to the participants (each also gets their personal link)."""
    form = MessageForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                sent = messaging.message_participants(actor=request.user, event=event, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The message is sent to %(count)d person.",
                        "The message is sent to %(count)d people.",
                        sent.recipients.count(),
                    )
                    % {"count": sent.recipients.count()},
                )
                suppressed = mail_selectors.count_suppressed_emails(
                    project=event.project, kind="events.message", params={"message": sent.pk}
                )
                if suppressed:
                    messages.warning(
                        request,
                        ngettext(
                            "%(count)d of them will not get it: the address bounced or its owner marked "
                            "our e-mails as spam.",
                            "%(count)d of them will not get it: their addresses bounced or their owners "
                            "marked our e-mails as spam.",
                            suppressed,
                        )
                        % {"count": suppressed},
                    )
                return redirect("events:registrations", project=event.project.slug, event=event.slug)
        status = 400
    return render(request, "events/manage/message.html", _context(event, form=form), status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@organiser_only
def registration_add(request: HttpRequest, event) -> HttpResponse:
    """Register someone on their behalf (the way into an invitation-only event)."""
    sessions = selectors.list_signup_sessions(event=event)
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        event=event,
        sessions=sessions,
        language=translation.get_language(),
    )
    return submit(
        request,
        form,
        lambda data: registration_service.register_participant(
            actor=request.user, event=event, by_organiser=True, **form.service_values()
        ),
        success_url=reverse(
            "events:registrations", kwargs={"project": event.project.slug, "event": event.slug}
        ),
        message=lambda added: _("%(person)s is registered.") % {"person": added.person},
        template="events/manage/registration_add.html",
        context=lambda: _context(event, form=form),
    )
