"""'Send my personal link again': the participant enters their e-mail address, the links go there.

The answer never says whether the address is registered (see ``services/personal_links.py``).
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods

from secon.accounts.network import client_address
from secon.core.http import private
from secon.events.forms.registration import PersonalLinkForm
from secon.events.services.personal_links import send_personal_links

NEUTRAL_ANSWER = gettext_noop(
    "If this address is registered for an event, an e-mail with its personal links is on its way. "
    "Check your inbox (and spam folder) in a few minutes."
)


@require_http_methods(["GET", "HEAD", "POST"])
def personal_links(request: HttpRequest) -> HttpResponse:
    form = PersonalLinkForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if send_personal_links(email=form.cleaned_data["email"], client=client_address(request)):
                messages.success(request, _(NEUTRAL_ANSWER))
                return redirect(request.path)
            status = 429
            form.add_error(None, _("Too many requests from your network. Please try again in an hour."))
        else:
            status = 400
    response = render(request, "events/personal_links.html", {"form": form}, status=status)
    return private(response)
