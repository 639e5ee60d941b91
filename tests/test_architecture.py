"""The shape of the code: apps depend downward only (DESIGN.md's order), and modules stay short.

Every module under src/secon is parsed (not imported): module-level and function-level imports,
``import x`` and ``from x import y``, and string references to another app (``apps.get_model``,
``ForeignKey("app.Model")``, ``has_perm("app.rule")``, dotted ``"secon.app…"`` paths) all count.
"""

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src" / "secon"

#: DESIGN.md's dependency order: an app may use the apps to its left, never those to its right.
ORDER = [
    "core",
    "accounts",
    "projects",
    "mail",
    "organisations",
    "practices",
    "events",
    "governance",
    "policy",
    "indicators",
    "communications",
    "api",
]
#: On top: they may use every app; no app may use them.
TOP = ["public", "demo"]
#: Project-level modules (settings, URLs, the command line, the WSGI entry) wire the apps together.
PROJECT_LEVEL = {"settings", "urls", "cli", "wsgi"}
#: Below every app: the parsed configuration.
FOUNDATION = {"config"}

#: Known upward references still to be resolved, each with its reason: (module, app) -> reason.
#: The test fails when one disappears, so that the list only shrinks.
KNOWN_UPWARD = {
    # Membership and Invitation (a user's role in a project, for a partner organisation) are the join
    # of accounts' User, projects' Project and organisations' Organisation, and the role predicates
    # built on them (accounts/predicates.py) are imported by projects, mail and organisations
    # themselves (rules.py, admin.py). Wherever the two models sit, one edge points upward: in
    # accounts, these foreign keys; in organisations (with the predicates), projects' and mail's
    # rules and admin plus accounts' services, invitations, selectors and admin importing upward —
    # or reading the model through a relation name, the same dependency hidden from this test, or
    # integer columns without a foreign key. Moving them would also rename the label that
    # audit entries and backups store ("accounts.membership"). DESIGN.md itself puts memberships in
    # accounts, left of projects.
    ("accounts/models.py", "projects"): "Membership.project and Invitation.project: a role is "
    "a role in a project (see above)",
    ("accounts/models.py", "organisations"): "Membership.organisation and Invitation.organisation: "
    "the partner a partner editor acts for (see above)",
}

MAX_LINES = 450
#: Modules allowed to be longer, each with its reason.
LONG_MODULES = {
    "demo/data/secon.py": "demo data: the SECON partnership's public facts, one table per record kind",
    "config.py": "every SECON_* variable in one place: its row in the table the README is checked "
    "against, and its parser with one-line errors (one short function per variable)",
}

KNOWN = {*ORDER, *TOP, *PROJECT_LEVEL, *FOUNDATION}
DJANGO_LABELS = {"admin", "auth", "contenttypes", "sessions", "messages", "staticfiles"}
RELATION_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


def modules():
    for path in sorted(SOURCE.rglob("*.py")):
        yield path, path.relative_to(SOURCE)


def owner(relative: Path) -> str:
    """The app (or project-level name) a module belongs to."""
    first = relative.parts[0]
    return first.removesuffix(".py") if len(relative.parts) == 1 else first


def _app_of_dotted(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] == "secon" and len(parts) > 1 and parts[1] in KNOWN:
        return parts[1]
    return None


def _app_of_label(label: str) -> str | None:
    app = label.split(".")[0]
    return app if app in ORDER or app in TOP else None


def references(tree: ast.AST):
    """Yield (app, line) for every import of, or string reference to, a secon app."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if app := _app_of_dotted(alias.name):
                    yield app, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            app = _app_of_dotted(node.module)
            if node.module == "secon":
                for alias in node.names:
                    if alias.name in KNOWN:
                        yield alias.name, node.lineno
            elif app:
                yield app, node.lineno
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if (app := _app_of_dotted(node.value)) and " " not in node.value:
                yield app, node.lineno
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            strings = [
                arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
            if not strings:
                continue
            is_reference = (
                name == "get_model" or name in RELATION_FIELDS or name in ("has_perm", "is_installed")
            )
            if is_reference and (app := _app_of_label(strings[0])):
                yield app, node.lineno


def allowed(source: str, target: str) -> bool:
    if source == target or source in PROJECT_LEVEL or target in FOUNDATION or target in DJANGO_LABELS:
        return True
    if target in PROJECT_LEVEL:
        return False
    if target in TOP:
        return False
    if source in TOP or (source in FOUNDATION and target in FOUNDATION):
        return True
    if source in FOUNDATION:
        return False
    if source not in ORDER or target not in ORDER:
        return False
    return ORDER.index(target) < ORDER.index(source)


def test_apps_depend_downward_only():
    upward, known = [], set()
    for path, relative in modules():
        source = owner(relative)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for target, line in sorted(set(references(tree)), key=lambda item: item[1]):
            if allowed(source, target):
                continue
            if (str(relative), target) in KNOWN_UPWARD:
                known.add((str(relative), target))
            else:
                upward.append(f"{source} → {target} ({relative}:{line})")
    assert not upward, "imports against DESIGN.md's order of apps:\n" + "\n".join(upward)
    assert known == set(KNOWN_UPWARD), f"resolved, remove from KNOWN_UPWARD: {set(KNOWN_UPWARD) - known}"


def test_every_app_is_placed_in_the_order():
    apps = {relative.parts[0] for _path, relative in modules() if len(relative.parts) > 1}
    unknown = apps - set(ORDER) - set(TOP) - {"locale", "templates"}
    assert not unknown, f"add {sorted(unknown)} to ORDER or TOP (and to DESIGN.md)"


def test_modules_are_short_enough_to_read_in_one_sitting():
    long = []
    for path, relative in modules():
        if "migrations" in relative.parts or str(relative) in LONG_MODULES:
            continue  # migrations are generated
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_LINES:
            long.append(f"{relative}: {count} lines")
    assert not long, f"split these modules by concept (at most {MAX_LINES} lines):\n" + "\n".join(long)
    for name in LONG_MODULES:
        assert (SOURCE / name).exists(), f"{name} no longer exists: remove it from LONG_MODULES"


def test_the_rule_catches_each_kind_of_reference():
    code = """
import secon.events.models
from secon.events import selectors
from secon import events

def later():
    from secon.events.services import registrations
    apps.get_model("events", "Event")
    models.ForeignKey("events.Event", on_delete=models.CASCADE)
    user.has_perm("events.manage_event", event)
    include("secon.events.urls")
"""
    found = [app for app, _line in references(ast.parse(code))]
    assert found.count("events") == 8
    assert not allowed("practices", "events")
    assert allowed("events", "practices")
    assert not allowed("events", "public") and not allowed("public", "demo")
    assert allowed("demo", "events") and allowed("urls", "public")


def test_migrations_do_not_import_live_code():
    """A migration runs against the code of its day: what a RunPython needs is copied into it.

    Django's generated ``import secon.app.module`` lines (field classes, validators, upload paths)
    are the only references allowed.
    """
    found = []
    for path, relative in modules():
        if "migrations" not in relative.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("secon"):
                found.append(f"{relative}:{node.lineno}: from {node.module} import …")
    assert not found, "copy what the migration needs into it:\n" + "\n".join(found)
