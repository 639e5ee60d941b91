"""The page's frame kept per process (``{% kept %}`` in base.html and the project's look): a kept
part is what rendering it afresh gives, for the page's language, project, look and visitor."""

import pytest

from django.template import Context, Template

from secon.communications.services.look import save_look
from secon.core import cache
from secon.core.permissions import SYSTEM
from tests.communications.test_look import values
from tests.events.factories import EventFactory, SessionFactory, at
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders its page
    kept = cache.fragments()
    kept.clear()
    yield kept
    kept.clear()


@pytest.fixture
def session():
    project = ProjectFactory(slug="alpha", acronym="ALPHA", content_languages=["en", "de"])
    event = EventFactory(project=project, slug="caceres")
    return SessionFactory(
        event=event, title={"en": "Visit"}, starts_at=at(event, 0, 9), ends_at=at(event, 0, 10)
    )


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def paths(session) -> list[str]:
    event = session.event
    return [
        f"/en/{event.project.slug}/events/{event.slug}/",
        f"/en/{event.project.slug}/events/{event.slug}/sessions/{session.pk}/",
    ]


def test_a_page_of_kept_parts_is_the_page_rendered_from_nothing(client, session, fragments):
    for path in paths(session):
        first = page(client, path)
        assert page(client, path) == first  # the frame from the kept parts
        fragments.clear()
        assert page(client, path) == first


def test_a_changed_look_shows_at_once(client, session):
    save_look(actor=SYSTEM, project=session.event.project, **values())
    for path in paths(session):
        assert "?v=1d4e898a3b12" in page(client, path)
    save_look(
        actor=SYSTEM,
        project=session.event.project,
        **values(primary_colour="#5a2d82", funding_statement={"en": "Funded by the Interreg programme"}),
    )
    for path in paths(session):
        html = page(client, path)
        assert "?v=5a2d828a3b12" in html and "Funded by the Interreg programme" in html
        assert "?v=1d4e898a3b12" not in html and "Co-funded by the European Union" not in html


def test_each_language_gets_its_own_frame(client, session):
    english = page(client, paths(session)[1])
    german = page(client, paths(session)[1].replace("/en/", "/de/"))
    assert "Skip to content" in english and 'href="/en/events/"' in english
    assert "Zum Inhalt springen" in german and 'href="/de/events/"' in german
    assert "Skip to content" not in german and 'href="/en/events/"' not in german
    assert '<a href="/de/alpha/events/caceres/sessions/' in german  # the language links of this page
    assert 'aria-current="true">Deutsch' in german and 'aria-current="true">English' in english


def test_a_signed_in_person_sees_their_own_menu_not_a_kept_one(client, session):
    path = paths(session)[1]
    anonymous = page(client, path)
    assert "Sign in" in anonymous and "user-menu" not in anonymous
    staff = UserFactory(first_name="Stella", last_name="Staff", is_staff=True)
    client.force_login(staff)
    html = page(client, path)
    assert "Stella Staff" in html and "Staff side" in html and 'class="site-header__signin"' not in html
    assert 'name="csrfmiddlewaretoken"' in html  # the sign-out form's token, rendered per request
    client.force_login(UserFactory(first_name="Otto", last_name="Other", is_staff=False))
    html = page(client, path)
    assert "Otto Other" in html and "Stella Staff" not in html and "Staff side" not in html
    client.logout()
    assert page(client, path) == anonymous


def test_another_project_gets_its_own_footer_and_band(client, session):
    other = ProjectFactory(slug="beta", acronym="BETA")
    event = EventFactory(project=other, slug="athens")
    html = page(client, f"/en/beta/events/{event.slug}/")
    assert "Privacy notice of BETA" in html and "Privacy notice of ALPHA" not in html
    assert "Privacy notice of ALPHA" in page(client, paths(session)[0])


def test_kept_parts_vary_on_plain_values_only(session):
    template = Template('{% load secon %}{% kept "test" project %}{{ project.acronym }}{% endkept %}')
    with pytest.raises(TypeError, match="plain values"):
        template.render(Context({"project": session.event.project}))
    template = Template('{% load secon %}{% kept "test" project.acronym %}{{ project.acronym }}{% endkept %}')
    assert template.render(Context({"project": session.event.project})) == "ALPHA"
    other = ProjectFactory(slug="gamma", acronym="GAMMA")
    assert template.render(Context({"project": other})) == "GAMMA"
