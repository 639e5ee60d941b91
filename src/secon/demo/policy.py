"""Load SECON's ten policy instruments through the services, one changed with (illustrative) evidence.

Idempotent: once the project has instruments (or a stakeholder group) they are not loaded again.
Then the action plans and the groups' meetings (``plans.py``).
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from secon.core.permissions import SYSTEM
from secon.demo import plans as demo_plans
from secon.demo.data import policy as data
from secon.organisations.models import Organisation, Partner, Region
from secon.policy import services, stakeholders
from secon.policy.models import PolicyInstrument, StakeholderMember
from secon.projects.models import Project
from secon.projects.tenancy import scopes_disabled


def load(*, project: Project) -> list[PolicyInstrument]:
    with scopes_disabled():  # the demo acts for the installation
        loaded = _load_instruments(project)
        if not StakeholderMember.objects.filter(project=project).exists():
            _load_group(project)
        demo_plans.load(project=project)
        return loaded


def _load_group(project: Project) -> None:
    instrument = PolicyInstrument.objects.get(project=project, partner__organisation__slug=data.GROUP_PARTNER)
    organisations = Organisation.objects.in_bulk([slug for slug, _role in data.GROUP], field_name="slug")
    for slug, role in data.GROUP:
        stakeholders.add_member(
            actor=SYSTEM, instrument=instrument, organisation=organisations[slug], role=role
        )


def _load_instruments(project: Project) -> list[PolicyInstrument]:
    if PolicyInstrument.objects.filter(project=project).exists():
        return []
    partners = {
        partner.organisation.slug: partner
        for partner in Partner.objects.filter(project=project).select_related("organisation")
    }
    return [
        _load_one(project, partners[slug], code, values, steps)
        for slug, code, values, steps in data.INSTRUMENTS
    ]


def _load_one(
    project: Project, partner: Partner, code: str, values: dict, steps: list[str]
) -> PolicyInstrument:
    values = dict(values)
    illustrative = values.pop("is_illustrative", True)
    if illustrative and "description" not in values:
        values["description"] = data.ILLUSTRATIVE
    instrument = services.create_instrument(
        actor=SYSTEM,
        project=project,
        partner=partner,
        region=Region.objects.get(code=code, nuts_version=2024),
        is_illustrative=illustrative,
        **values,
    )
    for status in steps:
        evidence = {}
        if status == "adopted":
            upload = SimpleUploadedFile(data.EVIDENCE_NAME, data.EVIDENCE, content_type="application/pdf")
            evidence = {"evidence": upload, **data.ADOPTION}
        instrument = services.change_status(actor=SYSTEM, instrument=instrument, status=status, **evidence)
    return instrument
