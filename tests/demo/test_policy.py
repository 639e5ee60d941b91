import pytest

from secon.demo.loader import load_demo
from secon.policy.models import PolicyInstrument, StatusChange

pytestmark = pytest.mark.django_db


def test_demo_has_ten_instruments_one_per_partner_and_one_changed_with_evidence(demo):
    project = demo
    instruments = list(PolicyInstrument.objects.filter(project=project).select_related("partner", "region"))
    assert len(instruments) == 10 and len({i.partner_id for i in instruments}) == 10
    assert all(i.region_id in set(i.partner.regions.values_list("pk", flat=True)) for i in instruments)
    mazovia = next(i for i in instruments if i.partner.organisation.slug == "mazowieckie-region")
    assert mazovia.name["en"] == "European Funds for Mazovia 2021-2027" and not mazovia.is_illustrative
    assert sum(i.is_illustrative for i in instruments) == 9
    changed = [i for i in instruments if i.status in ("adopted", "validated")]
    assert len(changed) == 1 and changed[0].evidence and changed[0].adopted_by and changed[0].improvement
    assert changed[0].history.count() == 5
    before = (PolicyInstrument.objects.count(), StatusChange.objects.count())
    load_demo()
    assert (PolicyInstrument.objects.count(), StatusChange.objects.count()) == before


def test_demo_extremadura_has_a_stakeholder_group_marked_illustrative(demo):
    from secon.policy.models import StakeholderMember

    project = demo
    members = StakeholderMember.objects.filter(project=project).select_related("organisation", "instrument")
    assert {m.organisation.slug for m in members} >= {"remudarte", "placeat", "actyva"}
    assert all("illustrative" in m.role for m in members)
    groups = {m.instrument.partner.organisation.slug for m in members}
    assert groups == {"junta-de-extremadura", "harghita-county-council"}
    count = members.count()
    load_demo()
    assert StakeholderMember.objects.count() == count


def test_demo_has_two_action_plans_inspired_by_the_caceres_practices_and_two_group_meetings(demo):
    from secon.events.models import Attendance
    from secon.policy.models import Action, ActionInspiration, ActionPlan, ActionTransfer, StakeholderMeeting

    project = demo
    plans = ActionPlan.objects.filter(project=project)
    assert plans.count() == 2 and {p.status for p in plans} == {"approved"}
    inspiring = set(
        ActionInspiration.objects.filter(action__project=project).values_list(
            "practice__main_institution__slug", flat=True
        )
    )
    assert inspiring == {"remudarte", "placeat", "actyva", "fundacion-cooprado"}
    assert ActionTransfer.objects.filter(action__project=project).count() == 1
    assert Action.objects.filter(project=project, status="implemented").count() == 1
    meetings = StakeholderMeeting.objects.filter(project=project).select_related("event")
    # Two meetings with check-ins here; the indicators' demo adds the partners' published meetings.
    assert {m.event.kind for m in meetings} == {"stakeholder_group"} and meetings.count() >= 2
    assert Attendance.objects.filter(registration__event__stakeholder_meeting__project=project).count() == 7
    held = meetings.count()
    load_demo()
    assert (ActionPlan.objects.count(), StakeholderMeeting.objects.count()) == (2, held)
