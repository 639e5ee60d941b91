import pytest

from secon.communications.services import articles
from secon.core.permissions import SYSTEM
from tests.accounts.world import build_world


@pytest.fixture
def world(db):
    return build_world()


def published_article(
    project, *, slug="caceres", languages=("en",), body="The **meeting** starts.", **values
):
    """An article published in the given languages (through the services, as the system)."""
    article = articles.create_article(
        actor=SYSTEM,
        project=project,
        slug=slug,
        source_language=languages[0],
        title=f"Title {slug} {languages[0]}",
        summary="Partners meet in Cáceres.",
        body=body,
        **values,
    )
    for language in languages:
        version = articles.save_version(
            actor=SYSTEM, article=article, language=language, title=f"Title {slug} {language}", body=body
        )
        articles.set_version_status(actor=SYSTEM, version=version, status="approved")
        articles.publish_version(actor=SYSTEM, version=version)
    return article
