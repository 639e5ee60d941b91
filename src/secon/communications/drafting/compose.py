"""Draft a press release about an event in one language: the language's sentences filled from the facts.

The sentences are data (``languages/<code>.toml``): a language is added by adding its file. A
required slot without a value stops the draft with a message naming it; optional paragraphs
whose slots are empty are left out.
"""

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.communications.drafting import grammar
from secon.communications.drafting.facts import EventFacts, Fact, collect
from secon.events.models import Event

LANGUAGES_DIR = Path(__file__).resolve().parent / "languages"
#: The paragraphs of the body, in order (``title`` and ``summary`` are the version's own fields).
BODY = ("dateline", "lead", "practices", "visits", "talks", "committee", "about", "funding", "links")
#: Slots without which no press release can be written, per mode.
REQUIRED = {"before": ("host", "city"), "after": ("host", "city", "attendee_count")}


def paragraph_labels() -> dict[str, str]:
    """Name each paragraph of a press release for the officer's page."""
    return {
        "title": _("Title"),
        "summary": _("Summary (lists, feeds, link previews)"),
        "dateline": _("Dateline"),
        "lead": _("Lead: host, dates, partners"),
        "practices": _("Good practices presented"),
        "visits": _("Study visits"),
        "talks": _("Talks"),
        "committee": _("Steering committee"),
        "about": _("About the project"),
        "funding": _("Funding"),
        "links": _("Links"),
    }


def slot_labels() -> dict[str, str]:
    return {
        "host": _("the host (set the host organisation or partner on the event)"),
        "city": _("the city (set it on the event)"),
        "attendee_count": _("the attendance (check participants in first, or draft an announcement)"),
    }


@functools.cache
def _rules(language: str) -> dict:
    with open(LANGUAGES_DIR / f"{language}.toml", "rb") as handle:
        return tomllib.load(handle)


def press_label(language: str) -> str:
    """Return the heading of a press release in a language ("PRESSEMITTEILUNG"), or "" without sentences."""
    return _rules(language).get("label", "") if language in available_languages() else ""


def available_languages() -> list[str]:
    """Return the languages press releases can be drafted in (those with a sentence file)."""
    return sorted(path.stem for path in LANGUAGES_DIR.glob("*.toml"))


@dataclass
class Paragraph:
    key: str
    text: str
    facts: list[Fact] = field(default_factory=list)


@dataclass
class Draft:
    language: str
    mode: str
    paragraphs: list[Paragraph]
    #: Organisation names written as recorded, for want of a form in this language.
    unformed: list = field(default_factory=list)


def choose_mode(event: Event, mode: str = "auto") -> str:
    """Return "before" (an announcement) or "after" (a report): by the event's days in its time zone."""
    if mode in ("before", "after"):
        return mode
    today = timezone.now().astimezone(event.zone).date()
    return "after" if today > event.end_date else "before"


def _facts_of(paragraph_facts: EventFacts, slots: list[str]) -> list[Fact]:
    return [fact for slot in slots for fact in paragraph_facts.facts.get(slot, [])]


def _items(rules: dict, template: str, items, facts: list[Fact], *, quote: bool) -> list[str]:
    """Fill an item template ("einen Vortrag {speaker:of} über {topic}") for each item of a list."""
    texts = []
    for item in items:
        values = dict(item.values)
        if quote and values.get("topic"):
            values["topic"] = rules.get("quote", "{text}").format(text=values["topic"])
        texts.append(grammar.fill(template, values, rules, capitalise=False))
        facts.extend(item.facts)
    return texts


def compose(*, event: Event, language: str, mode: str = "auto") -> Draft:
    """Draft the press release; raise ``ValidationError`` naming every required slot that is empty."""
    if language not in available_languages():
        raise ValidationError({"language": _("Press releases cannot be drafted in this language yet.")})
    mode = choose_mode(event, mode)
    rules = _rules(language)
    facts = collect(event=event, language=language, report=mode == "after")
    missing = [slot for slot in REQUIRED[mode] if not facts.values.get(slot)]
    if missing:
        labels = slot_labels()
        raise ValidationError(
            {
                "event": [
                    _("The press release cannot be drafted without %(slot)s.") % {"slot": labels[slot]}
                    for slot in missing
                ]
            }
        )
    values = dict(facts.values)
    values["dates"] = grammar.date_range(event.start_date, event.end_date, rules)
    values["dates_from"] = grammar.date_range(event.start_date, event.end_date, rules, pattern="dates_from")
    for slot, counted in rules.get("counted", {}).items():
        count = values.get(counted["count"])
        if count:
            values[slot] = grammar.counted(count, counted, rules)
            facts.facts[slot] = facts.facts.get(counted["count"], [])
    date_fact = Fact("dates", values["dates"], f"events.event:{event.pk}", facts.values["event_url"])
    facts.facts["dates"] = [date_fact]
    facts.facts["dates_from"] = [date_fact]
    paragraph_facts: dict[str, list[Fact]] = {}
    templates = rules["paragraphs"]
    for key, list_slot, item_key in (
        ("practices", "practices", "item"),
        ("visits", "visits", None),
        ("talks", "talks", f"item_{mode}"),
    ):
        items = getattr(facts, key)
        collected: list[Fact] = []
        if item_key:
            values[list_slot] = _items(
                rules, templates[key][item_key], items, collected, quote=key == "talks"
            )
        else:
            values[list_slot] = [item.values["visit"] for item in items]
            for item in items:
                collected.extend(item.facts)
        paragraph_facts[key] = collected
    paragraphs = []
    for key in ("title", "summary", *BODY):
        template = templates[key][mode]
        slots = [match.group(1) for match in grammar._SLOT.finditer(template)]
        optional = {
            match.group(1)
            for inner in grammar._OPTIONAL.finditer(template)
            for match in grammar._SLOT.finditer(inner.group(1))
        }
        if any(not grammar._present(values.get(slot)) for slot in slots if slot not in optional):
            continue  # an optional paragraph without its facts
        text = grammar.fill(template, values, rules)
        if key == "links":
            words = rules.get("words", {})
            links = [f"- {words.get(label, label)}: <{url}>" for label, url in values.get("links", [])]
            links.append(f"- {rules['words']['links']}: <{values['event_url']}>")
            text = text + "\n\n" + "\n".join(links)
        fact_list = paragraph_facts.get(key, []) + _facts_of(
            facts, [s for s in slots if s not in paragraph_facts]
        )
        if key == "links":
            fact_list += _facts_of(facts, ["links", "event_url"])
        paragraphs.append(Paragraph(key, text, fact_list))
    return Draft(language=language, mode=mode, paragraphs=paragraphs, unformed=facts.unformed)
