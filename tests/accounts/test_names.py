"""The staff's search for users and roles ignores case and accents (see core.text)."""

import importlib

import pytest

from django.apps import apps
from django.test import Client

from secon.accounts.models import User
from secon.accounts.services import create_user, update_profile, update_user
from tests.accounts.world import enable_two_factor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_services_keep_the_key_and_the_admin_finds_users_without_accents():
    user = create_user(actor=None, email="f.alvarez@example.org", password=None, first_name="Francisco")
    user = update_user(actor=None, user=user, last_name="Álvarez Núñez")
    assert user.search_key == "francisco alvarez nunez f.alvarez@example.org"
    user = update_profile(actor=user, user=user, organisation_name="Cooperativa Ñandú")
    assert User.objects.get(search_key__contains="nandu") == user
    create_user(actor=None, email="zoe@example.org", password=None, first_name="Zoë", last_name="Zapata")
    admin = UserFactory(is_superuser=True, is_staff=True)
    enable_two_factor(admin)
    client = Client()
    client.force_login(admin)
    html = client.get("/admin/accounts/user/?q=ALVAREZ nunez").content.decode()
    assert "f.alvarez@example.org" in html and "zoe@example.org" not in html
    html = client.get("/admin/accounts/user/?q=zoe").content.decode()
    assert "zoe@example.org" in html


def test_the_migration_fills_the_key_of_existing_users():
    user = create_user(
        actor=None, email="e@example.org", password=None, first_name="Ελένη", last_name="Παππά"
    )
    User.objects.update(search_key="")
    importlib.import_module("secon.accounts.migrations.0004_user_search_key").fill_keys(apps, None)
    user.refresh_from_db()
    assert user.search_key == "ελενη παππα e@example.org"
