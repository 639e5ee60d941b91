"""Sections that apps to the right of practices add to the public practice page.

Practices may not import them (see DESIGN.md's order of apps): an app that shows its own records on
a practice's page (events: the sessions where it was presented or visited) registers a provider in
its ``AppConfig.ready()``; the page renders each section's template with that section's context.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from secon.practices.models import GoodPractice


@dataclass(frozen=True)
class Section:
    template: str
    context: dict = field(default_factory=dict)


Provider = Callable[[GoodPractice], Section | None]
_providers: list[Provider] = []


def register_section(provider: Provider) -> Provider:
    """Add a section to every practice page (registering twice adds it once)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def page_sections(*, practice: GoodPractice) -> list[Section]:
    """Return the sections the registered apps show on this practice's page, in registration order."""
    return [section for provider in _providers if (section := provider(practice)) is not None]
