"""Factories and helpers for good-practice tests (complete practices go through the services)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from secon.practices.models import GoodPractice
from tests.factories import ProjectFactory


def complete_values(*, region, institution, language: str = "en", title: str = "Textile reuse shop") -> dict:
    """Return the values of a practice that passes the completeness check."""
    return {
        "title": {language: title},
        "summary": {language: "A work-integration enterprise collects, sorts and sells used clothing."},
        "description": {language: "People far from the labour market learn a trade in textile reuse."},
        "resources": {language: "Eight staff, a warehouse and a shop; about 300,000 euros a year."},
        "evidence": {language: "Forty people a year follow an integration pathway; half find a job."},
        "transfer_potential": {language: "Any region with a textile collection scheme can copy it."},
        "difficulties": {language: "Sorting is labour-intensive; partnerships with councils helped."},
        "start_date": datetime.date(2016, 1, 1),
        "is_ongoing": True,
        "theme": "social",
        "keywords": ["reuse", "work integration"],
        "country": region.iso_country,
        "region": region,
        "city": "Cáceres",
        "main_institution": institution,
        "contact_email": "contact@example.org",
    }


class GoodPracticeFactory(DjangoModelFactory):
    """A practice built directly (for listing tests); workflow tests use the services."""

    class Meta:
        model = GoodPractice

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: {"en": f"Practice {n}"})
    summary = factory.LazyAttribute(lambda o: {"en": f"Summary of {o.title['en']}."})
    theme = "social"
    status = "draft"


def library_url(project=None, language="en"):
    if project is None:
        return f"/{language}/practices/"
    return f"/{language}/{project.slug}/practices/"
