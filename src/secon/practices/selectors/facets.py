"""Label the library's facet counts: theme, country, region, type, project, status and concept."""

import hashlib
from dataclasses import dataclass

from django_countries import countries

from django.core.cache import cache
from django.utils import translation

from secon.organisations.enums import OrganisationType
from secon.organisations.models import Region
from secon.practices.enums import Status, Theme
from secon.practices.thesaurus import get_thesaurus

FACETS = ("theme", "country", "region", "organisation_type", "project", "status", "concept")

#: The concept facet lists the most frequent concepts of the results.
MAX_CONCEPTS = 15


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int | None
    selected: bool


def _region_names(codes: tuple[str, ...]) -> dict[str, str]:
    """Name the regions in the current language (cached a few minutes: regions change only when the
    NUTS table is imported again)."""
    language = translation.get_language() or "en"
    key = f"secon:practices:region-names:{language}:{hashlib.sha256(repr(codes).encode()).hexdigest()}"
    names = cache.get(key)
    if names is None:
        rows = Region.objects.filter(code__in=codes, nuts_version=2024).values_list("code", "name", "names")
        names = {code: (translated or {}).get(language) or name for code, name, translated in rows}
        cache.set(key, names, timeout=300)
    return names


def split_combinations(rows, *, names: list[str]) -> list[tuple]:
    """Turn the rows of kind "combination" (the values of the facets ``names``, joined by "|", with
    a count) into (facet, value, count) rows; other rows are kept."""
    kept, counts = [], {}
    for kind, value, count in rows:
        if kind != "combination":
            kept.append((kind, value, count))
            continue
        for name, part in zip(names, value.split("|"), strict=True):
            counts[name, part] = counts.get((name, part), 0) + count
    return kept + [(name, value, count) for (name, value), count in counts.items()]


def facet_values(rows, filters: dict[str, str], *, projects: dict) -> dict[str, list[FacetValue]]:
    """Label the facet counts (one query for the region names)."""
    by_facet: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
    for facet, value, count in rows:
        if value in (None, ""):
            continue
        if facet == "project":
            value = projects.get(int(value), (value, value))[0]
        by_facet[facet].append((str(value), count))
    region_names = {}
    if by_facet["region"]:
        region_names = _region_names(tuple(sorted(value for value, _n in by_facet["region"])))
    acronyms = dict(projects.values())
    concepts = get_thesaurus().concepts
    language = translation.get_language() or "en"
    labels = {
        "theme": dict(Theme.choices),
        "status": dict(Status.choices),
        "organisation_type": dict(OrganisationType.choices),
    }
    result = {}
    for name, values in by_facet.items():
        items = []
        for value, count in values:
            if name == "country":
                label = str(countries.name(value)) or value
            elif name == "region":
                label = f"{region_names.get(value, value)} ({value})"
            elif name == "project":
                label = acronyms.get(value, value)
            elif name == "concept":
                label = concepts[value].label(language) if value in concepts else value
            else:
                label = str(labels[name].get(value, value))
            items.append(
                FacetValue(value=value, label=label, count=count, selected=filters.get(name) == value)
            )
        items.sort(key=lambda item: (-(item.count or 0), item.label))
        if name == "concept":
            items = [item for n, item in enumerate(items) if n < MAX_CONCEPTS or item.selected]
        result[name] = items
    return result
