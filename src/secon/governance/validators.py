from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_committee_code = RegexValidator(
    r"^[A-Z][A-Z0-9]{0,7}\Z",
    _("Use 1 to 8 capital letters or digits, starting with a letter (e.g. SC)."),
    code="code",
)


def validate_agenda_position(value: int) -> None:
    if not 1 <= value <= 99:
        raise ValidationError(_("An agenda position is a number from 1 to 99."), code="position")
