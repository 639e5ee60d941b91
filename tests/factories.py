"""Factories for the domain records; they build through the models, tests act through services."""

import datetime

import factory
from factory.django import DjangoModelFactory

from secon.accounts.models import Membership, User
from secon.core.text import search_key
from secon.organisations.models import Organisation, Partner, Person, Region
from secon.organisations.services import set_name_keys
from secon.projects.models import Project
from secon.projects.services import sync_schedule


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    username = factory.SelfAttribute("email")
    # As the services keep it (accounts.models.user_search_key).
    search_key = factory.LazyAttribute(
        lambda o: search_key(
            getattr(o, "first_name", ""),
            getattr(o, "last_name", ""),
            o.email,
            getattr(o, "organisation_name", ""),
        )
    )
    password = factory.django.Password("correct horse battery")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True  # the schedule hook saves its own rows

    slug = factory.Sequence(lambda n: f"project-{n}")
    acronym = factory.Sequence(lambda n: f"PRJ{n}")
    title = factory.LazyAttribute(lambda o: {"en": f"{o.acronym} cooperation project"})
    summary = factory.LazyAttribute(lambda o: {"en": f"What {o.acronym} does."})
    programme = "Interreg Europe 2021-2027"
    start_date = datetime.date(2023, 3, 1)
    end_date = datetime.date(2027, 5, 31)
    content_languages = factory.LazyFunction(lambda: ["en"])

    @factory.post_generation
    def schedule(obj, create, extracted, **kwargs):
        if create:
            sync_schedule(project=obj)


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code", "nuts_version")

    code = factory.Sequence(lambda n: f"ZZ{n % 10}")
    nuts_version = 2024
    level = factory.LazyAttribute(lambda o: len(o.code) - 2)
    country_code = factory.LazyAttribute(lambda o: o.code[:2])
    name = factory.LazyAttribute(lambda o: f"Region {o.code}")


class NameKeysFactory(DjangoModelFactory):
    """Organisations and people get their search and collation keys, as the services give them."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        instance = model_class(*args, **kwargs)
        set_name_keys(instance)
        instance.save()
        return instance


class OrganisationFactory(NameKeysFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "cooperative"
    is_social_economy = True
    city = "Cáceres"


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    number = factory.Sequence(lambda n: n + 1)
    role = "partner"


class PersonFactory(NameKeysFactory):
    class Meta:
        model = Person

    first_name = "Ana"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    project = factory.SubFactory(ProjectFactory)
    role = "viewer"
