"""The demo's communications: the Cáceres press release in four languages, two news, a sent newsletter."""

import pytest
from PIL import Image

from secon.communications.models import Article, Campaign, ProjectLook
from secon.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_drafts_the_caceres_press_release_and_publishes_news(demo):
    project = demo
    release = Article.objects.get(project=project, kind="press_release")
    versions = {version.language: version for version in release.versions.all()}
    assert sorted(versions) == ["de", "el", "en", "es"]
    assert versions["de"].title == "Das SECON-Projekttreffen findet in Cáceres, Extremadura, statt"
    assert "22. bis 25. Oktober 2024" in versions["de"].body
    assert "zum Jesús-Usón-Zentrum für minimalinvasive Chirurgie" in versions["de"].body
    assert "unter dem Vorsitz der Region Peloponnes" in versions["de"].body
    assert "del 22 al 25 de octubre de 2024" in versions["es"].body
    assert "22–25 Οκτωβρίου 2024" in versions["el"].body
    assert release.versions.get(language="de").paragraphs.count() >= 9
    news = Article.objects.filter(project=project, kind="news")
    assert news.count() == 2
    assert all(article.versions.filter(published_at__isnull=False).count() == 4 for article in news)
    campaign = Campaign.objects.get(project=project)
    assert campaign.status == "sent" and campaign.deliveries.filter(status="queued").count() == 2
    # The project's look shows: its own logo, a labelled stand-in for the programme's, the statement.
    look = ProjectLook.objects.get(project=project)
    for logo in (look.logo, look.programme_logo):
        with logo.open("rb") as handle, Image.open(handle) as image:
            assert image.format == "PNG" and image.width > image.height >= 100
    assert "illustrative" in look.programme_logo.name
    assert look.funding_statement["el"].startswith("Το SECON συγχρηματοδοτείται")
    load_demo()  # twice: nothing more
    assert Article.objects.filter(project=project).count() == 3 and Campaign.objects.count() == 1
