"""Article services: versions per language, statuses, "outdated", publication, permissions, bad input."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from secon.communications.enums import VersionStatus
from secon.communications.models import Article, ArticleVersion
from secon.communications.services import articles
from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM
from tests.communications.conftest import published_article

pytestmark = pytest.mark.django_db


def _start(world, actor_key="editor", **values):
    return articles.create_article(
        actor=world.users[actor_key],
        project=world.projects["a"],
        slug=values.pop("slug", "kick-off"),
        source_language="en",
        title="Kick-off in Kalamata",
        body="Partners **met**.",
        **values,
    )


def test_a_partner_editor_starts_an_article_with_a_draft_in_its_language(world):
    article = _start(world)
    version = article.versions.get()
    assert (version.language, version.status, version.title) == ("en", "draft", "Kick-off in Kalamata")
    assert AuditEntry.objects.filter(model="communications.article", object_id=str(article.pk)).exists()


@pytest.mark.parametrize("actor", ["viewer", "other_coordinator"])
def test_viewers_and_other_projects_cannot_write(world, actor):
    with pytest.raises(PermissionDenied):
        _start(world, actor)
    assert not Article.objects.exists()


def test_anonymous_cannot_write(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        articles.create_article(
            actor=AnonymousUser(), project=world.projects["a"], slug="x", source_language="en", title="x"
        )


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        'Look <iframe src="https://evil.example"></iframe>',
        "[x](javascript:alert(1))",
    ],
)
def test_script_and_iframe_are_refused_and_nothing_is_saved(world, body):
    with pytest.raises(ValidationError) as error:
        articles.create_article(
            actor=world.users["editor"],
            project=world.projects["a"],
            slug="x",
            source_language="en",
            title="x",
            body=body,
        )
    assert "body" in error.value.message_dict
    assert not Article.objects.exists()


def test_a_language_outside_the_project_and_a_taken_slug_are_refused(world):
    _start(world)
    with pytest.raises(ValidationError) as error:
        _start(world)
    assert "slug" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        articles.create_article(
            actor=SYSTEM, project=world.projects["a"], slug="greek", source_language="el", title="x"
        )
    assert "source_language" in error.value.message_dict


def test_an_embargo_out_of_range_is_refused(world):
    with pytest.raises(ValidationError) as error:
        _start(world, embargo_until=datetime.datetime(2200, 1, 1, tzinfo=datetime.UTC))
    assert "embargo_until" in error.value.message_dict


def test_only_coordinators_approve_and_publish(world):
    article = _start(world)
    version = article.versions.get()
    editor, coordinator = world.users["editor"], world.users["coordinator"]
    articles.set_version_status(actor=editor, version=version, status="needs_review")
    with pytest.raises(PermissionDenied):
        articles.set_version_status(actor=editor, version=version, status="approved")
    articles.set_version_status(actor=coordinator, version=version, status="approved")
    with pytest.raises(PermissionDenied):
        articles.publish_version(actor=editor, version=version)
    articles.publish_version(actor=coordinator, version=version)
    version.refresh_from_db()
    assert version.status == "published" and version.published_at and version.first_published_at


def test_a_draft_cannot_be_published(world):
    version = _start(world).versions.get()
    with pytest.raises(ValidationError) as error:
        articles.publish_version(actor=world.users["coordinator"], version=version)
    assert "approved" in str(error.value)
    version.refresh_from_db()
    assert version.published_at is None


def test_each_language_is_published_on_its_own(world):
    article = published_article(world.projects["a"], languages=("en",))
    spanish = articles.save_version(
        actor=SYSTEM, article=article, language="es", title="Reunión", body="Texto"
    )
    assert spanish.status == "draft" and spanish.published_at is None
    assert article.versions.get(language="en").published_at is not None


def test_changing_the_source_makes_approved_translations_outdated(world):
    article = published_article(world.projects["a"], languages=("en", "es"))
    polish = articles.save_version(
        actor=SYSTEM, article=article, language="pl", title="Spotkanie", body="Tekst"
    )
    articles.save_version(
        actor=SYSTEM, article=article, language="en", title="Title caceres en", body="New text."
    )
    statuses = dict(article.versions.values_list("language", "status"))
    assert statuses == {"en": "published", "es": "outdated", "pl": "draft"}
    # Still online (flagged on the page), until someone updates it.
    assert article.versions.get(language="es").published_at is not None
    assert polish.pk


def test_saving_the_source_unchanged_keeps_translations_approved(world):
    article = published_article(world.projects["a"], languages=("en", "es"))
    articles.save_version(
        actor=SYSTEM, article=article, language="en", title="Title caceres en", body="The **meeting** starts."
    )
    assert article.versions.get(language="es").status == "published"


def test_editing_a_published_text_needs_a_coordinator(world):
    article = published_article(world.projects["a"])
    with pytest.raises(PermissionDenied):
        articles.save_version(
            actor=world.users["editor"], article=article, language="en", title="x", body="y"
        )


def test_an_outdated_version_goes_back_through_review(world):
    article = published_article(world.projects["a"], languages=("en", "es"))
    articles.save_version(actor=SYSTEM, article=article, language="en", title="Changed", body="Changed.")
    spanish = article.versions.get(language="es")
    articles.unpublish_version(actor=world.users["coordinator"], version=spanish)
    spanish.refresh_from_db()
    assert spanish.status == "outdated" and spanish.published_at is None
    articles.set_version_status(actor=world.users["editor"], version=spanish, status="in_translation")
    articles.set_version_status(actor=world.users["editor"], version=spanish, status="needs_review")
    articles.set_version_status(actor=world.users["coordinator"], version=spanish, status="approved")
    articles.publish_version(actor=world.users["coordinator"], version=spanish)
    assert ArticleVersion.objects.get(pk=spanish.pk).status == VersionStatus.PUBLISHED


def test_unknown_status_is_refused(world):
    version = _start(world).versions.get()
    with pytest.raises(ValidationError):
        articles.set_version_status(actor=SYSTEM, version=version, status="published")


def test_a_future_embargo_schedules_the_refresh_of_the_pages(world, database_queue):
    from secon.core.models import Job

    later = timezone.now() + datetime.timedelta(days=2)
    published_article(world.projects["a"], embargo_until=later)
    job = Job.objects.get(task="secon.communications.tasks.release_embargo")
    assert job.run_after == later or abs((job.run_after - later).total_seconds()) < 5
