"""The query options every list and record understands: ``lang``, ``expand``, ``updated_since``."""

import datetime
from dataclasses import dataclass

from rest_framework import exceptions

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from secon.core.languages import CONTENT_LANGUAGE_CODES


@dataclass(frozen=True)
class Options:
    lang: str | None
    expand: frozenset[str]
    updated_since: datetime.datetime | None


def _refuse(name: str, message: str):
    raise exceptions.ValidationError({name: [message]})


def parse_lang(raw: str | None, *, name: str = "lang") -> str | None:
    if raw is None or raw == "":
        return None
    if raw not in CONTENT_LANGUAGE_CODES:
        _refuse(
            name,
            _("Unknown language %(code)s; use one of: %(codes)s.")
            % {"code": raw[:20], "codes": ", ".join(CONTENT_LANGUAGE_CODES)},
        )
    return raw


def parse_expand(raw: str | None, allowed) -> frozenset[str]:
    names = frozenset(name.strip() for name in (raw or "").split(",") if name.strip())
    unknown = sorted(names - set(allowed))
    if unknown:
        if allowed:
            message = _("%(name)s cannot be expanded here; expandable: %(allowed)s.") % {
                "name": unknown[0][:40],
                "allowed": ", ".join(sorted(allowed)),
            }
        else:
            message = _("%(name)s cannot be expanded here: nothing is expandable.") % {
                "name": unknown[0][:40]
            }
        _refuse("expand", message)
    return names


def parse_moment(raw: str | None, name: str = "updated_since") -> datetime.datetime | None:
    """Read an ISO 8601 moment (a date means its midnight; no offset means UTC)."""
    if raw is None or raw == "":
        return None
    moment = None
    try:
        moment = parse_datetime(raw.replace(" ", "+")) if len(raw) <= 40 else None
        if moment is None:
            day = parse_date(raw) if len(raw) <= 10 else None
            moment = datetime.datetime.combine(day, datetime.time()) if day else None
    except ValueError:
        moment = None
    if moment is None or not 1 <= moment.year <= 9998:
        _refuse(name, _("Give a date and time in ISO 8601, e.g. 2026-05-04T09:30:00Z."))
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    # In UTC: PostgreSQL refuses offsets it does not know (e.g. -23:44), which ISO 8601 allows.
    try:
        return moment.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        _refuse(name, _("Give a date and time in ISO 8601, e.g. 2026-05-04T09:30:00Z."))


def parse_options(query, *, expandable, updated: bool) -> Options:
    return Options(
        lang=parse_lang(query.get("lang")),
        expand=parse_expand(query.get("expand"), expandable),
        updated_since=parse_moment(query.get("updated_since")) if updated else None,
    )
