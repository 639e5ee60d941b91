from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.projects.enums import RESERVED_SLUGS


def validate_project_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is reserved for another part of the site; choose another."),
            code="reserved",
            params={"slug": value},
        )


def validate_content_languages(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one content language."), code="required")
    unknown = [code for code in value if code not in CONTENT_LANGUAGE_CODES]
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s."),
            code="unknown",
            params={"codes": ", ".join(map(str, unknown))},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A language is listed twice."), code="duplicate")
