import pytest

from secon.core.permissions import SYSTEM
from secon.indicators import services
from secon.indicators.models import LockedFigure, PeriodReport

pytestmark = pytest.mark.django_db

BASE = "/en/secon/indicators/"


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("other", 403), ("viewer", 200), ("partner", 200), ("coordinator", 200)],
)
def test_the_indicators_are_for_the_projects_members(world, role, expected):
    client = world.client(role)
    for url in (
        BASE,
        f"{BASE}periods/4/",
        f"{BASE}periods/4/participations/",
        f"{BASE}periods/4/report.json",
    ):
        assert client.get(url).status_code == expected, url


def test_the_period_page_shows_every_figure_with_a_link_to_its_records(world, django_assert_max_num_queries):
    client = world.client("coordinator")
    client.get(f"{BASE}periods/4/")  # the session and the user's roles are read once
    with django_assert_max_num_queries(30):
        page = client.get(f"{BASE}periods/4/")
    text = page.content.decode()
    assert "Participations in interregional events" in text and '<svg role="img"' in text
    assert f'href="{BASE}periods/4/participations/?column=this"' in text
    assert "Move the period" in text


def test_the_drill_down_lists_the_people_behind_participations(world):
    page = world.client("viewer").get(f"{BASE}periods/4/participations/?column=this")
    text = page.content.decode()
    assert "4 records count." in text
    assert text.count("Ana Alba") == 2 and "Dora Dunn" in text and "Cai Chen" not in text
    previous = world.client("viewer").get(f"{BASE}periods/4/participations/?column=previous").content.decode()
    assert "Cai Chen" in previous


def test_the_index_shows_the_periods_the_progress_and_the_map(world):
    text = world.client("viewer").get(BASE).content.decode()
    assert "Period 4" in text and "Progress against target" in text
    assert "schematic map of Europe" in text


def test_a_viewer_moves_no_period(world):
    client = world.client("viewer")
    assert "Move the period" not in client.get(f"{BASE}periods/1/").content.decode()
    assert client.post(f"{BASE}periods/1/step/", {"to": "review"}).status_code == 403
    assert not PeriodReport.objects.exists()


def test_the_coordinator_locks_a_period_on_its_page(world):
    client = world.client("coordinator")
    assert client.post(f"{BASE}periods/1/step/", {"to": "review"}).status_code == 302
    response = client.post(f"{BASE}periods/1/step/", {"to": "reported"}, follow=True)
    assert "The period is now “reported (locked)”." in response.content.decode()
    assert LockedFigure.objects.filter(report__number=1).count() == 7


def test_reopening_without_a_reason_says_so_and_changes_nothing(world):
    for to in ("review", "reported"):
        services.move_period(actor=SYSTEM, project=world.project, number=1, to=to)
    response = world.client("coordinator").post(f"{BASE}periods/1/step/", {"to": "reopened", "scope": "full"})
    assert response.status_code == 400
    assert "Give the reason for reopening the period." in response.content.decode()
    assert PeriodReport.objects.get(number=1).status == "reported"


def test_a_step_the_period_cannot_take_is_refused_with_a_message(world):
    response = world.client("coordinator").post(f"{BASE}periods/1/step/", {"to": "reported"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_an_edit_in_a_locked_period_is_refused_with_a_message(world):
    services.create_custom_indicator(
        actor=SYSTEM,
        project=world.project,
        code="jobs-created",
        name={"en": "Jobs created"},
        unit="other",
        description={},
    )
    for to in ("review", "reported"):
        services.move_period(actor=SYSTEM, project=world.project, number=1, to=to)
    client = world.client("coordinator")
    response = client.post(f"{BASE}periods/1/values/jobs-created/", {"value": "4", "source": "Survey"})
    assert response.status_code == 400
    assert "its figures are locked" in response.content.decode()
    response = client.post(f"{BASE}periods/1/summary/", {"summary": "New text"})
    assert response.status_code == 400 and "reopen it to change its text" in response.content.decode()


def test_bad_numbers_and_unknown_pages_are_clear_answers(world):
    client = world.client("coordinator")
    response = client.post(f"{BASE}targets/", {"participations": "-5"})
    assert response.status_code == 400
    response = client.post(f"{BASE}targets/", {"participations": "1000000000000000"})
    assert response.status_code == 400
    assert client.get(f"{BASE}periods/99/").status_code == 404
    assert client.get(f"{BASE}periods/4/nonsense/").status_code == 404
    assert client.get(f"{BASE}periods/4/?partner=x").status_code == 404
    assert client.get(f"{BASE}periods/4/?partner=²").status_code == 404  # a digit to isdigit, not to int
    assert client.get(f"{BASE}periods/4/participations/?column=evil&page=zzz").status_code == 200


def test_the_coordinator_sets_targets(world):
    client = world.client("coordinator")
    assert client.post(f"{BASE}targets/", {"participations": "16"}).status_code == 302
    text = client.get(f"{BASE}periods/4/").content.decode()
    assert ">50</td>" in text
