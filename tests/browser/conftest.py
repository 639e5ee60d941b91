"""Drive Debian's chromium with Playwright against a live server holding the SECON demo.

One browser for the whole session; each test gets a fresh context and page whose console is
recorded, so a test can assert that a page logged no error and violated no CSP directive.
"""

import os
import re
import time
from pathlib import Path
from unittest import mock

import pytest

from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from secon.core.management.backup import rebuild_derived_data
from secon.demo.data import secon as demo_data
from secon.demo.loader import load_demo
from secon.organisations import services as organisation_services
from secon.organisations.nuts import read_nuts
from tests.core.queues import configure
from tests.demo_snapshot import DemoSnapshot

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: The map's tile server: unreachable in CI (offline), so every test blocks it the same way.
TILE_HOSTS = ("https://tile.openstreetmap.org/",)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread while the browser is open; Django
    # refuses ORM calls from such a thread unless told they are meant (ours are plain synchronous).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Console:
    """The console messages and uncaught errors of one page."""

    def __init__(self):
        self.messages = []

    def record(self, message):
        self.messages.append((message.type, message.text, message.location.get("url", "")))

    def record_error(self, error):
        self.messages.append(("pageerror", str(error), ""))

    def errors(self, *, allow_status_of: str | None = None) -> list[tuple[str, str, str]]:
        """Return errors and warnings, ignoring the blocked tile server and an expected error status."""
        found = []
        for kind, text, url in self.messages:
            if kind not in {"error", "warning", "pageerror"}:
                continue
            if text.startswith("Failed to load resource") and url.startswith(TILE_HOSTS):
                continue
            if allow_status_of and text.startswith("Failed to load resource") and url == allow_status_of:
                continue
            found.append((kind, text, url))
        return found


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_page_is_clean(page, name, *, fits_width=True, allow_status_of=None):
    """Assert that the loaded page has no axe-core violation, fits the screen and logged no error.

    Waits for the page to finish loading first: a check started while a click's navigation is
    still under way would run axe-core on a document that is being replaced.
    """
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]
    assert violations == [], f"{name}: {violations}"
    if fits_width:
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than the screen"
    errors = page.console.errors(allow_status_of=allow_status_of)
    assert errors == [], f"console errors or CSP violations on {page.url}: {errors}"


def _open_page(browser, *, javascript_enabled=True, width=1280, language="en", **options):
    """Open a page in a fresh context; ``options`` go to the context (``is_mobile``, ``storage_state`` …)."""
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width < 600 else 900},
        java_script_enabled=javascript_enabled,
        locale=language,
        **options,
    )
    context.set_default_timeout(10_000)
    for host in TILE_HOSTS:
        context.route(f"{host}**", lambda route: route.abort())
    page = context.new_page()
    page.console = Console()
    page.on("console", page.console.record)
    page.on("pageerror", page.console.record_error)
    return context, page


@pytest.fixture
def page(browser):
    context, page = _open_page(browser)
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context, page = _open_page(browser, javascript_enabled=False)
    yield page
    context.close()


@pytest.fixture(scope="session")
def demo_regions():
    """The NUTS 2024 regions of the demo's countries (a third of the table: quicker to load)."""
    countries = {code[:2] for code in demo_data.REGION_NAMES}
    return [row for row in read_nuts() if row.version == 2024 and row.country_code in countries]


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker):
    """One snapshot of the loaded demo per process (taken by the first module that loads it)."""
    from django.db import connection

    snapshot = DemoSnapshot(connection)
    yield snapshot
    if snapshot.sqlite is not None:
        snapshot.sqlite.close()
    elif snapshot.files is not None:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {DemoSnapshot.SCHEMA} CASCADE")


@pytest.fixture(scope="module")
def site(browser, django_db_setup, django_db_blocker, demo_regions, _demo_snapshot):
    """A live server on the test database holding the SECON demo, shared by a module's tests.

    Loading the demo once per module (not once per test, as pytest-django's transactional
    ``live_server`` would) keeps the browser tests quick — and once per process: later modules get
    a copy of it (:class:`DemoSnapshot`); the tables are flushed afterwards, as pytest-django does
    after a transactional test. Tests using it must not use ``db``.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        if _demo_snapshot.files is None:
            # The demo's e-mails wait in the database queue, as `secon demo` leaves them on a site:
            # sending them (rendering their PDFs) took two thirds of the load's CPU.
            with (
                mock.patch.object(organisation_services, "read_nuts", lambda: iter(demo_regions)),
                override_settings(**configure("database", "default")),
            ):
                load_demo()
            _demo_snapshot.take()
        else:
            _demo_snapshot.restore()
        server = LiveServer("localhost")
        try:
            # Absolute links (language switcher, canonical) point to the site's address: this server.
            with override_settings(SITE_URL=server.url):
                yield server
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            # The flush restarts ids but leaves the search's full-text tables (not models): a later
            # test's practice would be found by the demo's words.
            rebuild_derived_data()


def confirm_registration_from_email(page, address: str) -> None:
    """Do what a participant does after the form: open the e-mailed link and press its button."""
    page.wait_for_url(re.compile(r"/register/check-your-email/$"))
    message = next(m for m in reversed(mail.outbox) if m.to == [address] and "/register/confirm/" in m.body)
    page.goto(re.search(r"http://\S+/register/confirm/\S+/", message.body).group(0))
    page.get_by_role("button", name="Yes, confirm my registration").click()
    page.wait_for_url(re.compile(r"/me/[^/]+/$"))


def sign_in(page, site, email: str) -> None:
    """Sign in as a demo member (with the authenticator code the demo's coordinator needs) and wait
    until the home page shows: a navigation while a sign-in is still under way would cancel it."""
    from secon.accounts.models import User
    from secon.accounts.twofactor import current_code, secret_of
    from secon.demo.loader import read_demo_admin

    page.goto(f"{site.url}/en/accounts/login/")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(read_demo_admin()[1])
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if page.url.endswith("/2fa/totp/activate/"):
        # The coordinator's first sign-in: set up the authenticator app, as the demo requires.
        secret = page.locator("#authenticator_secret").input_value()
        page.get_by_label("Authenticator code").fill(current_code(secret))
        page.get_by_role("button", name="Activate").click()
        page.wait_for_url(re.compile(r"/recovery-codes/$"))
    elif page.url.endswith("/2fa/authenticate/"):
        # Signed in before (another module): a code of the next step, as a used code is refused.
        secret = secret_of(User.objects.get(email=email))
        page.get_by_label("Code").fill(current_code(secret, at=time.time() + 30))
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
    page.goto(f"{site.url}/en/home/")
    assert page.url.endswith("/en/home/"), f"{email} is not signed in: {page.url}"
