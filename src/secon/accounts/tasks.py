"""The worker side of account e-mails: allauth's (verification, password reset, notices) and invitations.

They are rendered in the request, in the recipient's language, and sent here, so that a mail server
that is down or slow never fails or delays a sign-up, a password reset or an invitation.
"""

from django.core.mail import EmailMessage, EmailMultiAlternatives

from secon.core.models import Job
from secon.core.smtp import EMAIL_RETRIES
from secon.core.tasks import background, current_job


@background(**EMAIL_RETRIES)
def send_account_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    from_email: str = "",
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> str:
    """Send one rendered account e-mail, then forget its text."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email or None,
        to=to,
        reply_to=reply_to or None,
        headers=headers or {},
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
    job = current_job()
    if job is not None:
        # The text may hold a one-time link (a password reset, an address confirmation, an
        # invitation): the finished job keeps who was written to and about what, not the link.
        Job.objects.filter(pk=job.pk).update(kwargs={"to": to, "subject": subject})
    return "sent"


def queue_account_email(message: EmailMessage) -> None:
    """Hand a rendered message to the worker once the current transaction commits."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", None) or ():
        if mimetype == "text/html":
            html = content
    if message.content_subtype == "html":
        html, body = message.body, ""
    else:
        body = message.body
    send_account_email.enqueue(
        to=list(message.to),
        subject=str(message.subject),
        body=body,
        html=html,
        from_email=message.from_email or "",
        reply_to=list(message.reply_to) or None,
        headers={name: str(value) for name, value in (message.extra_headers or {}).items()},
    )
