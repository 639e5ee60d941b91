"""The account page where a user creates, lists and revokes their API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from secon.api import selectors
from secon.api.forms import TokenForm
from secon.api.services import tokens as services


def _form(request: HttpRequest, data=None) -> TokenForm:
    projects, partners = selectors.limit_choices(user=request.user)
    return TokenForm(data, projects=projects, partners=partners)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """List the user's tokens; create one (its key is shown on this answer only)."""
    form = _form(request, request.POST or None)
    created = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            projects, partners = selectors.limit_choices(user=request.user)
            try:
                created = services.create_token(
                    actor=request.user,
                    name=data["name"],
                    kind=data["kind"],
                    scopes=data["scopes"],
                    expires_on=data["expires_on"],
                    project=next((p for p in projects if p.pk == data["project"]), None),
                    partner=next((p for p in partners if p.pk == data["partner"]), None),
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                status = 201
                form = _form(request)
    context = {"form": form, "created": created, "tokens": list(selectors.list_tokens(user=request.user))}
    return render(request, "api/tokens.html", context, status=status)


@require_POST
@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = selectors.get_token(user=request.user, pk=pk)
    services.revoke_token(actor=request.user, token=token)
    messages.success(request, _("The token %(name)s is revoked: it no longer works.") % {"name": token.name})
    return redirect("api_tokens")
