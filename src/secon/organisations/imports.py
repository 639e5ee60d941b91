"""Import contacts (people and their organisations, with their consents) from a CSV or XLSX file.

The columns are read as fields through a mapping: a column named like a field (``email``,
``E-mail``, ``First name`` …) needs none; others are mapped on the page or with ``--map``. People
are keyed on their e-mail address (one person per address in the whole installation), organisations
on their name; a consent column holds yes or no (empty: not recorded) and is recorded only when it
differs from the person's latest. Everything goes through the services, in one transaction.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.imports import Change, ImportReport, Keys, attempt, check_size, fingerprint, run
from secon.core.permissions import require
from secon.core.spreadsheets import read_table
from secon.core.text import fold
from secon.organisations.enums import ConsentKind, OrganisationType
from secon.organisations.models import Consent, Organisation, Person
from secon.organisations.services import create_organisation, create_person, record_consent, update_person

PERSON_COLUMNS = (
    ("email", gettext_lazy("E-mail")),
    ("first_name", gettext_lazy("First name")),
    ("last_name", gettext_lazy("Last name")),
    ("job_title", gettext_lazy("Position")),
    ("preferred_language", gettext_lazy("Preferred language")),
    ("organisation", gettext_lazy("Organisation")),
    ("organisation_kind", gettext_lazy("Type of organisation")),
    ("organisation_city", gettext_lazy("City of the organisation")),
    ("organisation_website", gettext_lazy("Website of the organisation")),
)
#: What a contacts file's columns can be read as: person and organisation fields, then consents.
FIELDS = PERSON_COLUMNS + tuple((f"consent_{kind.value}", kind.label) for kind in ConsentKind)

YES = {"yes", "y", "true", "1", "x", "si", "sí", "ja", "nai", "ναι", "granted", "given"}
NO = {"no", "n", "false", "0", "nein", "όχι", "oxi", "withdrawn", "refused"}


def _name(text) -> str:
    return fold(str(text)).replace("_", " ").replace("-", " ").strip()


def suggest_mapping(header: list[str]) -> dict[str, str]:
    """Return {column: field} for the columns named like a field (its name or its label)."""
    names = {}
    for field, label in FIELDS:
        names[_name(field)] = field
        names[_name(label)] = field
    names.update({"e mail address": "email", "email address": "email", "mail": "email"})
    return {column: names[_name(column)] for column in header if _name(column) in names}


def _kind(text: str) -> str | None:
    wanted = _name(text)
    for kind in OrganisationType:
        if wanted in (_name(kind.value), _name(kind.label)):
            return kind.value
    return None


def _consent(text: str) -> bool | None:
    word = fold(text).strip()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(text)


class _Contacts:
    def __init__(self, *, actor, project, report: ImportReport):
        self.actor, self.report = actor, report
        self.keys = Keys(source="contacts", scope=f"project:{project.pk}")
        self.organisations: dict[str, Organisation] = {}

    def organisation(self, where: str, values: dict) -> Organisation | None:
        name = values.get("organisation", "")[:200]
        if not name:
            return None
        key = fold(name)
        if key not in self.organisations:
            found = Organisation.objects.filter(name__iexact=name).first()
            if found is None:
                kind = (
                    _kind(values.get("organisation_kind", "")) if values.get("organisation_kind") else "other"
                )
                if kind is None:
                    self.report.problem(
                        _("%(where)s: unknown type of organisation “%(kind)s”.")
                        % {"where": where, "kind": values["organisation_kind"][:60]}
                    )
                    return None
                found = attempt(
                    self.report,
                    where,
                    lambda: create_organisation(
                        actor=self.actor,
                        name=name,
                        kind=kind,
                        city=values.get("organisation_city", "")[:120],
                        website=values.get("organisation_website", ""),
                    ),
                )
                if found is not None:
                    self.keys.remember(found, f"organisation:{key}")
                    self.report.add(Change.CREATE, _("organisation"), name)
            self.organisations[key] = found
        return self.organisations[key]

    def person(self, where: str, values: dict) -> None:
        email = values.get("email", "").strip().lower()
        if not email:
            self.report.problem(_("%(where)s: the e-mail address is missing.") % {"where": where})
            return
        consents = {}
        for kind in ConsentKind:
            text = values.get(f"consent_{kind.value}", "")
            if text:
                try:
                    consents[kind.value] = _consent(text)
                except ValueError:
                    self.report.problem(
                        _("%(where)s: “%(value)s” is neither yes nor no (%(consent)s).")
                        % {"where": where, "value": text[:40], "consent": kind.label}
                    )
                    return
        organisation = self.organisation(where, values)
        fields = {
            name: values[name][:150]
            for name in ("first_name", "last_name", "job_title", "preferred_language")
            if values.get(name)
        }
        if organisation is not None:
            fields["organisation"] = organisation
        person = Person.objects.filter(email=email).first()
        if person is None:
            person = attempt(
                self.report, where, lambda: create_person(actor=self.actor, email=email, **fields)
            )
            action = Change.CREATE
        else:
            changed = {name: value for name, value in fields.items() if getattr(person, name) != value}
            action = Change.UPDATE if changed else Change.UNCHANGED
            if changed:
                person = attempt(
                    self.report, where, lambda: update_person(actor=self.actor, person=person, **changed)
                )
        if person is None:
            return
        self.keys.remember(
            person, email, fingerprint([fields.get("organisation") and organisation.pk, consents])
        )
        for kind, granted in consents.items():
            latest = Consent.objects.filter(person=person, kind=kind).order_by("-recorded_at", "-pk").first()
            if latest is None or latest.granted != granted:
                record_consent(
                    actor=self.actor, person=person, kind=kind, granted=granted, source=_("contacts import")
                )
                if action == Change.UNCHANGED:
                    action = Change.UPDATE
        detail = ", ".join(
            f"{ConsentKind(kind).label}: {_('yes') if granted else _('no')}"
            for kind, granted in consents.items()
        )
        self.report.add(
            action,
            _("person"),
            f"{fields.get('first_name', '')} {fields.get('last_name', '')} <{email}>".strip(),
            detail,
        )


def import_contacts(
    *, actor, project, data: bytes, filename: str, mapping: dict[str, str] | None = None, dry_run: bool = True
) -> ImportReport:
    """Import people and organisations from a CSV or XLSX file into the installation's contacts.

    ``mapping`` is {column: field} (see :data:`FIELDS`); columns named like a field are read
    without it, columns mapped to nothing are left out.
    """
    require(actor, "organisations.add_person", project)

    def work(report: ImportReport) -> None:
        check_size(data)
        try:
            header, rows = read_table(data, filename=filename)
        except ValueError:
            raise ValidationError(_("The file is neither a CSV file nor an Excel workbook (XLSX).")) from None
        columns = {**suggest_mapping(header), **(mapping or {})}
        known = dict(FIELDS)
        for column, field in columns.items():
            if field and field not in known:
                report.problem(
                    _("Column “%(column)s”: there is no field “%(field)s”.")
                    % {"column": column, "field": field}
                )
            elif field and column not in header:
                report.problem(_("There is no column “%(column)s” in the file.") % {"column": column})
        if "email" not in columns.values():
            report.problem(_("No column is read as the e-mail address: map one."))
        if report.problems:
            return
        contacts = _Contacts(actor=actor, project=project, report=report)
        for number, row in enumerate(rows, start=2):
            values = {
                columns[column]: cell for column, cell in zip(header, row, strict=True) if columns.get(column)
            }
            contacts.person(_("row %(number)d") % {"number": number}, values)

    return run(dry_run=dry_run, work=work)


def find_project(reference: str):
    from secon.projects.models import Project

    return Project.objects.filter(slug=reference.strip()).first()


def _run(*, actor, target, data, dry_run, mapping, filename: str = ""):
    return import_contacts(
        actor=actor, project=target, data=data, filename=filename, mapping=mapping, dry_run=dry_run
    )


def register() -> None:
    from secon.core.imports import Importer, register_importer

    register_importer(
        Importer(
            kind="contacts",
            label=gettext_lazy("Contacts: people and organisations (CSV or XLSX)"),
            target="project",
            run=_run,
            find=find_project,
            mapping=FIELDS,
            extensions=(".csv", ".xlsx"),
        )
    )
