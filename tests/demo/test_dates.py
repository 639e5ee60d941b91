"""The demo's records carry the dates of SECON's story, not the day the demo was loaded."""

import datetime

import pytest

from django.utils import timezone

from secon.events.models import Event, Registration
from secon.indicators.models import LockedFigure, PeriodReport
from secon.policy import chain
from secon.policy.models import PolicyInstrument, StatusChange
from secon.policy.plan_models import Action, ActionPlan, PlanVersion, ProgressNote, StakeholderMeeting
from secon.practices.models import GoodPractice, Transfer, WorkflowStep

pytestmark = pytest.mark.django_db

D = datetime.date


def test_no_record_of_the_learning_chain_is_dated_the_day_the_demo_was_loaded(demo):
    project = demo
    today = timezone.localdate()
    stamped = {
        GoodPractice: ["created_at", "updated_at", "published_at"],
        WorkflowStep: ["created_at"],
        Transfer: ["created_at"],
        PolicyInstrument: ["created_at", "updated_at", "validated_at"],
        StatusChange: ["at"],
        ActionPlan: ["created_at", "updated_at"],
        PlanVersion: ["submitted_at", "approved_at"],
        Action: ["created_at", "updated_at"],
        ProgressNote: ["created_at"],
        StakeholderMeeting: ["created_at"],
        PeriodReport: ["locked_at", "updated_at"],
        LockedFigure: ["locked_at"],
        Registration: ["created_at"],
    }
    for model, fields in stamped.items():
        for name in fields:
            found = model._base_manager.filter(**{f"{name}__date": today})
            if model is Registration:  # a coming event's registrations are recorded now
                found = found.filter(event__start_date__lt=today)
            assert not found.exists(), f"{model.__name__}.{name}"
    practices = GoodPractice.objects.filter(project=project)
    assert {practice.created_at.year for practice in practices} == {2024}
    caceres = Event.objects.get(project=project, slug__contains="caceres")
    approved = [p.published_at.date() for p in practices if p.published_at]
    assert approved and all(D(2024, 3, 1) <= day < caceres.start_date for day in approved)
    reported = {r.number: r.locked_at.date() for r in PeriodReport.objects.filter(locked_at__isnull=False)}
    assert reported == {1: D(2023, 10, 12), 2: D(2024, 4, 11), 3: D(2024, 10, 12)}


def test_the_stakeholder_meetings_are_on_their_semesters_and_the_chain_shows_where_it_was_counted(demo):
    project = demo
    periods = list(project.periods.order_by("number"))
    for meeting in StakeholderMeeting.objects.filter(project=project).select_related("event"):
        day = meeting.event.start_date
        assert periods[0].start_date <= day <= periods[3].end_date
        assert meeting.created_at.date() < day
    # Approved in July 2024: counted in period 3, reported; one counted in period 4 is not yet.
    approved = GoodPractice.objects.filter(project=project, status="approved", period__isnull=True).first()
    counted_later = GoodPractice.objects.filter(project=project, period__number=4).first()
    chains = chain.build_chains(project=project, practices=[approved, counted_later])
    assert all(found.steps[0].kind == "documented" and found.steps[0].date.year == 2024 for found in chains)
    assert [[step.title for step in found.steps if step.kind == "indicator"] for found in chains] == [
        ["Counted in period 3 for the indicator “Good practices identified”"],
        [],
    ]
