"""An event's exports: calendars (iCal), schedule (frab XML/JSON), PDFs (programme, certificates,
attendance sheets) and participant lists (CSV, XLSX)."""

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_safe

from secon.core.cache import cached_page
from secon.core.http import download, private
from secon.core.links import absolute_url, site_url
from secon.events import exporters, presence, schedule, selectors
from secon.events.calendars import build_calendar, qr_svg_data_uri
from secon.events.scopes import export_scopes
from secon.events.views.organiser import organiser_only
from secon.projects import selectors as project_selectors


def _ics(content: bytes, filename: str) -> HttpResponse:
    return download(content, content_type="text/calendar; charset=utf-8", filename=filename, inline=True)


@require_safe
@cached_page(export_scopes, params=())
def event_calendar(request: HttpRequest, project: str, event: str) -> HttpResponse:
    """The event's public agenda as an iCalendar feed (subscribe to follow changes)."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found = selectors.get_event(project=current, slug=event)
    sessions = schedule.list_schedule(event=found)
    content = build_calendar(
        event=found,
        sessions=sessions,
        name=found.title.render(None, current.fallback_languages).text,
        language=translation.get_language(),
        base_url=site_url(),
        include_event=True,
    )
    return _ics(content, f"{found.slug}.ics")


@require_safe
@cached_page(export_scopes, params=())
def session_calendar(request: HttpRequest, project: str, event: str, session: int) -> HttpResponse:
    """One session as an iCalendar file."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found_event = selectors.get_event(project=current, slug=event)
    found = selectors.get_session(event=found_event, pk=session)
    content = build_calendar(
        event=found_event,
        sessions=[found],
        name=found.title.render(None, current.fallback_languages).text,
        language=translation.get_language(),
        base_url=site_url(),
    )
    return _ics(content, f"{found_event.slug}-{found.pk}.ics")


@require_safe
def personal_calendar(request: HttpRequest, project: str, event: str, token: str) -> HttpResponse:
    """A participant's personal agenda: the public and participants' sessions, minus unchosen sign-ups."""
    found, problem = selectors.open_registration(project=project, event=event, token=token)
    if found is None:
        raise Http404(problem)
    the_event = found.event
    sessions = selectors.personal_agenda(registration=found)
    content = build_calendar(
        event=the_event,
        sessions=sessions,
        name=the_event.title.render(found.language, the_event.project.fallback_languages).text,
        language=found.language,
        base_url=site_url(),
        include_event=True,
    )
    return private(_ics(content, f"{the_event.slug}-personal.ics"))


def _public_schedule(project: str, event: str):
    """The event and its public sessions, with their people as plain values (``schedule``)."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found = selectors.get_event(project=current, slug=event)
    return found, schedule.list_schedule(event=found)


@require_safe
@cached_page(export_scopes, params=())
def frab_xml(request: HttpRequest, project: str, event: str) -> HttpResponse:
    """The public schedule in frab XML, for conference apps that work offline."""
    found, sessions = _public_schedule(project, event)
    content = exporters.frab_xml(
        event=found, sessions=sessions, language=translation.get_language(), base_url=site_url()
    )
    return HttpResponse(content, content_type="application/xml; charset=utf-8")


@require_safe
@cached_page(export_scopes, params=())
def frab_json(request: HttpRequest, project: str, event: str) -> HttpResponse:
    """The public schedule in the frab JSON format pretalx publishes."""
    found, sessions = _public_schedule(project, event)
    content = exporters.frab_json(
        event=found, sessions=sessions, language=translation.get_language(), base_url=site_url()
    )
    return HttpResponse(content, content_type="application/json; charset=utf-8")


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return download(content, content_type="application/pdf", filename=filename, inline=True)


@require_safe
@cached_page(export_scopes, params=())
def programme_pdf(request: HttpRequest, project: str, event: str) -> HttpResponse:
    """The printable programme in the page's language, with a QR code back to the live agenda."""
    current = project_selectors.get_public_project(slug=project)
    found = selectors.get_event(project=current, slug=event)
    sessions = selectors.list_sessions(event=found)
    language = translation.get_language()
    live_url = absolute_url(found.get_absolute_url())
    context = {
        "event": found,
        "project": found.project,
        "content_fallbacks": found.project.fallback_languages,
        "days": selectors.agenda_by_day(event=found, sessions=sessions),
        "live_url": live_url,
        "qr": qr_svg_data_uri(live_url, scale=3),
    }
    try:
        content = exporters.render_pdf("events/pdf/programme.html", context, language=language)
    except ValueError:  # an agenda longer than an event may last: stored before the bound
        raise Http404("No printable programme") from None
    return _pdf(content, f"{found.slug}-programme-{language}.pdf")


def _certificate(registration, request: HttpRequest) -> HttpResponse:
    days = presence.attended_days(registration=registration)
    if not days:
        raise Http404("No attendance recorded")
    event = registration.event
    context = {
        "event": event,
        "project": event.project,
        "content_fallbacks": event.project.fallback_languages,
        "registration": registration,
        "person": registration.person,
        "days": days,
        "host": event.host_organisation or (event.host_partner.organisation if event.host_partner else None),
        "issued": datetime.date.today(),
    }
    content = exporters.render_pdf("events/pdf/certificate.html", context, language=registration.language)
    return private(_pdf(content, f"certificate-{event.slug}-{registration.pk}.pdf"))


@require_safe
def own_certificate(request: HttpRequest, project: str, event: str, token: str) -> HttpResponse:
    """A participant's certificate of attendance, in their language, from their personal link."""
    found, problem = selectors.open_registration(project=project, event=event, token=token)
    if found is None:
        raise Http404(problem)
    return _certificate(found, request)


@require_safe
@organiser_only
def certificate_pdf(request: HttpRequest, event, registration: int) -> HttpResponse:
    """A participant's certificate of attendance, for organisers."""
    return _certificate(selectors.get_registration(event=event, pk=registration), request)


@require_safe
@organiser_only
def attendance_pdf(request: HttpRequest, event, day: str) -> HttpResponse:
    """The attendance sheet of one day, with a signature column (the evidence auditors ask for)."""
    try:
        the_day = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404("No such day") from None
    if the_day not in event.days:
        raise Http404("No such day")
    context = {
        "event": event,
        "project": event.project,
        "content_fallbacks": event.project.fallback_languages,
        "day": the_day,
        "registrations": presence.attendance_sheet(event=event, day=the_day),
        "host": event.host_organisation or (event.host_partner.organisation if event.host_partner else None),
    }
    content = exporters.render_pdf("events/pdf/attendance.html", context, language=translation.get_language())
    return _pdf(content, f"{event.slug}-attendance-{the_day.isoformat()}.pdf")


def _registrations(event) -> list:
    return list(selectors.list_registrations(event=event))


@require_safe
@organiser_only
def participants_csv(request: HttpRequest, event) -> HttpResponse:
    """All registrations as CSV."""
    return download(
        exporters.participants_csv(_registrations(event)),
        content_type="text/csv; charset=utf-8",
        filename=f"{event.slug}-participants.csv",
    )


@require_safe
@organiser_only
def participants_xlsx(request: HttpRequest, event) -> HttpResponse:
    """All registrations as an Excel workbook."""
    content = exporters.participants_xlsx(_registrations(event), title=str(event.title))
    return download(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"{event.slug}-participants.xlsx",
    )
