"""E-mails of the workflow: reviewers hear of a submission, authors of a decision, each in their language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from secon.organisations.models import Person
from secon.practices.models import GoodPractice, WorkflowStep


def preferred_language(user) -> str:
    """Return the language a user reads e-mail in: their own setting, their person record, English."""
    language = getattr(user, "preferred_language", "") or ""
    if not language and user.email:
        language = (
            Person.objects.filter(email__iexact=user.email)
            .values_list("preferred_language", flat=True)
            .first()
            or ""
        )
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def _site_url() -> str:
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def _send(*, step: WorkflowStep, recipient, template: str) -> None:
    language = preferred_language(recipient)
    practice = step.practice
    with translation.override(language):
        context = {
            "step": step,
            "practice": practice,
            "recipient": recipient,
            "title": practice.title.render(language, practice.project.fallback_languages).text,
            "status": practice.get_status_display(),
            "action": step.get_action_display(),
            "url": _site_url() + practice_staff_url(practice),
        }
        subject = render_to_string(f"practices/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"practices/email/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [recipient.email])


def practice_staff_url(practice: GoodPractice) -> str:
    from django.urls import reverse

    return reverse("practices:edit", kwargs={"project": practice.project.slug, "pk": practice.pk})


def notify_author(*, step_id: int) -> None:
    """E-mail the author about a decision on their practice, in the author's language."""
    step = WorkflowStep.objects.select_related("practice__project", "practice__author", "actor").get(
        pk=step_id
    )
    author = step.practice.author
    if author is not None and author.email:
        _send(step=step, recipient=author, template="decision")


def notify_reviewers(*, step_id: int) -> None:
    """E-mail the project's coordinators that a practice waits for their review."""
    from secon.accounts.enums import Role
    from secon.accounts.models import User

    step = WorkflowStep.objects.select_related("practice__project", "actor").get(pk=step_id)
    reviewers = User.objects.filter(
        memberships__project_id=step.practice.project_id, memberships__role=Role.COORDINATOR, is_active=True
    ).exclude(pk=step.practice.author_id)
    for reviewer in reviewers:
        _send(step=step, recipient=reviewer, template="review")
