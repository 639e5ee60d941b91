"""Every page on a 390 px phone, as each kind of user: a crawl that follows the links of the demo
(anonymous visitor, viewer, partner editor, coordinator with two-factor sign-in, participant on their
personal page) and checks each page it finds for sideways scrolling, axe-core (WCAG 2.1 AA) and
console errors; then the check-in desk used with one thumb, with and without JavaScript."""

import re
from collections import deque
from urllib.parse import urlsplit, urlunsplit

import pytest
from playwright.sync_api import expect

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

from tests.browser.conftest import _open_page, assert_page_is_clean, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "is_mobile": True, "has_touch": True}
#: Pages per role: at most this many, so that a link explosion cannot make the test run for ever.
CAP = 60
#: Links the crawl does not follow: signing out, files (calendars, PDFs, spreadsheets, exports)
#: and the administration, which is Django's own.
SKIPPED = re.compile(
    r"/logout/|/download/|/admin/|\.(ics|xml|json|pdf|csv|xlsx|docx)$|/(pdf|docx)/$|/export\.[a-z]+$"
)
TAP_TARGET = 48
LANGUAGES = {code for code, _name in settings.LANGUAGES}
CACERES = "/en/secon/events/caceres-2024/manage"


@pytest.mark.django_db
def test_the_organiser_pages_exist_in_the_url_map():
    """A database test first: it opens the test database before the browser starts."""
    from django.urls import reverse

    assert reverse("events:check_in", kwargs={"project": "secon", "event": "caceres-2024"}).endswith(
        "/manage/check-in/"
    )


def kind_of(url: str) -> tuple[str, str, bool] | None:
    """Return a page's kind: its language, URL pattern and whether it has a query (None: no page).

    One page of each kind is checked per role: the library with one filter looks like the
    library with three, and the 36 session pages of the demo share one template.
    """
    parts = urlsplit(url)
    language = parts.path.split("/")[1]
    try:
        with translation.override(language if language in LANGUAGES else None):
            match = resolve(parts.path)
    except Resolver404:
        return None
    return language, match.view_name, bool(parts.query)


@pytest.fixture(scope="module")
def audited():
    """The kinds of page axe-core has checked in this module (another role checks only the width)."""
    return set()


def crawl(page, site, starts: list[str], audited: set) -> tuple[list[str], list[str]]:
    """Follow same-site links from ``starts``, in their languages; return the pages and the problems.

    Every page must load, fit the screen and log no error; the first page of each kind in the
    module is also checked by axe-core.
    """
    origin = urlsplit(site.url).netloc
    languages = {start.split("/")[1] for start in starts}
    queue = deque(site.url + start for start in starts)
    seen, checked, problems = set(), [], []
    while queue and len(checked) < CAP:
        url = queue.popleft()
        kind = kind_of(url)
        if kind is None or kind in seen or kind[0] not in languages:
            continue
        seen.add(kind)
        response = page.goto(url)
        path = url[len(site.url) :]
        if response is None or response.status >= 400:
            problems.append(f"{path}: HTTP {response.status if response else '?'}")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        checked.append(path)
        try:
            if kind in audited:
                assert_fits(page, path)
            else:
                audited.add(kind)
                assert_page_is_clean(page, path)
        except AssertionError as problem:
            problems.append(str(problem).split("\n")[0])
        for href in page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)"):
            parts = urlsplit(href)
            if parts.netloc == origin and not SKIPPED.search(parts.path):
                queue.append(urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, "")))
    return checked, problems


def assert_fits(page, name):
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide"
    errors = page.console.errors()
    assert errors == [], f"console errors or CSP violations on {page.url}: {errors}"


@pytest.fixture(scope="module")
def sessions(browser, site):
    """Each demo account signs in once per module (a TOTP code works once); returns their cookies."""
    states = {}

    def state_of(email):
        if email not in states:
            context, page = _open_page(browser, **PHONE)
            try:
                sign_in(page, site, email)
                states[email] = context.storage_state()
            finally:
                context.close()
        return states[email]

    return state_of


@pytest.fixture
def open_phone(browser, sessions):
    """Open a 390 px phone page, signed in as ``email`` if given."""
    contexts = []

    def open_page(email=None, *, javascript_enabled=True):
        options = {"storage_state": sessions(email)} if email else {}
        context, page = _open_page(browser, javascript_enabled=javascript_enabled, **PHONE, **options)
        contexts.append(context)
        return page

    yield open_page
    for context in contexts:
        context.close()


def personal_page() -> str:
    """The personal page of a participant of the coming seminar (the link from their e-mail)."""
    from secon.events.links import make_token
    from secon.events.models import Event
    from secon.events.services.registrations import register_participant

    event = Event.objects.select_related("project").get(slug="harghita-seminar-2027")
    registration = register_participant(
        event=event,
        first_name="Παναγιώτα",
        last_name="Παπαδοπούλου-Βασιλοπούλου",
        email="panagiota.papadopoulou-vasilopoulou@example.org",
        language="el",
        organisation_name="Κοινωνική Συνεταιριστική Επιχείρηση Ένταξης Ευπαθών Ομάδων Πελοποννήσου",
        consents={"terms": True},
        notify=False,
    )
    return f"/en/{event.project.slug}/events/{event.slug}/me/{make_token(registration)}/"


ROLES = {
    # In English and in German, whose long compound words break a narrow layout first.
    "anonymous": (None, ["/en/", "/de/", "/en/accounts/login/", "/en/accounts/password/reset/"]),
    "viewer": ("viewer@secon.example", ["/en/home/"]),
    "partner editor": ("extremadura@secon.example", ["/en/home/"]),
    # Pages no link leads to: the check-in desk with a search, the registrations with a filter.
    "coordinator": (
        "coordinator@secon.example",
        ["/en/home/", f"{CACERES}/check-in/?q=a", f"{CACERES}/registrations/?status=confirmed&q=a"],
    ),
    "participant": (None, [personal_page]),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_a_phone_and_passes_axe(site, open_phone, audited, role):
    email, starts = ROLES[role]
    phone = open_phone(email)
    starts = [start() if callable(start) else start for start in starts]
    checked, problems = crawl(phone, site, starts, audited)
    assert problems == [], f"{role}: {len(problems)} of {len(checked)} pages: " + "\n".join(problems)
    # The crawl reached the pages that matter for this role (not just a sign-in page).
    expected = {
        "anonymous": ["/en/secon/events/", "/de/practices/", "/en/secon/partners/", "/register/"],
        "viewer": ["/en/home/profile/"],
        "partner editor": ["/manage/registrations/", "/manage/check-in/", "/en/secon/practices/manage/"],
        "coordinator": [f"{CACERES}/check-in/", f"{CACERES}/registrations/", "/en/secon/members/"],
        "participant": ["/me/"],
    }[role]
    for part in expected:
        assert any(part in path for path in checked), f"{role}: no page with {part} in {checked}"


def top_of(locator) -> float:
    """Return how far down the page (not the screen) an element starts, in CSS pixels."""
    return locator.evaluate("element => element.getBoundingClientRect().top + window.scrollY")


def box(locator) -> dict:
    locator.scroll_into_view_if_needed()
    return locator.bounding_box()


def assert_tap_target(locator, name):
    size = box(locator)
    assert size["height"] >= TAP_TARGET and size["width"] >= TAP_TARGET, f"{name}: {size}"


def someone_to_check_in() -> tuple[str, str]:
    """A confirmed participant of the Cáceres meeting not yet present on its last day: (name, day)."""
    from secon.events.enums import RegistrationStatus
    from secon.events.models import Event, Registration

    event = Event.objects.get(slug="caceres-2024")
    day = event.end_date
    registration = (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .exclude(attendances__day=day)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    return str(registration.person), day.isoformat()


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_check_in_with_one_thumb(site, open_phone, javascript):
    page = open_phone("coordinator@secon.example", javascript_enabled=javascript)
    # axe-core needs JavaScript: without it, the page is checked for its width and console only.
    check = assert_page_is_clean if javascript else assert_fits
    name, day = someone_to_check_in()
    page.goto(f"{site.url}{CACERES}/check-in/?day={day}")
    search = page.get_by_label("Name, e-mail or scanned QR code")
    # The search field comes first on the page, big, high on the first screen.
    assert top_of(search) < 400
    assert_tap_target(search, "search field")
    assert_tap_target(page.get_by_role("button", name="Find"), "Find")
    if javascript:
        page.evaluate("window.stayed = true")
        search.press_sequentially(name.split()[-1], delay=20)  # results while typing
    else:
        search.fill(name.split()[-1])
        page.get_by_role("button", name="Find").click()
    card = page.locator(".check-in-card", has_text=name)
    expect(card).to_have_count(1)
    button = card.get_by_role("button", name=re.compile("Check in for the day"))
    assert_tap_target(button, "check-in button")
    assert_tap_target(card.locator("summary"), "'or for the session'")
    for link in page.locator(".organiser-nav a").all():
        assert_tap_target(link, f"organiser link {link.inner_text()}")
    check(page, "check-in with results")
    # The button is within a thumb's reach on the first screen, below the search field.
    assert top_of(search) < top_of(button) < 844 - TAP_TARGET
    button.click()
    status = page.locator("#check-in-status")
    expect(status).to_contain_text(f"{name} is checked in")
    expect(page.locator(".check-in-card--present", has_text=name)).to_have_count(1)
    if javascript:
        assert page.evaluate("window.stayed") is True, "the page was reloaded"
        expect(search).to_be_focused()
        assert page.evaluate("document.activeElement.selectionEnd - document.activeElement.selectionStart")
    assert page.url.split("?")[1].startswith(f"day={day}&q=")
    check(page, "check-in confirmed")
    # The same person again: the desk is told, and nothing is counted twice.
    page.locator(".check-in-card", has_text=name).get_by_role(
        "button", name=re.compile("Check in for the day")
    ).click()
    expect(status).to_contain_text(f"{name} was already checked in")


def test_registering_on_a_phone_taps_the_button_and_shows_errors_that_fit(site, open_phone):
    phone = open_phone()
    phone.goto(f"{site.url}/en/secon/events/harghita-seminar-2027/register/")
    assert_page_is_clean(phone, "registration form")
    button = phone.get_by_role("button", name="Register")
    # Nothing covers the button (a label once did, at 390 px): a real tap reaches it.
    with phone.expect_navigation():
        button.tap()
    assert phone.locator(".field--error").count() >= 3
    # The form with errors answers 400 (which the console reports): expected here.
    assert_page_is_clean(phone, "registration form with errors", allow_status_of=phone.url)


def test_a_confirmation_page_fits_a_phone(site, open_phone):
    phone = open_phone("extremadura@secon.example")
    phone.goto(f"{site.url}{CACERES}/registrations/?status=confirmed")
    with phone.expect_navigation():
        phone.locator(".table-cards tbody tr").first.get_by_role("button", name="Cancel").tap()
    assert "/registrations/" in phone.url and phone.get_by_role("link", name="No, go back").is_visible()
    assert_page_is_clean(phone, "confirmation before cancelling a registration")
