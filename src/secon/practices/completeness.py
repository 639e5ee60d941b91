"""What a practice still lacks before it can be submitted (drafts may lack anything)."""

from django.utils.translation import gettext as _

from secon.core.languages import language_name
from secon.practices.models import GoodPractice

#: Sections that must have text in the project's first content language before submission.
REQUIRED_TEXTS = (
    "title",
    "summary",
    "description",
    "resources",
    "evidence",
    "transfer_potential",
    "difficulties",
)


def primary_language(practice: GoodPractice) -> str:
    languages = practice.project.content_languages or ["en"]
    return languages[0]


def missing_sections(practice: GoodPractice) -> dict[str, list[str]]:
    """Return {field: [messages]} for every section still missing, in the form's order."""
    missing: dict[str, list[str]] = {}
    language = primary_language(practice)
    for name in REQUIRED_TEXTS:
        if not getattr(practice, name).get(language):
            label = GoodPractice._meta.get_field(name).verbose_name
            missing[name] = [
                _("“%(section)s” is empty in %(language)s.")
                % {"section": label, "language": language_name(language)}
            ]
    if not practice.theme:
        missing["theme"] = [_("Choose the theme.")]
    if not practice.country:
        missing["country"] = [_("Give the country.")]
    if practice.region_id is None:
        missing["region"] = [_("Give the NUTS region.")]
    if not practice.city:
        missing["city"] = [_("Give the city or town.")]
    if practice.main_institution_id is None:
        missing["main_institution"] = [_("Name the main institution responsible.")]
    # The form's timescale: start and end, or "ongoing" (the start may be unknown for old practices).
    if not practice.is_ongoing:
        if practice.start_date is None:
            missing["start_date"] = [_("Give the start date, or mark the practice as ongoing.")]
        if practice.end_date is None:
            missing["end_date"] = [_("Give the end date, or mark the practice as ongoing.")]
    if not practice.contact_email:
        missing["contact_email"] = [_("Give a contact e-mail address.")]
    return missing
