"""The page cache: what it stores, for whom, under which key, and on which backends."""

import datetime
import uuid

import pytest

from django.conf.urls.i18n import i18n_patterns
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.views.decorators.csrf import csrf_protect

from secon.core.cache import cached_page, touch
from secon.core.streams import cached_stream
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

renders = {"count": 0}


def _counted(text: str = "page") -> HttpResponse:
    renders["count"] += 1
    return HttpResponse(f"{text} {renders['count']} {uuid.uuid4().hex}")


@cached_page(lambda request: ["things"])
def plain(request):
    return _counted()


@cached_page(lambda request: ["things"], params=("page",))
def paged(request):
    return _counted(f"page={request.GET.get('page', '1')}")


@cached_page(lambda request, name: [f"thing:{name}"])
def thing(request, name):
    return _counted(name)


@cached_page(lambda request: ["things"])
def sets_cookie(request):
    response = _counted()
    response.set_cookie("seen", "1")
    return response


@cached_page(lambda request: ["things"])
@csrf_protect
def with_form(request):
    return HttpResponse(
        f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}">'
    )


@cached_page(lambda request: ["things"])
def touches_session(request):
    request.session["visited"] = True
    return _counted()


@cached_page(lambda request: ["things"])
def not_found(request):
    return HttpResponse("gone", status=404)


@cached_page(lambda request: ["things"], daily=True)
def today(request):
    return _counted()


@cached_page(lambda request: ["things"])
def with_headers(request):
    response = _counted()
    response["Content-Type"] = "application/json"
    response["Content-Disposition"] = 'inline; filename="x.json"'
    return response


asked = {"scopes": 0}


def _asked_scopes(request):
    asked["scopes"] += 1
    return ["things"]


@cached_page(_asked_scopes)
def early(request):
    """A page under a language prefix, as every public page is: its hits are served by the middleware."""
    return _counted()


@cached_page(_asked_scopes, params=("page",), daily=True)
def early_paged(request):
    return _counted(f"page={request.GET.get('page', '1')}")


def stream(request):
    return cached_stream(
        request, ["things"], lambda: iter([_counted().content.decode()]), content_type="text/csv"
    )


urlpatterns = [
    path("stream/", stream),
    path("plain/", plain),
    path("paged/", paged),
    path("thing/<str:name>/", thing),
    path("cookie/", sets_cookie),
    path("form/", with_form),
    path("session/", touches_session),
    path("missing/", not_found),
    path("today/", today),
    path("headers/", with_headers),
    *i18n_patterns(path("early/", early), path("early-paged/", early_paged), prefix_default_language=True),
]

urls = pytest.mark.urls(__name__)


def fetch(client, url, **extra):
    response = client.get(url, **extra)
    return response["X-Page-Cache"], response.content


@urls
def test_second_anonymous_get_is_served_from_the_cache(client):
    state, first = fetch(client, "/plain/")
    assert state == "miss"
    state, second = fetch(client, "/plain/")
    assert state == "hit"
    assert second == first


@urls
def test_head_shares_the_cached_page(client):
    client.get("/plain/")
    assert client.head("/plain/")["X-Page-Cache"] == "hit"


@urls
def test_the_key_covers_the_query_string(client):
    _, bare = fetch(client, "/plain/")
    state, other = fetch(client, "/plain/?q=1")
    assert state == "miss" and other != bare
    assert fetch(client, "/plain/?q=1") == ("hit", other)
    assert fetch(client, "/plain/?q=2")[0] == "miss"
    # The order of the parameters does not matter.
    fetch(client, "/plain/?a=1&b=2")
    assert fetch(client, "/plain/?b=2&a=1")[0] == "hit"


@urls
def test_declared_parameters_make_the_key_and_others_are_ignored(client):
    _, page_one = fetch(client, "/paged/")
    _, page_two = fetch(client, "/paged/?page=2")
    assert page_two != page_one and b"page=2" in page_two
    # A tracking parameter the page does not read shares the cached page.
    assert fetch(client, "/paged/?page=2&utm_source=newsletter") == ("hit", page_two)
    assert fetch(client, "/paged/?utm_source=newsletter") == ("hit", page_one)


@urls
def test_the_key_covers_the_path_and_language(client):
    _, alpha = fetch(client, "/thing/alpha/")
    state, beta = fetch(client, "/thing/beta/")
    assert state == "miss" and beta != alpha
    state, german = fetch(client, "/thing/alpha/", HTTP_ACCEPT_LANGUAGE="de")
    assert state == "miss" and german != alpha
    assert fetch(client, "/thing/alpha/", HTTP_ACCEPT_LANGUAGE="de") == ("hit", german)


@urls
def test_touch_refreshes_only_the_pages_of_that_scope(client, django_capture_on_commit_callbacks):
    _, alpha = fetch(client, "/thing/alpha/")
    _, beta = fetch(client, "/thing/beta/")
    with django_capture_on_commit_callbacks(execute=True):
        touch("thing:alpha")
    state, fresh = fetch(client, "/thing/alpha/")
    assert state == "miss" and fresh != alpha
    assert fetch(client, "/thing/beta/") == ("hit", beta)


@urls
def test_touch_waits_for_the_commit(client, django_capture_on_commit_callbacks):
    fetch(client, "/thing/alpha/")
    with django_capture_on_commit_callbacks() as callbacks:
        touch("thing:alpha")
        assert fetch(client, "/thing/alpha/")[0] == "hit"
    assert len(callbacks) == 1
    callbacks[0]()
    assert fetch(client, "/thing/alpha/")[0] == "miss"


@pytest.mark.django_db(transaction=True)
@urls
def test_a_rolled_back_write_leaves_the_cache_alone(client):
    fetch(client, "/thing/alpha/")
    with pytest.raises(RuntimeError), transaction.atomic():
        touch("thing:alpha")
        raise RuntimeError
    assert fetch(client, "/thing/alpha/")[0] == "hit"
    with transaction.atomic():
        touch("thing:alpha")
    assert fetch(client, "/thing/alpha/")[0] == "miss"


@urls
def test_lost_tokens_only_cost_a_rendering(client):
    fetch(client, "/thing/alpha/")
    cache.delete("secon:scope:thing:alpha")
    assert fetch(client, "/thing/alpha/")[0] == "miss"
    assert fetch(client, "/thing/alpha/")[0] == "hit"


@urls
def test_logged_in_users_are_never_served_or_stored(client):
    _, anonymous = fetch(client, "/plain/")
    client.force_login(UserFactory())
    state, personal = fetch(client, "/plain/")
    assert state == "off" and personal != anonymous
    assert fetch(client, "/plain/")[0] == "off"
    client.logout()
    assert fetch(client, "/plain/") == ("hit", anonymous)


@urls
def test_responses_setting_cookies_are_not_stored(client):
    response = client.get("/cookie/")
    assert response["X-Page-Cache"] == "pass"
    assert "seen" in response.cookies
    again = client.get("/cookie/")
    assert again["X-Page-Cache"] == "pass"
    assert "seen" in again.cookies


@urls
def test_pages_with_a_csrf_token_are_not_stored(client):
    first = client.get("/form/")
    assert first["X-Page-Cache"] == "pass"
    assert "csrftoken" in first.cookies
    assert client.get("/form/")["X-Page-Cache"] == "pass"


@urls
def test_pages_that_change_the_session_are_not_stored(client):
    first = client.get("/session/")
    assert first["X-Page-Cache"] == "pass"
    assert "sessionid" in first.cookies


@urls
def test_errors_are_not_stored(client):
    assert client.get("/missing/").status_code == 404
    assert client.get("/missing/")["X-Page-Cache"] == "pass"


@urls
def test_only_get_and_head_are_cached(client):
    fetch(client, "/plain/")
    response = client.post("/plain/")
    assert response["X-Page-Cache"] == "off"


@urls
def test_the_views_headers_are_kept_but_never_a_cookie(client):
    first = client.get("/headers/")
    second = client.get("/headers/")
    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Type"] == "application/json"
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert not second.cookies


@urls
def test_a_daily_page_is_rendered_again_the_next_day(client, monkeypatch):
    from secon.core import cache as page_cache

    _, monday = fetch(client, "/today/")
    assert fetch(client, "/today/") == ("hit", monday)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(page_cache.timezone, "localdate", lambda: tomorrow)
    state, tuesday = fetch(client, "/today/")
    assert state == "miss" and tuesday != monday


@urls
def test_a_cached_page_is_revalidated_with_its_tag_and_answered_304(
    client, django_capture_on_commit_callbacks
):
    first = client.get("/plain/")
    tag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=60, stale-while-revalidate=600"
    assert "Cookie" in first["Vary"]
    assert client.get("/plain/")["ETag"] == tag  # a hit carries the same tag
    rendered = renders["count"]
    again = client.get("/plain/", HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again["X-Page-Cache"] == "not-modified"
    assert again["ETag"] == tag and not again.content and renders["count"] == rendered
    assert client.head("/plain/", HTTP_IF_NONE_MATCH=tag).status_code == 304
    assert client.get("/plain/", HTTP_IF_NONE_MATCH='"another"').status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        touch("things")
    changed = client.get("/plain/", HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["X-Page-Cache"] == "miss" and changed["ETag"] != tag


@urls
def test_the_tag_differs_per_language_and_query(client):
    english = client.get("/paged/?page=2")["ETag"]
    assert client.get("/paged/?page=3")["ETag"] != english
    assert client.get("/paged/?page=2", HTTP_ACCEPT_LANGUAGE="de")["ETag"] != english


@urls
def test_pages_that_are_not_stored_carry_no_tag(client, settings):
    assert not client.get("/cookie/").has_header("ETag")
    client.force_login(UserFactory())
    signed_in = client.get("/plain/")
    assert not signed_in.has_header("ETag") and signed_in["Cache-Control"] == "private"
    client.logout()
    settings.PAGE_CACHE_SECONDS = 0
    assert not client.get("/plain/").has_header("ETag")


@urls
def test_a_streamed_export_is_revalidated_with_its_tag(client, django_capture_on_commit_callbacks):
    first = client.get("/stream/")
    body = b"".join(first.streaming_content)
    tag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=60, stale-while-revalidate=600"
    hit = client.get("/stream/")
    assert hit["X-Page-Cache"] == "hit" and hit.content == body and hit["ETag"] == tag
    assert client.get("/stream/", HTTP_IF_NONE_MATCH=tag).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        touch("things")
    assert client.get("/stream/", HTTP_IF_NONE_MATCH=tag).status_code == 200


@urls
def test_zero_seconds_turns_the_page_cache_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    state, first = fetch(client, "/plain/")
    assert state == "off"
    state, second = fetch(client, "/plain/")
    assert state == "off" and second != first


# Backends: the default file cache shared by the server processes, and Redis.

REDIS_URL = "redis://127.0.0.1:6379/13"


def _redis_or_skip(url: str) -> None:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis server at {url} ({error}); start one to test the Redis page cache")


@pytest.fixture(params=["file", "redis"])
def backend(request, settings, tmp_path):
    """Point the default cache at a real shared backend (one with its own key prefix)."""
    prefix = f"secon-test-{uuid.uuid4().hex[:12]}"
    if request.param == "file":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path / "cache"),
            }
        }
    else:
        import os

        url = os.environ.get("SECON_TEST_REDIS_URL", REDIS_URL)
        _redis_or_skip(url)
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": prefix,
            }
        }
    yield request.param
    if request.param == "redis":
        client = caches["default"]._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)


@urls
def test_shared_backends_serve_and_invalidate_pages(client, backend, django_capture_on_commit_callbacks):
    _, alpha = fetch(client, "/thing/alpha/")
    _, beta = fetch(client, "/thing/beta/")
    assert fetch(client, "/thing/alpha/") == ("hit", alpha)
    with django_capture_on_commit_callbacks(execute=True):
        touch("thing:alpha")
    state, fresh = fetch(client, "/thing/alpha/")
    assert state == "miss" and fresh != alpha
    assert fetch(client, "/thing/alpha/") == ("hit", fresh)
    assert fetch(client, "/thing/beta/") == ("hit", beta)


@urls
def test_pages_render_when_the_cache_server_is_down(
    client, settings, caplog, django_capture_on_commit_callbacks
):
    pytest.importorskip("redis")
    import socket

    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = client.get("/plain/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "pass"
    with django_capture_on_commit_callbacks(execute=True):
        touch("thing:alpha")  # logged, not raised: the data are committed already
    assert "could not invalidate cached pages" in caplog.text


# --- scopes declared per model, touched by the audit log ------------------------------------------


@pytest.fixture
def project_scopes():
    """Declare scopes for Project for the test only (the projects app declares its own)."""
    from secon.core import cache as page_cache
    from secon.projects.models import Project

    saved = page_cache._RECORD_SCOPES.pop(Project, None), page_cache._UNCACHED.pop(Project, None)

    @page_cache.record_scopes(Project)
    def scopes(project):
        return [f"test-project:{project.slug}"]

    yield
    page_cache._RECORD_SCOPES.pop(Project, None)
    if saved[0]:
        page_cache._RECORD_SCOPES[Project] = saved[0]
    if saved[1]:
        page_cache._UNCACHED[Project] = saved[1]


def test_an_audited_change_touches_the_scopes_of_the_record_now_and_before(
    project_scopes, django_capture_on_commit_callbacks
):
    from secon.core.audit import record_change, snapshot
    from secon.core.cache import _scope_tokens
    from tests.factories import ProjectFactory

    project = ProjectFactory(slug="old-name")
    tokens = {name: _scope_tokens([name]) for name in ("test-project:old-name", "test-project:new-name")}
    before = snapshot(project)
    project.slug = "new-name"
    with django_capture_on_commit_callbacks(execute=True):
        project.save()
        record_change(actor=None, instance=project, action="update", before=before)
        # Nothing is touched before the commit: a page rendered meanwhile would show old data.
        assert all(_scope_tokens([name]) == token for name, token in tokens.items())
    assert all(_scope_tokens([name]) != token for name, token in tokens.items())


def test_a_model_is_declared_once(project_scopes):
    from secon.core.cache import not_on_cached_pages, record_scopes
    from secon.projects.models import Project

    with pytest.raises(ValueError, match="declared twice"):
        record_scopes(Project)(lambda project: [])
    with pytest.raises(ValueError, match="declared twice"):
        not_on_cached_pages(Project, reason="test")


@cached_page(lambda request: ["things"], params={"page": lambda value: value if value.isdigit() else None})
def normalised(request):
    return _counted(f"page={request.GET.get('page', '1')}")


urlpatterns.append(path("normalised/", normalised))


@urls
def test_a_normaliser_puts_the_value_the_page_uses_in_the_key(client):
    assert fetch(client, "/normalised/?page=2")[0] == "miss"
    assert fetch(client, "/normalised/?page=2&utm=x")[0] == "hit"
    assert fetch(client, "/normalised/")[0] == "miss"
    for junk in ("x", "-1", "2.0", "%E2%80%8B"):
        assert fetch(client, f"/normalised/?page={junk}")[0] == "hit", junk


def test_every_model_says_whether_a_cached_page_shows_it():
    """Each model of src/secon declares its scopes or why no cached page shows it (its app's scopes.py).

    Whether the declaration is true is checked by tests/test_tenancy.py, which renders every cached page.
    """
    from django.apps import apps

    from secon.core.cache import declared_models

    with_scopes, never_cached = declared_models()
    undeclared = [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("secon.") and model not in with_scopes | never_cached
    ]
    assert not undeclared, f"declare in the app's scopes.py: {undeclared}"


def test_the_lists_that_count_a_record_change_only_when_one_is_added_or_removed():
    from secon.core.cache import scopes_of_record
    from secon.organisations.models import Partner
    from tests.factories import PartnerFactory

    partner = PartnerFactory()
    assert isinstance(partner, Partner)
    assert "projects" not in scopes_of_record(partner, before={"role": "pp"})
    assert "projects" in scopes_of_record(partner, added_or_removed=True)


@urls
def test_a_hit_is_served_before_the_session_and_authentication_middleware(client):
    first = client.get("/en/early/")
    assert first["X-Page-Cache"] == "miss" and asked["scopes"] == 1
    asked["scopes"] = 0
    hit = client.get("/en/early/")
    # Served by PageCacheMiddleware: the view's decorator (which names the scopes) was not reached.
    assert hit["X-Page-Cache"] == "hit" and asked["scopes"] == 0 and hit.content == first.content
    for header in ("Content-Type", "Vary", "Content-Language", "X-Frame-Options", "ETag", "Cache-Control"):
        assert hit[header] == first[header], header
    assert "Cookie" in hit["Vary"]
    # The headers of the middleware before it are still there.
    assert hit["Content-Security-Policy"] and hit["X-Content-Type-Options"] == "nosniff"
    assert client.get("/de/early/")["X-Page-Cache"] == "miss"  # another language is another page


@urls
def test_an_early_hit_is_revalidated_by_tag_and_date(client, django_capture_on_commit_callbacks):
    first = client.get("/en/early/")
    tag, modified = first["ETag"], first["Last-Modified"]
    client.get("/en/early/")
    rendered, asked["scopes"] = renders["count"], 0
    by_tag = client.get("/en/early/", HTTP_IF_NONE_MATCH=tag)
    assert by_tag.status_code == 304 and by_tag["ETag"] == tag and not by_tag.content
    assert "Cookie" in by_tag["Vary"] and by_tag["Cache-Control"].startswith("public")
    assert client.get("/en/early/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.head("/en/early/", HTTP_IF_NONE_MATCH=tag).status_code == 304
    assert renders["count"] == rendered and asked["scopes"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        touch("things")
    changed = client.get("/en/early/", HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["X-Page-Cache"] == "miss" and changed["ETag"] != tag


@urls
def test_the_early_hit_keeps_the_parameters_and_the_day(client, monkeypatch):
    two = client.get("/en/early-paged/?page=2&utm_source=x")
    assert client.get("/en/early-paged/?page=2&utm_source=x").content == two.content
    assert client.get("/en/early-paged/?page=3").content != two.content
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: tomorrow)
    assert client.get("/en/early-paged/?page=2&utm_source=x")["X-Page-Cache"] == "miss"


@urls
def test_visitors_who_may_be_signed_in_go_through_the_whole_stack(client):
    tag = client.get("/en/early/")["ETag"]
    client.get("/en/early/")
    user = UserFactory()
    client.force_login(user)
    asked["scopes"] = 0
    signed_in = client.get("/en/early/", HTTP_IF_NONE_MATCH=tag)
    # Never a 304 nor the public page for a signed-in visitor: private, no tag.
    assert signed_in.status_code == 200 and signed_in["X-Page-Cache"] == "off"
    assert signed_in["Cache-Control"] == "private" and not signed_in.has_header("ETag")
    client.logout()
    client.cookies["messages"] = "pending"
    assert client.get("/en/early/")["X-Page-Cache"] == "hit" and asked["scopes"] == 1  # by the decorator
    del client.cookies["messages"]
    asked["scopes"] = 0
    assert client.get("/en/early/", HTTP_AUTHORIZATION="Token x")["X-Page-Cache"] == "hit"
    assert asked["scopes"] == 1


@urls
def test_max_age_zero_asks_every_time(client, settings):
    settings.PAGE_MAX_AGE = 0
    assert client.get("/en/early/")["Cache-Control"] == "public, no-cache"
    assert client.get("/en/early/")["Cache-Control"] == "public, no-cache"
