"""Write services check permissions through the rules predicates; SYSTEM passes, nobody else by default."""

import pytest

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from secon.core.permissions import SYSTEM, person_of, require
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_system_passes_every_check():
    require(SYSTEM, "projects.change_project", ProjectFactory())


@pytest.mark.parametrize("actor", [None, AnonymousUser()])
def test_nobody_and_visitors_are_refused(actor):
    with pytest.raises(PermissionDenied):
        require(actor, "projects.change_project", ProjectFactory())


def test_a_user_is_asked_through_the_rules(settings):
    project = ProjectFactory()
    with pytest.raises(PermissionDenied) as refused:
        require(UserFactory(), "projects.change_project", project)
    assert str(refused.value) == "You are not allowed to do this."
    require(UserFactory(is_superuser=True), "projects.change_project", project)


def test_the_log_names_people_only():
    user = UserFactory()
    assert person_of(user) == user
    assert person_of(SYSTEM) is None
    assert person_of(AnonymousUser()) is None
    assert person_of(None) is None
