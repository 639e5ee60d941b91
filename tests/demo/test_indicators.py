import pytest

from secon.demo.loader import load_demo
from secon.indicators import selectors
from secon.indicators.models import LockedFigure, ManualValue, PeriodReport, Target

pytestmark = pytest.mark.django_db


def test_demo_reports_periods_one_to_three_and_leaves_four_open_with_figures_from_the_records(demo):
    project = demo
    reports = {r.number: r.status for r in PeriodReport.objects.filter(project=project)}
    assert reports == {1: "reported", 2: "reported", 3: "reported", 4: "open"}
    assert Target.objects.filter(project=project).count() == 8
    table = selectors.period_table(project=project, number=4)
    figures = {figure.code: figure for figure in table.figures}
    assert figures["participations"].previous == 20  # two delegates of each partner in Kalamata
    assert figures["participations"].this >= 30  # Cáceres
    assert figures["stakeholder-meetings"].previous >= 6 and figures["stakeholder-meetings"].this >= 1
    assert figures["instruments-improved"].cumulative == 0  # Extremadura's change: June 2025, period 5
    assert selectors.period_table(project=project, number=5).figure("instruments-improved").this == 1
    assert figures["social-enterprises-reached"].cumulative == 75
    assert all(figure.locked for figure in selectors.period_table(project=project, number=3).figures)
    before = (LockedFigure.objects.count(), ManualValue.objects.count(), PeriodReport.objects.count())
    load_demo()
    assert (LockedFigure.objects.count(), ManualValue.objects.count(), PeriodReport.objects.count()) == before
