"""What the schemathesis runs share: records to name, and hooks that name them.

A schema says what a request looks like, not which records exist: a schema-valid body may name an
action plan by an id nobody created (``{"plan": 1}``), which the API rightly refuses with a 400 on
that field. So that "positive data acceptance" can hold the API to its word (a schema-valid request
is accepted, or refused for a documented reason), the schema-valid requests name records that exist:
``real_ids`` hooks (schemathesis's ``flatmap_*`` hooks, applied to positive generation only) draw
each identifying value — a path's ``{id}`` or ``{slug}``, a query's ``project``/``event``/``plan``…,
a body's ``plan``/``event``/``registration``/``sessions``… — among the records of ``fuzz_data``
(project alpha, which every role's user belongs to). Every other value stays generated; a negative
request is left untouched (its ids may be the very thing made invalid).

What a schema-valid request may still meet is a rule that depends on other values or on stored
records (an action ending before it starts, an address registered already, a check-in on a day the
event does not take place, an ``Idempotency-Key`` sent before with another body). Each operation
names those rules in its schema (``x-refused-when``: status, field, rule; its 400 answer lists them
too). ``allow_documented_rules`` makes "positive data acceptance" take such an answer as the
documented refusal it is — only when every field the problem names is one of that operation's rules
for that status; any other refusal of valid data stays a failure.
"""

import datetime
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from hypothesis import strategies as st
from requests.models import RequestEncodingMixin
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import negated_parameters
from schemathesis.hooks import HookDispatcher, HookScope
from schemathesis.openapi.checks import RejectedPositiveData

from secon.api.schema import RULES
from secon.core.permissions import SYSTEM
from secon.policy import actions, plans, services
from secon.practices.services.drafts import create_practice
from secon.practices.thesaurus import get_thesaurus
from tests.events.factories import SessionFactory, at, register


def _number(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


#: How deep the runs go. CI keeps these bounded defaults; a deeper run is by hand (README "Tests and
#: CI"): examples per operation, mode and role (``test_fuzz.py``); sequences per role and their
#: longest length (``test_fuzz_stateful.py``).
EXAMPLES = _number("SECON_FUZZ_EXAMPLES", 3)
SEQUENCES = _number("SECON_FUZZ_SEQUENCES", 3)
STEPS = _number("SECON_FUZZ_STEPS", 4)


def seeds() -> list[int]:
    """The Hypothesis seeds of the runs: ``SECON_FUZZ_SEED`` (one, or several separated by commas),
    else one derived from today's date in UTC — each day's CI draws other requests at the same cost,
    and the seed is in the test's id, so a failure is replayed with ``SECON_FUZZ_SEED=<it>``. The
    run's first process fixes it for all (``tests/fuzz_seed.py``), whatever the time of collection."""
    given = os.environ.get("SECON_FUZZ_SEED", "").strip()
    if given:
        return [int(seed) for seed in given.split(",")]
    return [datetime.datetime.now(datetime.UTC).date().toordinal()]


@dataclass
class Records:
    """The values that name existing records, per kind of reference."""

    #: {id} of a path, per resource (the path's first segment after /api/v1/).
    ids: dict[str, list[int]] = field(default_factory=dict)
    #: {slug} of a path, per resource.
    slugs: dict[str, list[str]] = field(default_factory=dict)
    #: query parameter or body field → the values naming a record.
    references: dict[str, list] = field(default_factory=dict)


def fuzz_data(data) -> Records:
    """Add to the API tests' ``data`` what the writes name (an action plan with an action, a
    registration, a draft) and return the values that name the records of project alpha."""
    alpha = data.projects["a"]
    partner = data.partners["a2"]
    instrument = services.create_instrument(
        actor=SYSTEM,
        project=alpha,
        partner=partner,
        name={"en": "Regional programme"},
        kind="programme",
        managing_body="Managing authority",
        region=data.region,
        funds="ERDF",
        description={"en": "Support for social-economy enterprises."},
    )
    plan = plans.create_plan(actor=SYSTEM, instrument=instrument, title="Plan")
    action = actions.add_action(actor=SYSTEM, plan=plan, title="Open a reuse shop")
    registration = register(data.event, by_organiser=True)
    workshop = SessionFactory(  # a session to sign up for (those of ``data`` need no signing up)
        event=data.event, title={"en": "Workshop"}, capacity=30, starts_at=at(data.event, 1, 9)
    )
    draft = create_practice(
        actor=SYSTEM, project=alpha, title={"en": "Repair café"}, organisation=data.organisations["a2"]
    )
    practices = [practice.pk for practice in data.practices]
    sessions = [session.pk for session in data.sessions]
    organisations = [data.organisations[key].slug for key in ("a1", "a2", "a3")]
    people = [data.people[key].pk for key in ("a1", "a2", "a3")]
    data.plan, data.action, data.registration, data.draft = plan, action, registration, draft
    return Records(
        ids={
            "actions": [action.pk],
            "events": [data.event.pk],
            "instruments": [instrument.pk],
            "partners": [data.partners[key].pk for key in ("a1", "a2", "a3")],
            "people": people,
            "practice-drafts": [draft.pk, *practices],
            "practices": practices,
            "regions": [data.region.pk],
            "registrations": [registration.pk],
            "sessions": [*sessions, workshop.pk],
        },
        slugs={"organisations": organisations, "projects": [alpha.slug]},
        references={
            "project": [alpha.slug],
            "organisation": organisations,
            "main_institution": organisations,
            "region": [data.region.code],
            "event": [data.event.pk],
            "plan": [plan.pk],
            "practice": practices,
            "practices": practices,
            "registration": [registration.pk],
            "session": sessions,
            "sessions": [workshop.pk],
            "concept": sorted(get_thesaurus().concepts)[:5],
        },
    )


def _resource(operation) -> str:
    return operation.path.removeprefix("/api/v1/").split("/", 1)[0]


def _referring(values: dict | None, references: dict[str, list]) -> st.SearchStrategy:
    """``values`` with each reference drawn among existing records (a list among their subsets)."""
    if not isinstance(values, dict):
        return st.just(values)
    drawn = {}
    for name, value in values.items():
        known = references.get(name)
        if not known or value is None:
            drawn[name] = st.just(value)
        elif isinstance(value, list):
            drawn[name] = st.lists(st.sampled_from(known), unique=True, max_size=len(known))
        else:
            drawn[name] = st.sampled_from(known)
    return st.fixed_dictionaries(drawn)


def real_ids(records: Records) -> HookDispatcher:
    """Hooks (for schema-valid generation) naming records that exist instead of generated ids."""
    hooks = HookDispatcher(scope=HookScope.TEST)

    def flatmap_path_parameters(context, parameters):
        resource = _resource(context.operation)
        references = {
            "id": records.ids.get(resource, []),
            "slug": records.slugs.get(resource, []),
        }
        return _referring(parameters, references)

    def flatmap_query(context, query):
        return _referring(query, records.references)

    def flatmap_body(context, body):
        return _referring(body, records.references)

    for hook in (flatmap_path_parameters, flatmap_query, flatmap_body):
        hooks.register_hook_with_name(hook, hook.__name__)
    return hooks


def _named_fields(response) -> set | None:
    try:
        problem = json.loads(response.content)
    except ValueError:
        return None
    errors = problem.get("errors") if isinstance(problem, dict) else None
    if not errors:
        return None
    return {error.get("field") for error in errors}


def allow_documented_rules(schema) -> Counter:
    """Register (on ``schema``) the filter that takes a documented rule's refusal as accepted; return
    the count of such refusals per "status field" (to print)."""
    refused = Counter()

    def filter_failure(context, failure, case, response) -> bool:
        if not isinstance(failure, RejectedPositiveData):
            return True
        documented = {
            rule["field"]
            for rule in case.operation.definition.raw.get(RULES, ())
            if rule["status"] == response.status_code
        }
        fields = _named_fields(response)
        if fields and fields <= documented:
            refused.update(f"{response.status_code} {field}" for field in fields)
            return False
        return True

    schema.hooks.register_hook_with_name(filter_failure, "filter_failure")
    return refused


def name_records(case, records: Records, linked) -> None:
    """In a schema-valid case of the stateful phase, name existing records where a link gave no value.

    The phase draws valid and invalid cases from one strategy (so ``real_ids`` cannot be given to
    it); here, before the call, each reference of a valid case that no link filled (``linked``: the
    step's ``applied_parameters``) becomes one of ``records``, chosen from the generated value (the
    run stays reproducible)."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    filled = {(str(location.value), name) for location, name in linked}
    resource = _resource(case.operation)

    def chosen(value, known):
        if isinstance(value, list):
            return known[: min(len(value), len(known))]
        return known[len(repr(value)) % len(known)]

    path_references = {"id": records.ids.get(resource, []), "slug": records.slugs.get(resource, [])}
    for location, values, references in (
        ("path", case.path_parameters, path_references),
        ("query", case.query, records.references),
        ("body", case.body, records.references),
    ):
        if not isinstance(values, dict) or (location, None) in filled:
            continue
        for name, value in values.items():
            known = references.get(name)
            if known and value is not None and (location, name) not in filled:
                values[name] = chosen(value, known)


def untransmitted(case) -> bool:
    """Whether a query value of ``case`` is one the query string cannot carry — an empty list or
    object is sent as nothing — so the request sent is not the schema-invalid one generated (deep
    stateful runs made ``page`` an empty object, and added an unknown parameter with an empty list:
    ``/regions/1/?lang=fr`` was sent, valid, and "negative data rejection" failed on its 200)."""
    return isinstance(case.query, dict) and any(value in ([], {}) for value in case.query.values())


def _nested(value) -> bool:
    if isinstance(value, dict):
        return bool(value)  # an empty object is sent as an empty value by both (schemathesis's doing)
    return isinstance(value, (list, tuple)) and any(isinstance(item, (dict, list, tuple)) for item in value)


def as_sent(case) -> None:
    """Give each query value of ``case`` that nests an object or a list as the values the reported
    request carries (the one schemathesis's checks judge, and prints to reproduce a failure).

    Its in-process transport sends such a value through werkzeug, which writes an object as its
    Python repr (``?country={'…': {}}``: a printable text, given once), while the reported request is
    encoded by ``requests`` (each of the object's keys a value of its own: ``?country=…&country=…``,
    control characters and all). A deep stateful run (``editor-1``, seed 1, 25 sequences of 15 steps)
    so judged a practices list invalid that the API rightly answered 200: the text it was sent was
    valid. Given the values ``requests`` encodes, both send the same request."""
    if not isinstance(case.query, dict):
        return
    for name, value in list(case.query.items()):
        if _nested(value):
            encoded = RequestEncodingMixin._encode_params({name: value})
            case.query[name] = [sent for _name, sent in parse_qsl(encoded, keep_blank_values=True)]


def token_headers(case, headers: dict) -> dict:
    """The headers to send with ``case``: the role's token, unless ``case`` is a schema-invalid one
    made so in its ``Authorization`` header (left out, most often) — then none, the case as generated
    (schemathesis leaves its own configured credentials out of such a case too).

    With the token, the request sent was not the one judged: at seed 11 and 15 examples, ``GET
    /people/`` "accepted" a case without the header and with ``expand`` null; it was sent with the
    token and ``?expand=`` (an optional parameter given empty: valid), and rightly answered 200."""
    negated = {(str(name).lower(), location) for name, location in negated_parameters(case.meta)}
    return {} if ("authorization", ParameterLocation.HEADER) in negated else headers
