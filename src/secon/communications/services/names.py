"""How organisations are named in running text, per language (their article, gender and cases)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secon.communications.models import NameForm
from secon.core.audit import audited, record_change
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.organisations.models import Organisation

CASES = ("nom", "gen", "dat", "acc")


@transaction.atomic
def set_name_form(*, actor, organisation: Organisation, language: str, gender: str, forms: dict) -> NameForm:
    """Record how the organisation is written in ``language`` (coordinators, the organisation's editors)."""
    require(actor, "communications.change_nameform", organisation)
    cleaned = {case: (forms.get(case) or "").strip() for case in CASES if (forms.get(case) or "").strip()}
    if "nom" not in cleaned:
        raise ValidationError({"nom": _("Give at least the name as the subject of a sentence.")})
    if any(len(text) > 250 for text in cleaned.values()):
        raise ValidationError({"nom": _("A name has at most 250 characters.")})
    found = NameForm.objects.select_for_update().filter(organisation=organisation, language=language).first()
    if found is None:
        found = NameForm(organisation=organisation, language=language, gender=gender, forms=cleaned)
        found.full_clean()
        found.save()
        record_change(actor=actor, instance=found, action=AuditEntry.Action.CREATE, project_id=None)
        return found
    with audited(actor=actor, instance=found, project_id=None):
        found.gender, found.forms = gender, cleaned
        found.full_clean()
        found.save()
    return found
