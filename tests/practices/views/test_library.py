"""The public library and the practice page."""

import json

import pytest

from secon.practices.services import drafts, workflow
from tests.events.factories import EventFactory, SessionFactory, at
from tests.factories import ProjectFactory
from tests.practices.factories import library_url


def test_the_library_lists_published_practices_only(client, publish, editor, project):
    shown = publish(texts={"title": {"en": "Shepherd school"}})
    drafts.create_practice(actor=editor, project=project, title={"en": "Unfinished draft"})
    for url in (library_url(), library_url(project)):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Shepherd school" in html
        assert "Unfinished draft" not in html
        assert shown.get_absolute_url() in html


@pytest.mark.parametrize("count", [2, 12])
def test_list_and_search_pages_run_a_fixed_number_of_queries(
    client, publish, count, django_assert_max_num_queries
):
    for number in range(count):
        publish(texts={"title": {"en": f"Cooperative shop {number}"}})
    with django_assert_max_num_queries(8):
        assert client.get(library_url()).status_code == 200
    # One more than the list: the first search after a library change reads the tags of the
    # concept it names ("cooperative") once per library version (practices/selectors/ranked.py).
    with django_assert_max_num_queries(9):
        assert client.get(library_url(), {"q": "cooperatives", "theme": "social"}).status_code == 200


def test_search_in_spanish_without_accents(client, publish):
    publish(
        texts={
            "title": {"en": "Textile reuse", "es": "Inserción laboral con ropa reutilizada"},
            "summary": {"en": "Jobs.", "es": "Empleo."},
        }
    )
    response = client.get(library_url(language="es"), {"q": "insercion"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Inserción</mark>" in html or "<mark>inserción</mark>" in html.lower()
    assert "laboral con ropa reutilizada" in html


@pytest.mark.parametrize("query", ["x" * 10_000, '"""', "NEAR(", "- * AND OR", "?!"])
def test_bad_queries_get_a_page_not_an_error(client, publish, query):
    publish()
    response = client.get(library_url(), {"q": query, "page": "abc", "theme": "<script>"})
    assert response.status_code == 200


def test_operators_alone_explain_themselves(client, publish):
    publish()
    html = client.get(library_url(), {"q": '" * -'}).content.decode()
    assert "Type at least one word to search" in html


def test_facet_links_filter_without_javascript(client, publish):
    publish(texts={"title": {"en": "Green one"}}, theme="greener")
    publish(texts={"title": {"en": "Social one"}})
    html = client.get(library_url()).content.decode()
    assert "?theme=greener" in html
    html = client.get(library_url(), {"theme": "greener"}).content.decode()
    assert "Green one" in html and "Social one" not in html


def test_the_practice_page_shows_every_section_and_the_fallback_note(client, publish):
    practice = publish()
    response = client.get(f"/de/{practice.project.slug}/practices/{practice.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Textile reuse shop" in html
    for text in ("Eight staff", "Forty people", "Any region", "Sorting is labour-intensive"):
        assert text in html
    assert 'class="fallback-note"' in html


@pytest.mark.parametrize("links", [1, 5])
def test_the_practice_page_runs_a_fixed_number_of_queries(
    client, publish, links, django_assert_max_num_queries
):
    practice = publish()
    for number in range(5):
        publish(texts={"title": {"en": f"Similar {number}"}})
    event = EventFactory(project=practice.project, slug="caceres")
    for number in range(links):
        session = SessionFactory(event=event, starts_at=at(event, number % 4, 9 + number))
        session.practices.add(practice)
    with django_assert_max_num_queries(12):
        response = client.get(f"/en/{practice.project.slug}/practices/{practice.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Similar practices" in html
    assert html.count(f'href="/en/{practice.project.slug}/events/caceres/sessions/') == links


def test_drafts_and_other_projects_practices_are_not_public(client, editor, project, publish):
    draft = drafts.create_practice(actor=editor, project=project, title={"en": "Draft"})
    assert client.get(f"/en/{project.slug}/practices/{draft.pk}/").status_code == 404
    published = publish()
    other = ProjectFactory(slug="elsewhere-project")
    assert client.get(f"/en/{other.slug}/practices/{published.pk}/").status_code == 404
    assert client.get(library_url(other)).content.decode().count(published.get_absolute_url()) == 0


def test_an_approval_shows_at_once_on_the_cached_library(
    client, publish, editor, coordinator, project, region, institution, django_capture_on_commit_callbacks
):
    from tests.practices.factories import complete_values

    publish(texts={"title": {"en": "First practice"}})
    assert client.get(library_url()).status_code == 200
    assert client.get(library_url())["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        practice = drafts.create_practice(
            actor=editor,
            project=project,
            **complete_values(region=region, institution=institution, title="Newcomer"),
        )
        workflow.submit_practice(actor=editor, practice=practice)
        workflow.approve_practice(actor=coordinator, practice=practice)
    assert "Newcomer" in client.get(library_url()).content.decode()


def test_made_up_parameters_and_page_numbers_are_served_from_the_cache(client, publish, project):
    """Only what the library reads is in its cache key, as the page uses it."""
    publish(texts={"title": {"en": "Shepherd school"}})
    base = library_url(project)
    assert client.get(base)["X-Page-Cache"] == "miss"
    for junk in ("?page=1", "?page=abc", "?page=-3", "?page=", "?utm_source=x", "?lang=xx", "?nonsense=1"):
        response = client.get(base + junk)
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "hit", junk
    assert client.get(base + "?q=shepherd")["X-Page-Cache"] == "miss"
    assert client.get(base + "?q=shepherd&utm_source=x")["X-Page-Cache"] == "hit"
    huge = client.get(base + "?page=99999999999999999999999")
    assert huge.status_code == 200


def test_the_public_never_sees_internal_translation_states(client, publish, coordinator):
    from secon.practices.services import drafts

    practice = publish(texts={"title": {"en": "Textile reuse shop", "es": "Tienda de reutilización textil"}})
    drafts.set_translation_status(actor=coordinator, practice=practice, language="en", status="reviewed")
    html = client.get(f"/en/{practice.project.slug}/practices/{practice.pk}/").content.decode()
    section = html[html.index("Written in") :]
    section = section[: section.index("</ul>")]
    assert "English" in section and "Spanish" in section
    assert "German" not in section  # no text in German: not listed, not "missing"
    for internal in ("reviewed", "draft", "missing"):
        assert internal not in section
    export = client.get(f"/en/{practice.project.slug}/practices/export.json")  # streamed
    record = json.loads(b"".join(export.streaming_content))["practices"][0]
    assert "translation_status" not in record
    assert record["languages"] == ["en", "es"]
