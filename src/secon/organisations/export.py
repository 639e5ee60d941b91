"""A person's own data as a ZIP of JSON and CSV (GDPR access and portability).

The person's profile and consents come from here; each app to the right adds its sections through
:func:`register_exporter` in ``AppConfig.ready()`` (events: registrations and attendance), and the
sections of what an account did through :func:`register_account_exporter` (practices: those it
authored and its review comments; governance: its ballots). Built by a
background task; the file stays :data:`EXPORT_DAYS` days, then the link answers 410 and the nightly
retention purge deletes it.
"""

import csv
import io
import json
import zipfile
from collections.abc import Callable

from secon.organisations.models import Consent, Person

EXPORT_DAYS = 7

#: name → function(person) returning a list of flat dicts (one CSV row each).
_exporters: dict[str, Callable[[Person], list[dict]]] = {}


#: name → function(user) returning a list of flat dicts: what the account authored or did.
_account_exporters: dict[str, Callable[[object], list[dict]]] = {}


def register_exporter(name: str, exporter: Callable[[Person], list[dict]]) -> None:
    _exporters[name] = exporter


def register_account_exporter(name: str, exporter: Callable[[object], list[dict]]) -> None:
    _account_exporters[name] = exporter


def _profile(person: Person) -> list[dict]:
    return [
        {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "organisation": person.organisation.name if person.organisation else "",
            "job_title": person.job_title,
            "preferred_language": person.preferred_language,
            "recorded_since": person.created_at.isoformat(),
        }
    ]


def _consents(person: Person) -> list[dict]:
    return [
        {
            "consent": consent.kind,
            "granted": consent.granted,
            "when": consent.recorded_at.isoformat(),
            "how": consent.source,
            "privacy_notice": (
                f"{consent.notice.project.acronym} version {consent.notice.number}" if consent.notice else ""
            ),
        }
        for consent in Consent.objects.filter(person=person)
        .select_related("notice__project")
        .order_by("recorded_at", "pk")
    ]


def person_sections(person: Person) -> dict[str, list[dict]]:
    sections = {"profile": _profile(person), "consents": _consents(person)}
    for name, exporter in sorted(_exporters.items()):
        sections[name] = exporter(person)
    return sections


def build_archive(person: Person) -> bytes:
    """Return the ZIP of a person's data: ``data.json`` with every section, and one CSV per section."""
    return write_archive(person_sections(person))


def account_sections(user, people: list[Person]) -> dict[str, list[dict]]:
    """The account (profile, roles, addresses), then the sections of each person of its addresses."""
    sections = {
        "account": [
            {
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "organisation": user.organisation_name,
                "preferred_language": user.preferred_language,
                "joined": user.date_joined.isoformat(),
                "last_sign_in": user.last_login.isoformat() if user.last_login else "",
            }
        ],
        "roles": [
            {
                "project": membership.project.acronym,
                "role": membership.role,
                "organisation": membership.organisation.name if membership.organisation else "",
            }
            for membership in user.memberships.select_related("project", "organisation").order_by("pk")
        ],
        "addresses": [
            {"email": address.email, "confirmed": address.verified, "primary": address.primary}
            for address in user.emailaddress_set.order_by("pk")
        ],
    }
    for name, exporter in sorted(_account_exporters.items()):
        sections[name] = exporter(user)
    for person in people:
        for name, rows in person_sections(person).items():
            sections.setdefault(name, []).extend(rows)
    return sections


def write_archive(sections: dict[str, list[dict]]) -> bytes:
    """Return the ZIP: ``data.json`` with every section, and one CSV per section."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(sections, ensure_ascii=False, indent=2, default=str))
        for name, rows in sections.items():
            text = io.StringIO()
            columns = list(dict.fromkeys(key for row in rows for key in row))
            writer = csv.DictWriter(text, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                # A cell starting like a formula stays text in a spreadsheet.
                writer.writerow({k: _safe(v) for k, v in row.items()})
            archive.writestr(f"{name}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()


def _safe(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
