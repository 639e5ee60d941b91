"""The project's own look: its logo and colours, the programme's logo and funding statement.

Set by the project's communication officers (coordinators). Both colours carry text — white text
on the primary colour (the band at the top of the project's pages, buttons, the e-mails' header),
the primary colour as link text on white and on the pages' light backgrounds (cards, notices on
the event, practice and committee pages), the accent colour as text on white and white text on it
(badges) — so each must reach WCAG AA's 4.5:1 against the lightest background it meets and the
darkest; otherwise the field says by how much it falls short and nothing is saved.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secon.communications.models import ProjectLook
from secon.communications.validators import AA_CONTRAST, contrast_ratio, validate_colour
from secon.core.audit import audited, record_change
from secon.core.i18n import clean_translations
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.core.uploads import reencode_image
from secon.practices.validators import validate_image
from secon.projects.models import Project

WHITE = "#ffffff"
#: The site's light backgrounds that carry links in the primary colour (site.css: --tint, --accent-tint).
TINTS = ("#f3f5f8", "#fff4ec")
LOGOS = ("logo", "programme_logo")


def colour_errors(*, primary_colour: str, accent_colour: str) -> dict[str, list[str]]:
    """Return the problems of two colours by field: not a colour, or too little contrast with white."""
    errors: dict[str, list[str]] = {}
    for field, value, message, backgrounds in (
        (
            "primary_colour",
            primary_colour,
            _(
                "White text on %(colour)s, and links in it on light grey, have a contrast "
                "of %(ratio).1f:1; WCAG AA asks for at least %(needed).1f:1. Choose a darker colour."
            ),
            TINTS,
        ),
        (
            "accent_colour",
            accent_colour,
            _(
                "Text in %(colour)s on white has a contrast of %(ratio).1f:1; WCAG AA asks for at least "
                "%(needed).1f:1. Choose a darker colour."
            ),
            (),
        ),
    ):
        try:
            validate_colour(value)
        except ValidationError as error:
            errors[field] = error.messages
            continue
        ratio = min(contrast_ratio(value, background) for background in (WHITE, *backgrounds))
        if ratio < AA_CONTRAST:
            # Rounded down, so that 4.48 does not read as the 4.5 it misses.
            shown = int(ratio * 10) / 10
            errors[field] = [message % {"colour": value, "ratio": shown, "needed": AA_CONTRAST}]
    return errors


def _clean_logo(upload, field: str, errors: dict):
    if upload is None:
        return None
    try:
        validate_image(upload)
        return reencode_image(upload)  # only the picture is stored: no appended bytes, no metadata
    except ValidationError as error:
        errors[field] = error.messages
        return None


@transaction.atomic
def save_look(
    *,
    actor,
    project: Project,
    primary_colour: str,
    accent_colour: str,
    funding_statement: dict,
    logo=None,
    programme_logo=None,
    remove: tuple[str, ...] = (),
) -> ProjectLook:
    """Set the project's look; new logos replace the old ones (whose files go once committed)."""
    require(actor, "communications.publish_article", project)
    primary_colour = (primary_colour or "").strip().lower()
    accent_colour = (accent_colour or "").strip().lower()
    errors = colour_errors(primary_colour=primary_colour, accent_colour=accent_colour)
    uploads = {"logo": _clean_logo(logo, "logo", errors)}
    uploads["programme_logo"] = _clean_logo(programme_logo, "programme_logo", errors)
    try:
        statement = clean_translations(funding_statement, max_length=400)
    except ValidationError as error:
        errors["funding_statement"] = error.messages
    if errors:
        raise ValidationError(errors)
    look = ProjectLook.objects.select_for_update().filter(project=project).first()
    if look is None:
        look = ProjectLook(project=project)
        _apply(look, primary_colour, accent_colour, statement, uploads, remove)
        record_change(actor=actor, instance=look, action=AuditEntry.Action.CREATE, project_id=project.pk)
        return look
    with audited(actor=actor, instance=look, project_id=project.pk):
        old_files = _apply(look, primary_colour, accent_colour, statement, uploads, remove)
    for name, storage in old_files:
        transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    return look


def _apply(look: ProjectLook, primary_colour, accent_colour, statement, uploads: dict, remove) -> list:
    """Set the values, check them, store new logos and save; return the replaced files to delete."""
    look.primary_colour, look.accent_colour = primary_colour, accent_colour
    look.funding_statement = statement
    look.full_clean(exclude=["project", *LOGOS], validate_unique=False)
    old_files = []
    for field in LOGOS:
        current = getattr(look, field)
        if (uploads[field] is not None or field in remove) and current:
            old_files.append((current.name, current.storage))
            setattr(look, field, "")
        if uploads[field] is not None:
            getattr(look, field).save(uploads[field].name, uploads[field], save=False)
    look.save()
    return old_files
