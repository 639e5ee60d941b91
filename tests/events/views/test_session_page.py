"""The public page of one session: its people, practices and links as plain values, few queries,
and what a change writes shown at once."""

import re

import pytest

from secon.events.models import Session
from secon.events.services import agenda
from secon.organisations.services import update_person
from tests.events.factories import EventFactory, published, session_url, session_values
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    project = ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])
    return EventFactory(project=project, slug="caceres", title={"en": "Meeting in Cáceres"})


@pytest.fixture
def session(event):
    tricky = OrganisationFactory(slug="tricky", name="Coop <b>& Co</b>", city="Mérida")
    quiet = OrganisationFactory(slug="quiet", name="Álvarez Coop", city="")
    zeta = OrganisationFactory(slug="zeta", name="Zeta Social", city="Badajoz")
    return agenda.add_session(
        actor=None,
        event=event,
        presenters=[
            PersonFactory(first_name="Zoë", last_name="<Zamora>", organisation=tricky),
            PersonFactory(first_name="Ana", last_name="Álvarez", organisation=None),
        ],
        presenting_organisations=[zeta, tricky],
        visited_organisations=[zeta, quiet],
        practices=[
            published(event.project, title="ACTYVA & partners"),
            published(event.project, title="REMUDARTE"),
        ],
        **session_values(event),
    )


def _block(html: str, heading: str) -> str:
    """The heading and its list, with each run of white space as one space."""
    start = html.index(f"<h2>{heading}</h2>")
    return re.sub(r"\s+", " ", html[start : html.index("</ul>", start) + len("</ul>")])


def test_people_and_organisations_are_listed_in_name_order_escaped_and_linked(client, session):
    html = client.get(session_url(session)).content.decode()
    presented = _block(html, "Presented by")
    assert presented == (
        "<h2>Presented by</h2> <ul> "
        "<li>Zoë &lt;Zamora&gt;, Coop &lt;b&gt;&amp; Co&lt;/b&gt;</li><li>Ana Álvarez</li> "
        '<li><a href="/en/organisations/tricky/">Coop &lt;b&gt;&amp; Co&lt;/b&gt;</a></li>'
        '<li><a href="/en/organisations/zeta/">Zeta Social</a></li> </ul>'
    )
    visited = _block(html, "Organisations visited")
    assert visited == (
        "<h2>Organisations visited</h2> <ul> "
        '<li><a href="/en/organisations/quiet/">Álvarez Coop</a></li>'
        '<li><a href="/en/organisations/zeta/">Zeta Social</a>, Badajoz</li> </ul>'
    )
    practices = html[html.index('<h2 id="practices">') :]
    assert practices.index("ACTYVA &amp; partners") < practices.index(">REMUDARTE<")
    assert "<b>" not in html.split("<main", 1)[1].split("</main>")[0]


@pytest.mark.parametrize(
    ("language", "heading"),
    [("de", "Präsentiert von"), ("es", "Presentación a cargo de"), ("el", "Παρουσίαση από")],
)
def test_the_lists_are_the_same_in_every_language_with_links_in_it(client, session, language, heading):
    html = client.get(session_url(session).replace("/en/", f"/{language}/")).content.decode()
    presented = html[html.index(heading) :]
    assert f'href="/{language}/organisations/tricky/"' in presented
    assert "Zoë &lt;Zamora&gt;, Coop &lt;b&gt;&amp; Co&lt;/b&gt;" in presented


@pytest.mark.parametrize("people", [1, 6])
def test_the_session_page_runs_the_same_few_queries_whatever_its_people(
    client, event, people, django_assert_num_queries
):
    organisations = [OrganisationFactory() for _n in range(people)]
    session = agenda.add_session(
        actor=None,
        event=event,
        presenters=[PersonFactory(organisation=organisations[0]) for _n in range(people)],
        presenting_organisations=organisations,
        visited_organisations=organisations,
        practices=[published(event.project, title=f"Practice {n}") for n in range(people)],
        **session_values(event),
    )
    # project, event, session, presenters, presenting and visited organisations, practices, look
    with django_assert_num_queries(8):
        response = client.get(session_url(session))
    assert response.content.decode().count('href="/en/organisations/') == 2 * people


def test_a_change_shows_at_once_with_the_page_cache_on(client, session, django_capture_on_commit_callbacks):
    assert client.get(session_url(session))["X-Page-Cache"] == "miss"
    person = session.presenters.get(first_name="Ana")
    with django_capture_on_commit_callbacks(execute=True):
        update_person(actor=None, person=person, first_name="Anabel")
    response = client.get(session_url(session))
    assert response["X-Page-Cache"] == "miss"
    assert "Anabel Álvarez" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        agenda.update_session(actor=None, session=session, visited_organisations=[])
    html = client.get(session_url(session)).content.decode()
    assert "Organisations visited" not in html


def test_a_direct_write_shows_at_once_with_the_page_cache_off(client, session, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "Zeta Social" in client.get(session_url(session)).content.decode()
    zeta = session.presenting_organisations.get(slug="zeta")
    zeta.name = "Zeta Renamed"
    zeta.save()  # outside the services: no scope is touched
    Session.objects.filter(pk=session.pk).update(title={"en": "Textile school"})
    html = client.get(session_url(session)).content.decode()
    assert "Zeta Renamed" in html and "Zeta Social" not in html
    assert "Textile school" in html
