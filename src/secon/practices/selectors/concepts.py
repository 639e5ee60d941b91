"""Read the thesaurus' concepts with the published practices tagged with them."""

from django.db.models import Count

from secon.practices.models import ConceptTag, GoodPractice, IndexedPractice
from secon.practices.thesaurus import Concept, get_thesaurus


def count_practices_per_concept() -> dict[str, int]:
    """Return how many published practices (of public projects) each concept tags (one query)."""
    public = IndexedPractice.objects.filter(project__is_public=True).values("practice_id")
    rows = (
        ConceptTag.objects.filter(practice_id__in=public)
        .values("concept")
        .annotate(n=Count("practice_id", distinct=True))
        .values_list("concept", "n")
    )
    return dict(rows)


def list_practice_concepts(*, practice: GoodPractice) -> list[Concept]:
    """Return the concepts the practice's texts name, most mentioned first (one query)."""
    weights: dict[str, int] = {}
    for concept, weight in ConceptTag.objects.filter(practice=practice).values_list("concept", "weight"):
        weights[concept] = weights.get(concept, 0) + weight
    concepts = get_thesaurus().concepts
    ordered = sorted(weights, key=lambda cid: (-weights[cid], cid))
    return [concepts[cid] for cid in ordered if cid in concepts]
