"""E-mails of the accounts app that allauth does not send: the invitation (one place, one template,
in the language the coordinator chose for the invitee)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from secon.accounts.models import Invitation
from secon.accounts.tasks import queue_account_email


def send_invitation(*, invitation: Invitation, token: str, base_url: str) -> None:
    """Render the invitation e-mail in the invitation's language and queue it for the worker."""
    with translation.override(invitation.language):
        path = reverse("account_invitation", kwargs={"token": token})
        context = {
            "invitation": invitation,
            "project": invitation.project,
            "role": invitation.get_role_display(),
            "organisation": invitation.organisation,
            "inviter": invitation.invited_by,
            "url": base_url.rstrip("/") + path,
            "expires_at": invitation.expires_at,
        }
        subject = " ".join(render_to_string("accounts/email/invitation_subject.txt", context).split())
        body = render_to_string("accounts/email/invitation_body.txt", context)
    queue_account_email(
        EmailMessage(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body=body,
            to=[invitation.email],
            reply_to=[invitation.invited_by.email] if invitation.invited_by else None,
        )
    )
