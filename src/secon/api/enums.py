"""What an API token may reach: a scope is a resource and an access (read or write)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TokenKind(models.TextChoices):
    PERSONAL = "personal", _("for myself")
    INTEGRATION = "integration", _("for an integration")


class Access(models.TextChoices):
    READ = "read", pgettext_lazy("API access", "read")
    WRITE = "write", pgettext_lazy("API access", "write")


class Resource(models.TextChoices):
    PROJECTS = "projects", _("projects")
    PARTNERS = "partners", _("partners")
    ORGANISATIONS = "organisations", _("organisations")
    REGIONS = "regions", _("regions")
    EVENTS = "events", _("events")
    SESSIONS = "sessions", _("sessions")
    PRACTICES = "practices", _("good practices")
    TRANSFERS = "transfers", _("transfers")
    DECISIONS = "decisions", _("committee decisions")
    INSTRUMENTS = "instruments", _("policy instruments")
    ARTICLES = "articles", _("articles")
    PEOPLE = "people", _("people (personal data)")
    CONTACTS = "contacts", _("people's e-mail addresses, where they consented (personal data)")
    REGISTRATIONS = "registrations", _("registrations (personal data)")
    ATTENDANCE = "attendance", _("attendance (check-in)")
    ACTIONS = "actions", _("actions of action plans")


#: The accesses each resource offers (the rest would grant nothing).
ACCESSES: dict[str, tuple[str, ...]] = {
    Resource.PROJECTS: (Access.READ,),
    Resource.PARTNERS: (Access.READ,),
    Resource.ORGANISATIONS: (Access.READ,),
    Resource.REGIONS: (Access.READ,),
    Resource.EVENTS: (Access.READ,),
    Resource.SESSIONS: (Access.READ,),
    Resource.PRACTICES: (Access.READ, Access.WRITE),
    Resource.TRANSFERS: (Access.READ,),
    Resource.DECISIONS: (Access.READ,),
    Resource.INSTRUMENTS: (Access.READ,),
    Resource.ARTICLES: (Access.READ,),
    Resource.PEOPLE: (Access.READ,),
    Resource.CONTACTS: (Access.READ,),
    Resource.REGISTRATIONS: (Access.READ, Access.WRITE),
    Resource.ATTENDANCE: (Access.WRITE,),
    Resource.ACTIONS: (Access.READ, Access.WRITE),
}

#: Resources holding personal data: never granted by a "read everything public" choice.
PERSONAL = frozenset({Resource.PEOPLE, Resource.CONTACTS, Resource.REGISTRATIONS, Resource.ATTENDANCE})


def scope(resource: str, access: str) -> str:
    return f"{resource}:{access}"


#: Every scope a token may carry, in the order the form shows them.
ALL_SCOPES: tuple[str, ...] = tuple(
    scope(resource, access) for resource in Resource for access in ACCESSES[resource]
)
