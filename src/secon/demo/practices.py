"""Demo good practices of SECON, written in our own words from public facts (reference/secon-facts.md).

Each practice is in English and in its own language, and the set is spread over the workflow
states. Facts the sources do not give (towns, start dates, figures) are left empty or marked
"to be confirmed" instead of being invented. Everything goes through the services; loading twice
changes nothing.
"""

from django.db import transaction

from secon.accounts.models import User
from secon.accounts.services import create_user, grant_role
from secon.demo.data import secon as data
from secon.demo.data.practices import AUTHORS, ORGANISATIONS, PRACTICES, ROUTES
from secon.organisations.models import Organisation, Partner, Region
from secon.organisations.services import create_organisation
from secon.practices.models import GoodPractice, Transfer
from secon.practices.selectors.practices import project_practices
from secon.practices.services import drafts, transfers, workflow
from secon.projects.models import Project


def _ensure_authors(project: Project) -> dict[str, User]:
    authors = {}
    for email, (organisation_slug, first_name, last_name) in AUTHORS.items():
        user = User.objects.filter(email=email).first() or create_user(
            actor=None, email=email, password=None, first_name=first_name, last_name=last_name
        )
        organisation = Organisation.objects.get(slug=organisation_slug)
        membership = user.memberships.filter(project=project).first()
        if membership is None:
            grant_role(
                actor=None, user=user, project=project, role="partner_editor", organisation=organisation
            )
        authors[email] = user
    return authors


def _ensure_organisations() -> None:
    for values in ORGANISATIONS:
        if Organisation.objects.filter(slug=values["slug"]).exists():
            continue
        values = dict(values)
        if values.get("region"):
            values["region"] = Region.objects.get(code=values["region"], nuts_version=2024)
        create_organisation(actor=None, **values)


def _values(entry: dict) -> dict:
    values = dict(entry["values"])
    if values.get("region"):
        values["region"] = Region.objects.get(code=values["region"], nuts_version=2024)
    values["main_institution"] = Organisation.objects.get(slug=entry["institution"])
    return values


def _advance(
    practice: GoodPractice, entry: dict, *, author, coordinator, secretariat, project
) -> GoodPractice:
    """Move the practice along its route until it reaches the target state (skips steps done)."""
    route = ROUTES[entry["status"]]
    done = practice.steps.exclude(action="create").count()
    for action in route[done:]:
        if action == "submit":
            practice = workflow.submit_practice(actor=author, practice=practice)
        elif action == "request_info":
            practice = workflow.request_information(
                actor=coordinator, practice=practice, comment=entry.get("comment", "Please add figures.")
            )
        elif action == "approve":
            practice = workflow.approve_practice(actor=coordinator, practice=practice, comment="Thank you.")
            drafts.set_translation_status(
                actor=coordinator, practice=practice, language="en", status="reviewed"
            )
        elif action == "count":
            period = project.periods.get(number=4)
            practice = workflow.count_practice(actor=secretariat, practice=practice, period=period)
        elif action == "select":
            practice = workflow.select_practice(actor=secretariat, practice=practice)
    return practice


def _ensure_transfer(practice: GoodPractice, spec: dict, *, actor) -> None:
    partner = Partner.objects.get(project=practice.project, organisation__slug=spec["partner"])
    transfer = Transfer.objects.filter(practice=practice, partner=partner).first()
    for stage, date, evidence in spec["steps"]:
        if transfer is None:
            transfer = transfers.record_transfer_interest(
                actor=actor, practice=practice, partner=partner, date=date, evidence=evidence
            )
        elif not transfer.steps.filter(stage=stage).exists():
            transfers.record_transfer_step(
                actor=actor, transfer=transfer, stage=stage, date=date, evidence=evidence
            )
            transfer.refresh_from_db()


@transaction.atomic
def load(*, project: Project) -> list[GoodPractice]:
    """Load (or complete) the demo practices of the project; running it twice changes nothing."""
    _ensure_organisations()
    authors = _ensure_authors(project)
    coordinator = User.objects.get(email="coordinator@secon.example")
    secretariat = User.objects.get(email=data.DEMO_ADMIN_EMAIL)
    loaded = []
    existing = {
        practice.texts("title").get("en"): practice for practice in project_practices(project=project)
    }
    for entry in PRACTICES:
        author = authors[entry["author"]]
        title = entry["values"]["title"]["en"]
        practice = existing.get(title)
        if practice is None:
            practice = drafts.create_practice(actor=author, project=project, **_values(entry))
        practice = _advance(
            practice, entry, author=author, coordinator=coordinator, secretariat=secretariat, project=project
        )
        if entry.get("transfer"):
            _ensure_transfer(practice, entry["transfer"], actor=coordinator)
        loaded.append(practice)
    return loaded
