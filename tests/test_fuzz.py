"""Fuzz every public address and form with hostile input: no answer may be a server error (5xx).

The addresses come from the URL resolver (every named route outside the admin), filled in with the
SECON demo's records (projects, events, sessions, practices, partners, organisations, personal
links …) and with values that do not exist; the forms are those the pages show (their field names
read from the HTML). Hypothesis sends GET requests with hostile query parameters — NUL and control
characters, huge and negative integers, very long strings, any Unicode, impossible dates, unknown
time zones — and POSTs hostile values into every form an anonymous visitor reaches. It runs on the
suite's database (SQLite, or PostgreSQL with SECON_TEST_DATABASE_URL) through Django's test client.
"""

import re
import time
from unittest import mock
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.test import Client, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, SlugConverter
from django.utils import translation

from secon.demo.data import secon as demo_data
from secon.demo.loader import load_demo
from secon.events.links import make_token
from secon.events.models import Event, Registration, Session
from secon.organisations import services as organisation_services
from secon.organisations.models import Organisation, Partner
from secon.organisations.nuts import read_nuts
from secon.practices.models import GoodPractice
from secon.projects.models import Project
from tests.core.queues import configure

GET_EXAMPLES = 3_500
POST_EXAMPLES = 1_200

pytestmark = pytest.mark.slow

NASTY = [
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\x7f",
    "\x08",
    "\u0085",
    "99999999999999999999999999",
    "9223372036854775808",
    "-9223372036854775809",
    "2147483648",
    "-1",
    "0",
    "1e308",
    "NaN",
    "-0",
    "9999-12-31",
    "0001-01-01",
    "2024-02-30",
    "0000-00-00",
    "9999-12-31T23:59",
    "Europe/Madrid",
    "europe/madrid",
    "Mars/Olympus",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"',
    "%",
    "%00",
    "\\",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎉",
    "Ελλάδα",
    "\u202egnp.exe",
    "\ufeff",
    "x" * 10_000,
    "é" * 3_000,
    "",
    " ",
    '=HYPERLINK("http://evil.example")',
    "null",
    "[]",
    "{}",
]

#: Query parameters the pages read, and a few they do not.
PARAMETERS = [
    "q",
    "lang",
    "page",
    "tz",
    "theme",
    "country",
    "region",
    "organisation_type",
    "project",
    "status",
    "day",
    "next",
    "action",
    "code",
    "format",
    "email",
    "utm_source",
]

hostile = st.one_of(
    st.sampled_from(NASTY),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=40),
    st.dates().map(lambda day: day.isoformat()),
    st.datetimes().map(lambda moment: moment.isoformat()),
)
parameter_names = st.one_of(st.sampled_from(PARAMETERS), st.text(min_size=1, max_size=12))


def _routes(patterns=None, namespace=None, converters=()):
    """Yield (name, {kwarg: converter or None}) for every named route outside the admin."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        found = dict(converters)
        found.update(getattr(pattern.pattern, "converters", {}))
        regex_groups = getattr(pattern.pattern, "regex", None)
        if regex_groups is not None and not getattr(pattern.pattern, "converters", None):
            found.update(dict.fromkeys(regex_groups.groupindex))
        if isinstance(pattern, URLResolver):
            if getattr(pattern, "app_name", None) == "admin" or pattern.namespace == "admin":
                continue
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _routes(pattern.url_patterns, inner, tuple(found.items()))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), found


def _values() -> dict[str, list]:
    """Values for each URL argument: the demo's records, and some that do not exist."""
    events = list(Event.objects.select_related("project"))
    registrations = list(Registration.objects.select_related("event"))
    return {
        "project": [project.slug for project in Project.objects.all()] + ["no-such-project"],
        "event": [event.slug for event in events] + ["no-such-event"],
        "session": [*Session.objects.values_list("pk", flat=True)[:20], 10**25],
        "pk": [*GoodPractice.objects.values_list("pk", flat=True)[:20], 10**25],
        "code": [partner.code.lower() for partner in Partner.objects.all()] + ["pp99"],
        "slug": [organisation.slug for organisation in Organisation.objects.all()[:20]] + ["nobody"],
        "token": [make_token(registration) for registration in registrations[:10]] + ["garbage", "a:b:c"],
        "fmt": ["csv", "json", "xml", "pdf"],
        "day": [str(day) for event in events for day in event.days] + ["9999-99-99", "garbage"],
        "registration": [registration.pk for registration in registrations[:10]] + [10**25],
        "language": ["en", "es", "xx"],
        "action": ["convene", "open", "close", "nope"],
        "key": ["abc", "1-2"],
        "uidb36": ["1"],
        "number": [1, 2, 3, 4, 99999],
        "extension": ["xlsx", "pdf", "json"],
    }


def _addresses(values: dict[str, list]) -> list[str]:
    """Every route filled in with every combination needed to use each value once at least."""
    addresses = set()
    for name, arguments in _routes():
        for language in ("en", "de", "es", "el"):
            for index in range(4):
                kwargs = {}
                for argument, converter in arguments.items():
                    pattern = converter.regex if converter is not None else ".+"
                    fitting = [
                        value for value in values.get(argument, []) if re.fullmatch(pattern, str(value))
                    ]
                    if fitting:
                        choices = fitting
                    elif isinstance(converter, IntConverter):
                        choices = [1, 2, 10**25]
                    elif isinstance(converter, SlugConverter):
                        choices = ["nope", "secon"]
                    else:
                        choices = ["nope"]
                    kwargs[argument] = choices[index % len(choices)]
                with translation.override(language):
                    try:
                        addresses.add(reverse(name, kwargs=kwargs))
                    except NoReverseMatch as error:
                        raise AssertionError(
                            f"{name}: give _values() fitting values for {sorted(kwargs)} ({error})"
                        ) from None
    # Every value of every argument once (event × token pairs and days come from the records).
    for registration in Registration.objects.select_related("event__project")[:10]:
        with translation.override("en"):
            base = reverse(
                "events:registration",
                kwargs={
                    "project": registration.event.project.slug,
                    "event": registration.event.slug,
                    "token": make_token(registration),
                },
            )
        addresses.update({base, base + "agenda.ics", base + "certificate.pdf"})
    for event in Event.objects.select_related("project"):
        for suffix in ("", "register/", "calendar.ics", "schedule.xml", "schedule.json", "programme.pdf"):
            addresses.add(f"/en/{event.project.slug}/events/{event.slug}/{suffix}")
    for practice in GoodPractice.objects.select_related("project"):
        addresses.add(f"/en/{practice.project.slug}/practices/{practice.pk}/")
    return sorted(addresses)


FORM = re.compile(r"<form\b[^>]*\bmethod=\"post\"[^>]*>(.*?)</form>", re.S | re.I)
ACTION = re.compile(r"<form\b[^>]*\baction=\"([^\"]*)\"", re.I)
FIELD = re.compile(r"<(?:input|select|textarea|button)\b[^>]*\bname=\"([^\"]+)\"", re.I)


def _forms(client: Client, addresses: list[str]) -> list[tuple[str, list[str]]]:
    """GET every address once, as it is, and return the POST forms the pages show to an anonymous
    visitor: (address, field names)."""
    forms = {}
    for address in addresses:
        response = client.get(address)
        _check(response, "GET", address, None)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for match in FORM.finditer(html):
            action = ACTION.search(match.group(0))
            target = action.group(1).replace("&amp;", "&") if action and action.group(1) else address
            if not target.startswith("/"):
                continue
            names = sorted(set(FIELD.findall(match.group(1))) - {"csrfmiddlewaretoken"})
            forms.setdefault(target, set()).update(names)
    return sorted((target, sorted(names)) for target, names in forms.items())


@pytest.fixture
def site(transactional_db):
    """The SECON demo, committed as on a real site (each request in its own transaction)."""
    countries = {code[:2] for code in demo_data.REGION_NAMES}
    regions = [row for row in read_nuts() if row.version == 2024 and row.country_code in countries]
    # The demo's e-mails wait in the database queue, as `secon demo` leaves them on a site: sending
    # them here (rendering their PDFs) took two thirds of the load's CPU and no page shows them.
    with (
        mock.patch.object(organisation_services, "read_nuts", lambda: iter(regions)),
        override_settings(**configure("database", "default")),
    ):
        load_demo()
    addresses = _addresses(_values())
    return {"addresses": addresses, "forms": _forms(Client(), addresses)}


FUZZ_SETTINGS = {
    "deadline": None,
    "database": None,
    "derandomize": False,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
}


def _check(response, method: str, address: str, data) -> None:
    assert response.status_code < 500, f"{method} {address} {data!r}: {response.status_code}"


def test_hostile_input_on_every_public_address_and_form_gets_no_server_error(site):
    """One test (the demo is loaded once): GET every address with hostile query parameters, then
    POST hostile values into every form an anonymous visitor is shown."""
    assert any("/register/" in address for address, _names in site["forms"])
    client = Client()
    sent = {"GET": len(site["addresses"]), "POST": 0}  # the fixture has opened each address once

    @settings(max_examples=GET_EXAMPLES, **FUZZ_SETTINGS)
    @given(
        address=st.sampled_from(site["addresses"]),
        parameters=st.lists(st.tuples(parameter_names, hostile), max_size=3),
    )
    def get(address, parameters):
        query = urlencode(parameters)
        response = client.get(f"{address}?{query}" if query else address)
        sent["GET"] += 1
        _check(response, "GET", address, parameters)

    @settings(max_examples=POST_EXAMPLES, **FUZZ_SETTINGS)
    @given(form=st.sampled_from(site["forms"]), data=st.data())
    def post(form, data):
        address, names = form
        fields = data.draw(
            st.dictionaries(
                st.one_of(st.sampled_from(names), parameter_names) if names else parameter_names,
                st.one_of(hostile, st.lists(hostile, max_size=3)),
                max_size=max(len(names), 3),
            )
        )
        response = client.post(address, fields)
        sent["POST"] += 1
        _check(response, "POST", address, fields)

    started = time.monotonic()
    get()
    post()
    elapsed = time.monotonic() - started
    print(
        f"\nfuzz: {sent['GET']} GET requests to {len(site['addresses'])} addresses and {sent['POST']} POST "
        f"requests to {len(site['forms'])} forms in {elapsed:.0f} s"
    )
    assert sent["GET"] + sent["POST"] >= 5_000
