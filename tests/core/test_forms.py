"""core.forms.submit: the one way a page's form hands its input to a service."""

import pytest

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.test import RequestFactory

from secon.core.forms import submit

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [("django.template.loaders.locmem.Loader", {"page.html": "{{ form.errors }}"})]
        },
    }
]


class NameForm(forms.Form):
    name = forms.CharField(max_length=10)


def _request(method: str, data=None):
    request = getattr(RequestFactory(), method)("/page/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _submit(request, save, **options):
    form = NameForm(request.POST or None)
    response = submit(
        request,
        form,
        save,
        success_url=lambda saved: f"/done/{saved}/",
        message=lambda saved: f"{saved} is saved.",
        template="page.html",
        context=lambda: {"form": form},
        **options,
    )
    return response, form


@pytest.fixture(autouse=True)
def _templates(settings):
    settings.TEMPLATES = TEMPLATES


def test_a_get_shows_the_page_and_calls_nothing():
    calls = []
    response, form = _submit(_request("get"), calls.append)
    assert response.status_code == 200
    assert not form.is_bound and calls == []


def test_a_valid_post_calls_the_service_once_then_redirects_with_the_message():
    calls = []

    def save(data):
        calls.append(data)
        return data["name"]

    request = _request("post", {"name": "Ana"})
    response, _form = _submit(request, save)
    assert response.status_code == 302 and response["Location"] == "/done/Ana/"
    assert calls == [{"name": "Ana"}]
    assert [str(m) for m in get_messages(request)] == ["Ana is saved."]


@pytest.mark.parametrize("data", [{}, {"name": "x" * 11}])
def test_an_invalid_or_empty_post_shows_the_page_again_with_400_without_calling(data):
    calls = []
    response, _form = _submit(_request("post", data), calls.append)
    assert response.status_code == 400
    assert calls == []


def test_the_services_validation_errors_go_on_their_fields_with_400():
    def save(data):
        raise ValidationError({"name": "Taken.", "other": "Not a field."})

    request = _request("post", {"name": "Ana"})
    response, form = _submit(request, save)
    assert response.status_code == 400
    assert form.errors == {"name": ["Taken."], NON_FIELD_ERRORS: ["Not a field."]}
    assert list(get_messages(request)) == []


def test_a_refusal_is_a_403_unless_the_view_names_where_it_shows():
    def save(data):
        raise PermissionDenied("Not your partner.")

    with pytest.raises(PermissionDenied):
        _submit(_request("post", {"name": "Ana"}), save)
    response, form = _submit(_request("post", {"name": "Ana"}), save, refusal_field="name")
    assert response.status_code == 400
    assert form.errors == {"name": ["Not your partner."]}
