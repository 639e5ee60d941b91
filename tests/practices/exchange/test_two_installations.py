"""Two real installations on two ports, each its own `secon serve` and SQLite database: the second
subscribes to the first one's practice feed over HTTP (`secon feeds`), shows the copy in its library
marked with its origin and linking back, keeps it in step, and a partner there records a transfer
through the practice's page."""

import datetime
import html
import http.cookiejar
import re
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.installations import migrated_database
from tests.test_cli import assert_ok, run_secon
from tests.test_serve import started_server

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "correct horse battery"

#: Run by `secon manage shell -c` in an installation (the factories build the records).
PRELUDE = f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"

ORIGIN_DATA = """
from django.utils import timezone
from secon.practices.services.indexing import index_practice
from tests.factories import OrganisationFactory, ProjectFactory
from tests.practices.factories import GoodPracticeFactory

project = ProjectFactory(slug="origin", acronym="ORIGIN", content_languages=["en", "es"])
institution = OrganisationFactory(name="REMUDARTE", kind="work_integration")
practice = GoodPracticeFactory(
    project=project,
    title={"en": "Social clauses in public tenders", "es": "Cláusulas sociales"},
    summary={"en": "Tenders reserve places for work-integration enterprises."},
    status="approved",
    published_at=timezone.now(),
    country="ES",
    city="Mérida",
    keywords=["procurement"],
    main_institution=institution,
)
index_practice(practice=practice)
GoodPracticeFactory(project=project, title={"en": "A draft nobody sees"}, status="draft")
print(practice.get_absolute_url())
"""

SUBSCRIBER_DATA = f"""
from allauth.account.models import EmailAddress
from tests.factories import MembershipFactory, PartnerFactory, ProjectFactory, RegionFactory, UserFactory

project = ProjectFactory(slug="here", acronym="HERE", content_languages=["en"])
partner = PartnerFactory(project=project, organisation__name="Agenția Centru")
partner.regions.add(RegionFactory(code="RO12", name="Centru"))
user = UserFactory(email="ioana@example.org", password={PASSWORD!r})
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
MembershipFactory(user=user, project=project, role="partner_editor", organisation=partner.organisation)
print(partner.pk)
"""

RENAME_AT_ORIGIN = """
from django.utils import timezone
from secon.practices.models import GoodPractice
GoodPractice.objects.filter(title__en="Social clauses in public tenders").update(
    title={"en": "Social clauses, revised"}, updated_at=timezone.now()
)
"""

TRANSFERS = """
from secon.practices.models import Transfer
for transfer in Transfer.objects.select_related("practice__origin", "partner__organisation"):
    print(transfer.partner.organisation.name, transfer.stage, transfer.practice.origin.remote_id)
"""


def shell(var_dir: Path, code: str, **variables: str) -> str:
    return assert_ok(run_secon("manage", "shell", "-c", PRELUDE + code, var_dir=var_dir, **variables))


class Browser:
    """A visitor of one installation: cookies kept, the CSRF token taken from the last page."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.page = ""

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            self.page = response.read().decode()
        return self.page

    def post(self, path: str, fields: dict) -> str:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=30) as response:
            self.page = response.read().decode()
            return response.url


def test_a_second_installation_follows_the_first_and_a_partner_records_a_transfer(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    database = migrated_database(tmp_path)
    for var_dir in (first, second):  # two databases with the same schema and nothing else in common
        var_dir.mkdir()
        shutil.copy(database, var_dir / "secon.sqlite3")
    practice_path = shell(first, ORIGIN_DATA).strip().splitlines()[-1]

    with (
        started_server(first, "--task-workers", "0") as (_a, port_a),
        started_server(second, "--task-workers", "0") as (_b, port_b),
    ):
        origin, here = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        partner_id = shell(second, SUBSCRIBER_DATA, SECON_SITE_URL=here).strip().splitlines()[-1]
        feed = f"{origin}/en/practices/feed.jsonld"
        # As the README says, without SECON_SITE_URL: the command does not know its site's port.
        allow = {"SECON_EXCHANGE_ALLOW_PRIVATE": "true"}

        # Subscribing reads the feed over HTTP and synchronises at once.
        subscribed = assert_ok(
            run_secon("feeds", "subscribe", feed, "--project", "here", var_dir=second, **allow)
        )
        assert "1 created" in subscribed

        # The copy is in the second installation's library, marked with its origin and linking back.
        visitor = Browser(here)
        library = visitor.get("/en/here/practices/")
        assert "Social clauses in public tenders" in library
        assert "A draft nobody sees" not in library
        assert f'href="{origin}{practice_path}"' in library
        assert f"from 127.0.0.1:{port_a}" in library
        copy_path = re.search(r'href="(/en/here/practices/\d+/)"', library).group(1)
        assert "comes from another installation" in visitor.get(copy_path)
        with urllib.request.urlopen(origin + practice_path, timeout=30) as back:
            assert "Social clauses in public tenders" in back.read().decode()

        # A change at the origin arrives with the next synchronisation.
        shell(first, RENAME_AT_ORIGIN)
        synced = assert_ok(run_secon("feeds", "sync", "--project", "here", var_dir=second, **allow))
        assert "1 updated" in synced
        assert "Social clauses, revised" in visitor.get(copy_path)

        # A partner of the second installation signs in and records its interest on the copy's page.
        partner = Browser(here)
        partner.get("/en/accounts/login/")
        partner.post("/en/accounts/login/", {"login": "ioana@example.org", "password": PASSWORD})
        page = partner.get(copy_path)
        assert "Agenția Centru" in html.unescape(page)
        landed = partner.post(
            copy_path + "transfers/", {"partner": partner_id, "date": datetime.date.today().isoformat()}
        )
        assert landed.startswith(here + copy_path)

    recorded = shell(second, TRANSFERS, SECON_SITE_URL=here)
    assert f"Agenția Centru interest {origin}{practice_path}" in recorded
