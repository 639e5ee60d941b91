"""Partners record their interest in a published practice, and the stages of its transfer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from secon.practices.forms import TransferInterestForm, TransferStepForm
from secon.practices.selectors.practices import get_public_practice
from secon.practices.selectors.transfers import get_transfer, list_transfer_partners
from secon.practices.services import transfers
from secon.projects import selectors as project_selectors


@require_POST
@login_required
def record_transfer(request: HttpRequest, project: str, pk: int) -> HttpResponse:
    """Record a partner's interest in a published practice, or the next stage of its transfer."""
    current = project_selectors.get_public_project(slug=project)
    practice = get_public_practice(project=current, pk=pk)
    if "transfer" in request.POST:
        form = TransferStepForm(request.POST)
        if form.is_valid():
            transfer = get_transfer(practice=practice, pk=form.cleaned_data["transfer"])
            try:
                transfers.record_transfer_step(
                    actor=request.user,
                    transfer=transfer,
                    stage=form.cleaned_data["stage"],
                    date=form.cleaned_data["date"],
                    evidence=form.cleaned_data["evidence"],
                    evidence_url=form.cleaned_data["evidence_url"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, _("Give the stage and its date."))
    else:
        partners = list_transfer_partners(user=request.user, practice=practice)
        form = TransferInterestForm(request.POST, partners=partners)
        if form.is_valid():
            try:
                transfers.record_transfer_interest(
                    actor=request.user,
                    practice=practice,
                    partner=form.cleaned_data["partner"],
                    date=form.cleaned_data["date"],
                    evidence=form.cleaned_data["evidence"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, _("Choose the partner and the date."))
    return redirect(practice.get_absolute_url() + "#transfers")
