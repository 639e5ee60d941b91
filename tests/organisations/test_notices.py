"""A project's privacy notice: a draft per content language, published as numbered immutable versions;
consents record the version a person agreed to, and a material change asks them to agree again."""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.core.models import AuditEntry
from secon.organisations import notice_services, selectors
from secon.organisations.models import Consent
from secon.organisations.notices import PrivacyNotice, PrivacyNoticeVersion
from secon.organisations.services import record_consent
from tests.factories import MembershipFactory, PersonFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(slug="secon", acronym="SECON", content_languages=["en", "es"])


@pytest.fixture
def coordinator(project):
    user = UserFactory(email="coordinator@example.org")
    MembershipFactory(user=user, project=project, role="coordinator")
    return user


def test_publishing_numbers_dates_and_freezes_each_version(project, coordinator):
    first = notice_services.publish_notice(
        actor=coordinator, project=project, texts={"en": "## Who\nWe are SECON.", "es": "Somos SECON."}
    )
    assert (first.number, first.material, first.published_by) == (1, False, coordinator)
    assert dict(first.text) == {"en": "## Who\nWe are SECON.", "es": "Somos SECON."}
    # The next draft changes nothing public until it is published.
    notice_services.save_notice_draft(actor=coordinator, project=project, texts={"en": "We are SECON, v2."})
    assert selectors.current_notice(project=project) == first
    assert PrivacyNotice.objects.get(project=project).draft == {"en": "We are SECON, v2."}
    second = notice_services.publish_notice(
        actor=coordinator,
        project=project,
        texts={"en": "We are SECON, v2."},
        changes={"en": "Shorter."},
        material=True,
    )
    assert (second.number, second.material, dict(second.changes)) == (2, True, {"en": "Shorter."})
    first.refresh_from_db()
    assert dict(first.text) == {"en": "## Who\nWe are SECON.", "es": "Somos SECON."}  # never rewritten
    assert selectors.current_notice(project=project) == second
    assert [v.number for v in selectors.list_notice_versions(project=project)] == [2, 1]
    assert AuditEntry.objects.filter(model="organisations.privacynoticeversion", action="create").count() == 2


def test_the_first_version_is_never_material(project, coordinator):
    version = notice_services.publish_notice(
        actor=coordinator, project=project, texts={"en": "Text"}, material=True
    )
    assert version.material is False


@pytest.mark.parametrize(
    ("texts", "field", "message"),
    [
        ({"en": "", "es": "  "}, "text_en", "at least one language"),
        ({"de": "Text"}, "text_de", "does not write in this language"),
        ({"en": "Hello <script>alert(1)</script>"}, "text_en", "Remove the HTML <script>"),
        ({"en": "x" * 60_001}, "text_en", "under 60,000 characters"),
    ],
)
def test_bad_texts_are_refused_on_their_field_and_nothing_is_published(
    project, coordinator, texts, field, message
):
    with pytest.raises(ValidationError) as caught:
        notice_services.publish_notice(actor=coordinator, project=project, texts=texts)
    assert message in " ".join(caught.value.message_dict[field])
    assert not PrivacyNoticeVersion.objects.exists()


def test_an_unchanged_text_is_not_published_again(project, coordinator):
    notice_services.publish_notice(actor=coordinator, project=project, texts={"en": "Text"})
    with pytest.raises(ValidationError, match="same as version 1"):
        notice_services.publish_notice(actor=coordinator, project=project, texts={"en": "Text"})
    assert PrivacyNoticeVersion.objects.count() == 1


def test_only_the_project_s_coordinators_write_it(project):
    editor = UserFactory()
    MembershipFactory(user=editor, project=project, role="viewer")
    other = UserFactory()
    MembershipFactory(user=other, project=ProjectFactory(), role="coordinator")
    for actor in (editor, other, None):
        with pytest.raises(PermissionDenied):
            notice_services.publish_notice(actor=actor, project=project, texts={"en": "Text"})
        with pytest.raises(PermissionDenied):
            notice_services.save_notice_draft(actor=actor, project=project, texts={"en": "Text"})
    assert not PrivacyNotice.objects.exists()


def test_a_material_change_asks_to_agree_again_and_agreeing_records_the_new_version(project, coordinator):
    person = PersonFactory()
    v1 = notice_services.publish_notice(actor=coordinator, project=project, texts={"en": "One"})
    record_consent(actor=None, person=person, kind="terms", granted=True, notice=v1)
    record_consent(actor=None, person=person, kind="photos", granted=True, notice=v1)
    record_consent(actor=None, person=person, kind="public_list", granted=False, notice=v1)
    assert selectors.agreed_notice(person=person, project=project) == v1
    notice_services.publish_notice(actor=coordinator, project=project, texts={"en": "Two"})
    assert selectors.notice_to_agree_again(person=person, project=project) is None  # not material
    v3 = notice_services.publish_notice(
        actor=coordinator, project=project, texts={"en": "Three"}, material=True
    )
    assert selectors.notice_to_agree_again(person=person, project=project) == v3
    kinds = notice_services.agree_again(actor=None, person=person, version=v3, source="test")
    assert sorted(kinds) == ["photos", "terms"]  # the withdrawn one stays withdrawn
    current = selectors.current_consents(person=person)
    assert current["terms"].notice == v3 and current["public_list"].notice == v1
    assert current["public_list"].granted is False
    assert selectors.notice_to_agree_again(person=person, project=project) is None
    assert Consent.objects.filter(person=person).count() == 5  # appended, nothing rewritten
