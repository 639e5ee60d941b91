"""Who may sign up: nobody opens an account without a ticket kept in their session.

A ticket is issued by an invitation link (the address is proven by the e-mail the link came in) or
by the personal link of an event registration (the address is confirmed by e-mail after signing
up). It fixes the address the account is made for; no other sign-up exists.
"""

from dataclasses import dataclass

from django.http import HttpRequest

from secon.accounts import services
from secon.accounts.models import Invitation
from secon.accounts.services import invitations

SESSION_KEY = "secon_signup_ticket"


@dataclass(frozen=True)
class Ticket:
    email: str
    invitation: Invitation | None = None
    next_url: str = ""


def issue_for_invitation(request: HttpRequest, *, invitation: Invitation) -> None:
    request.session[SESSION_KEY] = {"email": invitation.email, "invitation": invitation.pk}


def issue_for_registration(request: HttpRequest, *, email: str, next_url: str = "") -> None:
    request.session[SESSION_KEY] = {"email": services.normalise_email(email), "next": next_url}


def current(request: HttpRequest) -> Ticket | None:
    """Return the session's ticket while it is still good (an invitation must still be open)."""
    data = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not isinstance(data, dict) or not data.get("email"):
        return None
    invitation = None
    if data.get("invitation"):
        invitation = Invitation.objects.select_related("project").filter(pk=data["invitation"]).first()
        if invitations.invitation_problem(invitation):
            return None
    return Ticket(email=str(data["email"]), invitation=invitation, next_url=str(data.get("next") or ""))


def discard(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
