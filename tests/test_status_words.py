"""Status words carry a context (pgettext): "cancelled" of an event, a registration and a sign-up are
three words in Spanish (cancelado / cancelada) and German (abgesagt / storniert)."""

import ast
import pathlib

import pytest

from django.utils import translation

from secon.events.enums import EventStatus, RegistrationStatus, SignupStatus
from secon.practices.enums import Status as PracticeStatus

SOURCE = pathlib.Path(__file__).resolve().parent.parent / "src" / "secon"


def _status_labels_without_context():
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.ClassDef) and node.name.endswith("Status")):
                continue
            for statement in node.body:
                if not (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Tuple)):
                    continue
                label = statement.value.elts[-1]
                name = getattr(getattr(label, "func", None), "id", None)
                if name != "pgettext_lazy":
                    yield f"{path.relative_to(SOURCE)}: {node.name}.{statement.targets[0].id}"


def test_every_status_label_has_a_context():
    assert list(_status_labels_without_context()) == []


@pytest.mark.parametrize(
    ("language", "event", "registration", "signup"),
    [
        ("es", "cancelado", "cancelada", "cancelada"),
        ("de", "abgesagt", "storniert", "storniert"),
        ("el", "ακυρώθηκε", "ακυρώθηκε", "ακυρώθηκε"),
        ("en", "cancelled", "cancelled", "cancelled"),
    ],
)
def test_cancelled_agrees_with_what_is_cancelled(language, event, registration, signup):
    with translation.override(language):
        assert str(EventStatus.CANCELLED.label) == event
        assert str(RegistrationStatus.CANCELLED.label) == registration
        assert str(SignupStatus.CANCELLED.label) == signup


def test_spanish_statuses_agree_in_gender():
    with translation.override("es"):
        assert str(EventStatus.PUBLISHED.label) == "publicado"  # el evento
        assert str(EventStatus.POSTPONED.label) == "aplazado"
        assert str(RegistrationStatus.CONFIRMED.label) == "confirmada"  # la inscripción
        assert str(PracticeStatus.APPROVED.label) == "aprobada"  # la práctica
