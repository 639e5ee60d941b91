"""Two projects with every kind of user, built through the services, for permission and tenancy tests.

Project A ("alpha") has a lead partner, PP2 (edited by ``editor_a``) and PP3; project B ("beta")
has only a lead partner. Each organisation has one person with a consent.
"""

import datetime
from dataclasses import dataclass, field

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from django.forms import MultiWidget

from secon.accounts.enums import Role
from secon.accounts.models import User
from secon.accounts.services import create_user, grant_role
from secon.organisations.services import add_partner, create_organisation, create_person, record_consent
from secon.projects.services import create_project
from tests.factories import RegionFactory

PASSWORD = "correct horse battery"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    projects: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    partners: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    memberships: dict = field(default_factory=dict)
    region: object = None


def enable_two_factor(user: User) -> str:
    """Set up an authenticator app for the user (as the TOTP page does); return its secret.

    Coordinators and administrators need one before they may open any page but the set-up."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def _user(email: str, **kwargs) -> User:
    return create_user(actor=None, email=email, password=PASSWORD, **kwargs)


def build_world() -> World:
    world = World()
    world.region = RegionFactory(code="ZZ1", level=1, name="Region Eins")
    for key, slug, acronym in [("a", "alpha", "ALPHA"), ("b", "beta", "BETA")]:
        world.projects[key] = create_project(
            actor=None,
            slug=slug,
            acronym=acronym,
            title={"en": f"{acronym} project", "es": f"Proyecto {acronym}"},
            start_date=datetime.date(2023, 3, 1),
            end_date=datetime.date(2027, 5, 31),
            content_languages=["en", "es", "pl"],
        )
    for key, project_key, number, role, name in [
        ("a1", "a", 1, "lead", "Alpha Lead Agency"),
        ("a2", "a", 2, "partner", "Alpha Cooperative"),
        ("a3", "a", 3, "partner", "Alpha Only Foundation"),
        ("b1", "b", 1, "lead", "Beta Lead Authority"),
    ]:
        organisation = create_organisation(
            actor=None, name=name, kind="cooperative", notes=f"notes of {name}"
        )
        world.organisations[key] = organisation
        world.partners[key] = add_partner(
            actor=None,
            project=world.projects[project_key],
            organisation=organisation,
            regions=[world.region],
            number=number,
            role=role,
        )
        person = create_person(
            actor=None,
            first_name="Person",
            last_name=f"Of {name}",
            email=f"person.{key}@example.org",
            organisation=organisation,
        )
        record_consent(actor=None, person=person, kind="terms", granted=True, source="test")
        world.people[key] = person

    world.users["superuser"] = _user("root@example.org", is_superuser=True)
    for key, project_key, role, organisation_key in [
        ("coordinator", "a", Role.COORDINATOR, None),
        ("editor", "a", Role.PARTNER_EDITOR, "a2"),
        ("viewer", "a", Role.VIEWER, None),
        ("other_coordinator", "b", Role.COORDINATOR, None),
    ]:
        user = _user(f"{key}@example.org")
        world.users[key] = user
        world.memberships[key] = grant_role(
            actor=None,
            user=user,
            project=world.projects[project_key],
            role=role,
            organisation=world.organisations[organisation_key] if organisation_key else None,
        )
    for key in ("superuser", "coordinator", "other_coordinator"):
        enable_two_factor(world.users[key])
    for user in world.users.values():
        user.refresh_from_db()
    return world


ROLES = ["anonymous", "viewer", "editor", "coordinator", "other_coordinator", "superuser"]


def client_for(client, world: World, role: str):
    """Return the test client signed in as the world's user with that role (or anonymous)."""
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def changeform_data(response) -> dict:
    """Return the POST data of an admin change form as shown (the user changes nothing yet)."""
    form = response.context["adminform"].form
    data = {}
    for name, form_field in form.fields.items():
        value = form[name].value()
        widget = form_field.widget
        if isinstance(widget, MultiWidget):
            values = value if isinstance(value, list) else widget.decompress(value)
            for suffix, item in zip(widget.widgets_names, values, strict=True):
                data[name + suffix] = item or ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is None:
            data[name] = ""
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
    return data


def outcome(response) -> object:
    """Name what a user got: 200, 403, 404, "login" (sent to sign in) or "missing" (not in their scope)."""
    if response.status_code == 302:
        location = response["Location"]
        if "/login/" in location:
            return "login"
        if location.rstrip("/").endswith("/admin"):
            return "missing"
        return location
    return response.status_code


def expected(anonymous, viewer, editor, coordinator, other_coordinator, superuser) -> dict:
    """The outcome per role, in the order of :data:`ROLES`."""
    return dict(
        zip(ROLES, [anonymous, viewer, editor, coordinator, other_coordinator, superuser], strict=True)
    )
