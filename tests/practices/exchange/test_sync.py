"""Good practices between two installations: one serves its feed (a live server), the other
subscribes, synchronises, shows the copies marked with their origin and records a transfer."""

import datetime
import json
import urllib.request

import pytest

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from secon.core.permissions import SYSTEM
from secon.practices.exchange import sync
from secon.practices.exchange.fetch import FeedError
from secon.practices.exchange.models import FeedSubscription
from secon.practices.models import GoodPractice
from secon.practices.services.indexing import index_practice
from secon.practices.services.transfers import record_transfer_interest
from tests.factories import OrganisationFactory, PartnerFactory, ProjectFactory, RegionFactory, UserFactory
from tests.practices.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def loopback(settings):
    """The feed is served on 127.0.0.1, which only this setting lets a subscription reach."""
    settings.EXCHANGE_ALLOW_PRIVATE = True


@pytest.fixture
def origin():
    """The first installation's project and its approved practice."""
    project = ProjectFactory(acronym="ORIGIN", content_languages=["en", "es"])
    institution = OrganisationFactory(name="REMUDARTE", kind="work_integration")
    practice = GoodPracticeFactory(
        project=project,
        title={"en": "Social clauses in public tenders", "es": "Cláusulas sociales"},
        summary={"en": "Tenders reserve places for work-integration enterprises."},
        status="approved",
        published_at=timezone.now() - datetime.timedelta(days=3),
        country="ES",
        city="Mérida",
        keywords=["procurement", "employment"],
        main_institution=institution,
    )
    index_practice(practice=practice)
    GoodPracticeFactory(project=project, title={"en": "A draft nobody sees"}, status="draft")
    return practice


def feed_url(live_server) -> str:
    return live_server.url + reverse("practices:feed")


def test_the_feed_is_json_ld_with_schema_org_and_essglobal_terms(live_server, origin):
    with urllib.request.urlopen(feed_url(live_server) + "?size=1") as response:
        assert response.headers["Content-Type"].startswith("application/ld+json")
        feed = json.load(response)

    assert feed["@type"] == "DataFeed"
    assert feed["@context"]["@vocab"] == "https://schema.org/"
    assert feed["totalItems"] == 1
    item = feed["dataFeedElement"][0]
    assert item["@type"] == "CreativeWork"
    assert {"@language": "es", "@value": "Cláusulas sociales"} in item["name"]
    assert item["creator"]["essglobal:organisationalStructure"] == "Social enterprise"
    assert item["spatialCoverage"]["address"]["addressCountry"] == "ES"
    assert "next" not in feed


def test_the_feed_pages_and_filters_by_update(client, origin):
    GoodPracticeFactory(project=origin.project, title={"en": "Second"}, status="approved")
    first = client.get(reverse("practices:feed"), {"size": 1}).json()
    assert first["totalItems"] == 2
    assert "page=2" in first["next"]

    later = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert client.get(reverse("practices:feed"), {"updated_since": later}).json()["totalItems"] == 0


@pytest.mark.parametrize(
    "query, field",
    [
        ({"page": "0"}, "page"),
        ({"page": "10" * 9}, "page"),
        ({"size": "x"}, "page"),
        ({"updated_since": "yesterday"}, "updated_since"),
    ],
)
def test_bad_feed_parameters_are_problems_not_errors(client, query, field):
    response = client.get(reverse("practices:feed"), query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["field"] == field


def test_a_second_installation_follows_the_feed_and_records_a_transfer(live_server, loopback, origin):
    here = ProjectFactory(acronym="HERE", content_languages=["en"])

    subscription = sync.subscribe(actor=SYSTEM, project=here, url=feed_url(live_server))
    counts = sync.synchronise(subscription=subscription)

    assert counts == {"created": 1, "updated": 0, "removed": 0, "unchanged": 0}
    copy = GoodPractice.objects.get(project=here)
    assert copy.title == {"en": "Social clauses in public tenders"}  # the languages of this project
    assert copy.status == "approved"
    assert copy.origin.remote_id == live_server.url + origin.get_absolute_url()
    assert subscription.name == live_server.url.removeprefix("http://")  # not "SECON Hub", as every one
    assert copy.keywords == ["procurement", "employment"]

    library = Client().get(reverse("practices:project_library", kwargs={"project": here.slug}))
    assert "Social clauses in public tenders" in library.content.decode()
    assert f'href="{copy.origin.remote_id}"' in library.content.decode()

    assert sync.synchronise(subscription=subscription)["unchanged"] == 1

    region = RegionFactory(code="RO12", name="Centru")
    partner = PartnerFactory(project=here)
    partner.regions.add(region)
    transfer = record_transfer_interest(
        actor=UserFactory(is_superuser=True), practice=copy, partner=partner, date=datetime.date.today()
    )
    assert transfer.practice == copy

    GoodPractice.objects.filter(pk=origin.pk).update(
        title={"en": "Social clauses, revised"}, updated_at=timezone.now()
    )
    assert sync.synchronise(subscription=subscription)["updated"] == 1
    copy.refresh_from_db()
    assert copy.title == {"en": "Social clauses, revised"}

    GoodPractice.objects.filter(pk=origin.pk).update(status="declined")
    assert sync.synchronise(subscription=subscription)["removed"] == 1
    assert not GoodPractice.objects.filter(project=here).exists()


def test_the_recurring_task_keeps_every_subscription_in_sync(live_server, loopback, origin):
    from secon.practices.exchange.tasks import sync_all_feeds

    here = ProjectFactory(content_languages=["en"])
    sync.subscribe(actor=SYSTEM, project=here, url=feed_url(live_server))

    assert sync_all_feeds() == 1
    assert GoodPractice.objects.filter(project=here).count() == 1


def test_a_copy_is_never_published_again(live_server, loopback, origin):
    here = ProjectFactory(content_languages=["en"])
    sync.synchronise(subscription=sync.subscribe(actor=SYSTEM, project=here, url=feed_url(live_server)))

    feed = Client().get(reverse("practices:feed")).json()

    assert feed["totalItems"] == 1


def test_an_address_that_is_not_a_feed_is_refused_clearly(live_server, loopback):
    here = ProjectFactory()
    with pytest.raises(ValidationError) as not_json:
        sync.subscribe(actor=SYSTEM, project=here, url=live_server.url + "/en/")
    with pytest.raises(ValidationError) as not_a_feed:
        sync.subscribe(
            actor=SYSTEM, project=here, url=feed_url(live_server).replace("feed.jsonld", "export.json")
        )

    assert "does not answer with JSON" in not_json.value.message_dict["url"][0]
    assert "not with a feed of good practices" in not_a_feed.value.message_dict["url"][0]
    assert not FeedSubscription.objects.exists()


def test_a_feed_that_is_our_own_is_refused(live_server, loopback, settings):
    settings.SITE_URL = live_server.url

    with pytest.raises(ValidationError) as error:
        sync.subscribe(actor=SYSTEM, project=ProjectFactory(), url=feed_url(live_server))

    assert error.value.message_dict["url"] == ["This address is this installation's own feed."]


def test_a_command_that_does_not_know_its_address_takes_no_feed_for_its_own(live_server, loopback, settings):
    """`secon feeds` in embedded mode without SECON_SITE_URL guesses 127.0.0.1:8000: another
    installation served there (`make run`) is not this one."""
    settings.SITE_URL = live_server.url
    settings.SITE_URL_GIVEN = False

    subscription = sync.subscribe(actor=SYSTEM, project=ProjectFactory(), url=feed_url(live_server))

    assert subscription.url == feed_url(live_server)


@pytest.mark.parametrize(
    "url, words",
    [
        ("file:///etc/passwd", "Only http:// and https://"),
        ("ftp://example.org/feed", "Only http:// and https://"),
        ("http://127.0.0.1:9/feed.jsonld", "private or local address"),
        ("http://[::1]:9/feed.jsonld", "private or local address"),
        ("http://10.0.0.8/feed.jsonld", "private or local address"),
    ],
)
def test_only_public_http_addresses_are_fetched_by_default(url, words):
    with pytest.raises(ValidationError) as error:
        sync.subscribe(actor=SYSTEM, project=ProjectFactory(), url=url)

    assert words in error.value.message_dict["url"][0]


def test_an_unreachable_feed_keeps_its_error_and_changes_nothing(live_server, loopback, origin):
    here = ProjectFactory(content_languages=["en"])
    subscription = sync.subscribe(actor=SYSTEM, project=here, url=feed_url(live_server))
    FeedSubscription.objects.filter(pk=subscription.pk).update(url="http://127.0.0.1:9/feed.jsonld")
    subscription.refresh_from_db()

    with pytest.raises(FeedError):
        sync.synchronise(subscription=subscription)

    subscription.refresh_from_db()
    assert "could not be reached" in subscription.last_error
    assert not GoodPractice.objects.filter(project=here).exists()
