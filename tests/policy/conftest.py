"""A project with three partner regions, people in every role, and a member of another project."""

from dataclasses import dataclass, field

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from secon.core.permissions import SYSTEM
from secon.policy import services
from tests.factories import PartnerFactory, ProjectFactory, RegionFactory
from tests.governance.conftest import member

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def evidence_file(name: str = "decision.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass
class World:
    project: object
    partners: list
    instruments: list
    users: dict = field(default_factory=dict)
    other_project: object = None

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


@pytest.fixture
def world(db) -> World:
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    partners = [PartnerFactory(project=project, number=n + 1) for n in range(3)]
    for n, partner in enumerate(partners):
        partner.regions.add(RegionFactory(code=f"ES4{n}"))
    users = {
        "coordinator": member(project, "coordinator", first_name="Chris", last_name="Coord"),
        "partner": member(project, "partner_editor", partners[0].organisation, first_name="Eva"),
        "partner2": member(project, "partner_editor", partners[1].organisation),
        "viewer": member(project, "viewer"),
    }
    other = ProjectFactory(slug="other")
    users["other"] = member(other, "coordinator")
    instruments = [
        services.create_instrument(
            actor=SYSTEM,
            project=project,
            partner=partner,
            name={"en": f"Regional programme {n + 1}", "es": f"Programa regional {n + 1}"},
            kind="programme",
            managing_body="Managing authority",
            region=partner.regions.first(),
            funds="ERDF",
            description={"en": "Support for social-economy enterprises."},
        )
        for n, partner in enumerate(partners)
    ]
    return World(project, partners, instruments, users, other)
