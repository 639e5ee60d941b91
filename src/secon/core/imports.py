"""What every import shares: a report of what it did or would do, all-or-nothing runs, source keys.

An importer (events' schedules, organisations' contacts, practices' CSV) reads its file into
items, then writes each through its app's services inside :func:`run`. A dry run is the same work
rolled back at the end, so its preview is exactly what a real run would do. A problem with an
item is one line of the report; if there is any, the whole import is rolled back: nothing is
half-imported. :class:`ImportKey` rows remember which record each item became, so that a second
run of the same file finds everything unchanged.
"""

import dataclasses
import hashlib
import json
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from secon.core.models import ImportKey

#: The largest file an import reads (a schedule of a big conference is a few MB).
MAX_IMPORT_BYTES = 10 * 1024 * 1024


class Change:
    """What happened (or would happen) to one record."""

    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    REMOVE = "remove"


def change_label(action: str) -> str:
    return {
        Change.CREATE: pgettext("import change", "new"),
        Change.UPDATE: pgettext("import change", "changed"),
        Change.UNCHANGED: pgettext("import change", "unchanged"),
        Change.REMOVE: pgettext("import change", "removed"),
    }[action]


@dataclasses.dataclass
class Row:
    action: str
    kind: str
    label: str
    detail: str = ""

    @property
    def action_label(self) -> str:
        return change_label(self.action)


@dataclasses.dataclass
class ImportReport:
    """The rows of an import (one per record) and its problems (one line each)."""

    dry_run: bool = True
    rows: list[Row] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)

    def add(self, action: str, kind: str, label: str, detail: str = "") -> None:
        self.rows.append(Row(action, str(kind), str(label), str(detail)))

    def problem(self, line: str) -> None:
        self.problems.append(str(line))

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def applied(self) -> bool:
        return self.ok and not self.dry_run

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def changes(self) -> int:
        return len(self.rows) - self.count(Change.UNCHANGED)

    def summary(self) -> dict[str, int]:
        return {
            action: self.count(action)
            for action in (Change.CREATE, Change.UPDATE, Change.UNCHANGED, Change.REMOVE)
        }


class _RollBack(Exception):
    pass


def messages_of(error: ValidationError) -> list[str]:
    """Return a validation error's messages (each says what is wrong in words, not field names)."""
    if hasattr(error, "error_dict"):
        return [
            f"{field}: {message}" if field != "__all__" else message
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


def run(*, dry_run: bool, work: Callable[[ImportReport], None]) -> ImportReport:
    """Run ``work`` in one transaction; roll it back for a dry run or if it found any problem."""
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic():
            work(report)
            if report.problems or dry_run:
                raise _RollBack
    except _RollBack:
        pass
    except ValidationError as error:
        report.problems.extend(messages_of(error))
    except PermissionDenied as error:
        report.problem(str(error) or _("You are not allowed to do this."))
    return report


def attempt(report: ImportReport, where: str, write: Callable[[], object]):
    """Call one service for one item; a refusal becomes a line of the report (``where``: the item)."""
    try:
        return write()
    except ValidationError as error:
        for message in messages_of(error):
            report.problem(f"{where}: {message}")
    return None


def fingerprint(values) -> str:
    """Return a short digest of an item's values (JSON-able), to tell whether it changed."""
    text = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class Keys:
    """The :class:`ImportKey` rows of one source and scope, read once."""

    def __init__(self, *, source: str, scope: str):
        self.source = source
        self.scope = scope
        self._rows = {
            (row.model, row.external_id): row for row in ImportKey.objects.filter(source=source, scope=scope)
        }

    def find(self, model: type[models.Model], external_id: str):
        """Return (record, fingerprint) for an item imported before, or (None, "")."""
        row = self._rows.get((model._meta.label_lower, str(external_id)))
        if row is None:
            return None, ""
        record = model._default_manager.filter(pk=row.object_id).first()
        return record, (row.fingerprint if record is not None else "")

    def ids(self, model: type[models.Model]) -> list[int]:
        """Return the ids of this model's records imported before."""
        label = model._meta.label_lower
        return [row.object_id for (name, _external), row in self._rows.items() if name == label]

    def remember(self, record: models.Model, external_id: str, digest: str = "") -> None:
        key = (record._meta.label_lower, str(external_id))
        row, _created = ImportKey.objects.update_or_create(
            source=self.source,
            scope=self.scope,
            model=key[0],
            external_id=key[1],
            defaults={"object_id": record.pk, "fingerprint": digest},
        )
        self._rows[key] = row

    def missing(self, model: type[models.Model], seen: set[str]) -> list[tuple[str, models.Model]]:
        """Return (external id, record) of this model's items imported before but absent now."""
        label = model._meta.label_lower
        ids = {
            row.object_id: external
            for (name, external), row in self._rows.items()
            if name == label and external not in seen
        }
        records = model._default_manager.filter(pk__in=ids)
        return [(ids[record.pk], record) for record in records]

    def forget(self, model: type[models.Model], external_id: str) -> None:
        label = model._meta.label_lower
        ImportKey.objects.filter(
            source=self.source, scope=self.scope, model=label, external_id=str(external_id)
        ).delete()
        self._rows.pop((label, str(external_id)), None)


def decode_text(data: bytes) -> str:
    """Return a file's text: UTF-8 (with or without a byte-order mark), else Windows-1252/Latin-1.

    Spreadsheet programs write a UTF-8 byte-order mark even before Latin-1 text; it is dropped.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def check_size(data: bytes) -> None:
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)d MB.") % {"size": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise ValidationError(_("The file is empty."))


# --- the kinds of import, registered by the apps that own the records -------------------------------


@dataclasses.dataclass(frozen=True)
class Importer:
    """One kind of import: what it goes into (an event or a project) and the function that runs it.

    ``run(actor=…, target=…, data=…, dry_run=…, mapping=…, filename=…)`` returns an :class:`ImportReport`;
    ``find(reference)`` returns the target named on the command line (``project/event`` or
    ``project``), or None.
    """

    kind: str
    label: object
    target: str
    run: Callable[..., ImportReport]
    find: Callable[[str], object]
    mapping: tuple[tuple[str, object], ...] = ()
    extensions: tuple[str, ...] = (".csv",)


_IMPORTERS: dict[str, Importer] = {}


def register_importer(importer: Importer) -> Importer:
    _IMPORTERS[importer.kind] = importer
    return importer


def importers() -> dict[str, Importer]:
    return dict(_IMPORTERS)
