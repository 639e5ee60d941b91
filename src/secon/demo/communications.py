"""The demo's communications: names in running text, the Cáceres press release drafted in four languages."""

from secon.communications.models import Article, NameForm
from secon.communications.services.names import set_name_form
from secon.communications.services.press import draft_press_release
from secon.core.permissions import SYSTEM
from secon.demo.data import communications as data
from secon.demo.data import events as event_data
from secon.events.models import Event
from secon.organisations.models import Organisation
from secon.projects.models import Project
from secon.projects.tenancy import scopes_disabled


def _ensure_name_forms() -> None:
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=data.NAME_FORMS)}
    existing = {(form.organisation_id, form.language): form for form in NameForm.objects.all()}
    for slug, languages in data.NAME_FORMS.items():
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        for language, (gender, forms) in languages.items():
            current = existing.get((organisation.pk, language))
            if current is None or current.gender != gender or current.forms != forms:
                set_name_form(
                    actor=SYSTEM, organisation=organisation, language=language, gender=gender, forms=forms
                )


def load(*, project: Project) -> None:
    """Load what the communication officer starts from (idempotent: an existing draft is left alone)."""
    with scopes_disabled():  # the demo acts for the installation
        _load(project)


def _load(project: Project) -> None:
    _ensure_name_forms()
    event = Event.objects.filter(project=project, slug=event_data.CACERES["slug"]).first()
    if event is None:
        return
    drafted = Article.objects.filter(project=project, event=event, kind="press_release").first()
    languages = set(drafted.versions.values_list("language", flat=True)) if drafted else set()
    for language in data.PRESS_LANGUAGES:
        if language not in languages:
            draft_press_release(actor=SYSTEM, event=event, language=language, mode="before")
