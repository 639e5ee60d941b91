"""Public event pages and registration without an account, with the personal registration page."""

import zoneinfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from secon.accounts.services import verified_addresses
from secon.core.cache import cached_page
from secon.core.confirm import confirmation_page, confirmed
from secon.core.form_cache import cached_form_page
from secon.core.forms import add_service_errors
from secon.core.http import private
from secon.core.links import absolute_url
from secon.events import attendees, personal_data, rows, schedule, scopes, selectors
from secon.events.calendars import qr_svg_data_uri
from secon.events.forms.registration import ChangeRegistrationForm, ConsentsForm, RegistrationForm
from secon.events.holds import HeldRegistration
from secon.events.links import check_in_path, make_token
from secon.events.scopes import event_page_scopes
from secon.events.services import consents, places, registrations
from secon.events.structured import event_json_ld, session_json_ld
from secon.events.validators import canonical_time_zone
from secon.organisations import erasure
from secon.organisations import selectors as organisation_selectors
from secon.organisations.scopes import notice_scope
from secon.organisations.selectors import current_consents
from secon.projects import selectors as project_selectors
from secon.projects.scopes import project_scope


def _viewer_zone(request: HttpRequest) -> zoneinfo.ZoneInfo | None:
    """The visitor's zone from ``?tz=`` (any spelling of an IANA name); an unknown one is ignored."""
    name = canonical_time_zone(request.GET.get("tz", ""))
    return zoneinfo.ZoneInfo(name) if name else None


#: The page's cache key holds the canonical zone name, or nothing for an unknown one.
VIEWER_ZONE = {"tz": canonical_time_zone}


@require_safe
@cached_page(lambda request: [scopes.ALL_EVENTS_SCOPE], params=(), daily=True)
def all_events(request: HttpRequest) -> HttpResponse:
    """Upcoming and past events of every public project."""
    context = {
        "upcoming": selectors.list_public_events(),
        "past": selectors.list_public_events(past=True, limit=50),
        "project": None,
        "show_project": True,
    }
    return render(request, "events/event_list.html", context)


@require_safe
@cached_page(
    lambda request, project: [project_scope(project), scopes.events_scope(project)], params=(), daily=True
)
def project_events(request: HttpRequest, project: str) -> HttpResponse:
    """Upcoming and past events of one project."""
    current = project_selectors.get_public_project(slug=project)
    context = {
        "project": current,
        "content_fallbacks": current.fallback_languages,
        "upcoming": selectors.list_public_events(project=current),
        "past": selectors.list_public_events(project=current, past=True),
    }
    return render(request, "events/event_list.html", context)


@require_safe
@cached_page(event_page_scopes, params=VIEWER_ZONE, daily=True)
def event(request: HttpRequest, project: str, event: str) -> HttpResponse:
    """The event with its agenda day by day, in the event's time zone."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)  # no phases shown
    found = selectors.get_event(project=current, slug=event)
    sessions = schedule.list_schedule(event=found, texts=False)
    days = selectors.agenda_by_day(event=found, sessions=sessions)
    signup_state = _signup_state(found)
    viewer_zone = _viewer_zone(request)
    agenda_rows = rows.build_rows(
        project=current, event=found, sessions=sessions, viewer_zone=viewer_zone, signup_state=signup_state
    )
    study_visits = []  # the sign-up sessions' items, from their rows' values, cached with the rows
    for session, html in zip(sessions, rows.render_rows(agenda_rows), strict=True):
        session.row = html.row
        if session.capacity is not None:
            study_visits.append(html.visit)
    for agenda_day in days:  # each day's rows (escaped HTML) as one text, not a variable per row
        agenda_day.rows = mark_safe("".join(session.row for session in agenda_day.sessions))
    context = {
        "project": current,
        "content_fallbacks": current.fallback_languages,
        "event": found,
        "days": days,
        "study_visits": study_visits,
        "places_left": selectors.places_left(event=found),
        "registration_problem": _registration_problem(found),
        "signup_state": signup_state,
        "viewer_zone": viewer_zone,
        "attendees": attendees.list_public_attendees(event=found),
        "json_ld": event_json_ld(event=found, sessions=sessions, rows=agenda_rows),
    }
    return render(request, "events/event_detail.html", context)


@require_safe
@cached_page(event_page_scopes, params=VIEWER_ZONE, daily=True)
def session(request: HttpRequest, project: str, event: str, session: int) -> HttpResponse:
    """One session: when, where, who presents, what is visited, places left."""
    # The page shows no phases or periods: not read.
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found_event = selectors.get_event(project=current, slug=event, hosts=False)
    found = selectors.get_session(event=found_event, pk=session)
    context = {
        "project": current,
        "content_fallbacks": current.fallback_languages,
        "event": found_event,
        "session": found,
        "signup_state": _signup_state(found_event),
        "viewer_zone": _viewer_zone(request),
        "json_ld": session_json_ld(event=found_event, session=found),
    }
    return render(request, "events/session_detail.html", context)


def _signup_state(event) -> str:
    """What the places shown on the event's pages mean now, from its dates and settings: "over" (its
    last day has passed), "closed" (no registration now: not yet open, closed, cancelled …) or "open"."""
    if event.is_over():
        return "over"
    return "closed" if places.registration_problem(event=event) else "open"


def _registration_problem(event) -> str | None:
    """The service's reason why the public cannot register now, as a message (None: they can)."""
    try:
        places.check_public_registration(event=event)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, project: str, event: str) -> HttpResponse:
    """Register without an account; errors show on the fields, in the page's language.

    Whatever address is typed, a valid form gets the same answer: a redirect to "check your e-mail"
    (the registration is held until the address confirms it; see ``services/holds.py``). Only a
    visitor signed in with that confirmed address registers at once and sees their personal page.
    """
    # The page shows no phases or periods: not fetched (the form is opened and posted in bursts).
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found = selectors.get_event(project=current, slug=event)
    problem = _registration_problem(found)
    if request.method != "POST":
        # An anonymous visitor's empty form is the same for all: rendered once per language and
        # state of the event (a burst of sign-ups opens it hundreds of times), their token added.
        return cached_form_page(
            request,
            [*event_page_scopes(request, project, event), notice_scope(current.slug)],
            lambda extra: _registration_page(request, current, found, problem, extra=extra),
            variant=problem or "",
        )
    return _registration_page(request, current, found, problem)


def _registration_page(request: HttpRequest, current, found, problem, *, extra: dict | None = None):
    """Render the form (and handle its POST): see :func:`register`."""
    sessions = selectors.list_signup_sessions(event=found)
    language = translation.get_language()
    notice = organisation_selectors.current_notice(project=current)
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        event=found,
        sessions=sessions,
        language=language,
        notice=notice,
    )
    status = 200
    if request.method == "POST" and not problem:
        if form.is_valid():
            try:
                values = form.service_values()
                registration = registrations.register_participant(
                    event=found,
                    public_form=True,
                    address_proven=request.user.is_authenticated
                    and values["email"].strip().lower() in verified_addresses(request.user),
                    **values,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if isinstance(registration, HeldRegistration):
                    return redirect("events:held", project=current.slug, event=found.slug)
                messages.success(
                    request, _("Thank you: your registration is saved. We have sent you an e-mail.")
                )
                return redirect(_personal_path(registration))
        status = 400
    elif request.method == "POST":
        status = 409
    context = {
        "project": current,
        "content_fallbacks": current.fallback_languages,
        "event": found,
        "form": form,
        "problem": problem,
        "places_left": selectors.places_left(event=found),
        "notice": notice,
        **(extra or {}),
    }
    return render(request, "events/register.html", context, status=status)


def _confirm_cancel(request: HttpRequest, registration) -> HttpResponse:
    """Ask before cancelling: a place given up may go to someone on the waiting list at once."""
    title = registration.event.title.render(
        translation.get_language(), registration.event.project.fallback_languages
    )
    return confirmation_page(
        request,
        title=_("Cancel your registration?"),
        question=_("Do you really want to cancel your registration for “%(event)s”?") % {"event": title},
        details=[
            _("Your place and your sessions go to the first people on the waiting list."),
            _("You cannot undo this: to take part after all, register again while places are left."),
        ],
        confirm_label=_("Yes, cancel my registration"),
        back_url=request.path,
        context={"project": registration.event.project},
    )


def _erase(request: HttpRequest, registration) -> HttpResponse:
    """Erase the person's data after asking; a legal hold is explained, nothing erased."""
    if not confirmed(request):
        return confirmation_page(
            request,
            title=_("Erase your personal data?"),
            question=_("Do you really want to erase your personal data from this site?"),
            details=[
                _("Your name, e-mail address, organisation, needs and consents are erased, for every event."),
                _("Your registrations stay in the counts of participants, without your name."),
                _("You cannot undo this, and your personal links stop showing your data."),
            ],
            confirm_label=_("Yes, erase my personal data"),
            back_url=request.path,
            context={"project": registration.event.project},
        )
    try:
        erasure.erase_person(actor=None, person=registration.person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(request.path)
    context = {"project": registration.event.project, "event": registration.event}
    return private(render(request, "events/erased.html", context))


def _personal_path(registration) -> str:
    return reverse(
        "events:registration",
        kwargs={
            "project": registration.event.project.slug,
            "event": registration.event.slug,
            "token": make_token(registration),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def registration(request: HttpRequest, project: str, event: str, token: str) -> HttpResponse:
    """The personal page a signed link opens: see, change or cancel one's registration."""
    found, problem = selectors.open_registration(project=project, event=event, token=token)
    if found is None:
        return private(render(request, "events/link_problem.html", {"problem": problem}, status=404))
    the_event = found.event
    sessions = selectors.list_signup_sessions(event=the_event)
    chosen = [str(s.session_id) for s in found.signups.exclude(status="cancelled")]
    initial = {
        "language": found.language,
        "sessions": chosen,
        "dietary_needs": found.dietary_needs,
        "accessibility_needs": found.accessibility_needs,
    }
    form = ChangeRegistrationForm(
        request.POST if request.POST.get("action") == "change" else None,
        initial=initial,
        event=the_event,
        sessions=sessions,
    )
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "consents":
                consents_form = ConsentsForm(request.POST)
                if consents_form.is_valid():
                    consents.update_consents(registration=found, consents=consents_form.cleaned_data)
                    messages.success(request, _("Your changes are saved."))
                    return redirect(request.path)
            if request.POST.get("action") == "agree_again":
                if consents.agree_to_current_notice(registration=found) is not None:
                    messages.success(
                        request, _("Thank you: your agreement to the current privacy notice is recorded.")
                    )
                return redirect(request.path)
            if request.POST.get("action") == "export":
                personal_data.request_data_export(registration=found)
                messages.success(
                    request,
                    _(
                        "We are gathering your data. You will receive an e-mail with a download link "
                        "in a few minutes."
                    ),
                )
                return redirect(request.path)
            if request.POST.get("action") == "erase":
                return _erase(request, found)
            if request.POST.get("action") == "cancel":
                if not confirmed(request):
                    return _confirm_cancel(request, found)
                registrations.cancel_registration(registration=found)
                messages.success(request, _("Your registration is cancelled."))
                return redirect(request.path)
            if form.is_valid():
                registrations.change_registration(registration=found, **form.service_values())
                messages.success(request, _("Your changes are saved."))
                return redirect(request.path)
        except ValidationError as error:
            add_service_errors(form, error)
        status = 400
    context = {
        "project": the_event.project,
        "content_fallbacks": the_event.project.fallback_languages,
        "event": the_event,
        "registration": found,
        "signups": selectors.list_signups(registration=found),
        "position": selectors.waiting_position(registration=found),
        "form": form,
        "consents_form": ConsentsForm(
            initial={kind: consent.granted for kind, consent in current_consents(person=found.person).items()}
        ),
        "notice": organisation_selectors.current_notice(project=the_event.project),
        "agreed_notice": organisation_selectors.agreed_notice(person=found.person, project=the_event.project),
        "agree_again": organisation_selectors.notice_to_agree_again(
            person=found.person, project=the_event.project
        ),
        "qr": qr_svg_data_uri(absolute_url(check_in_path(found))),
        "token": token,
    }
    return private(render(request, "events/registration.html", context, status=status))
