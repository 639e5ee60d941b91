"""E-mails of the workflow: reviewers hear of a submission, authors of a decision, each in their language.

The workflow queues them in its transaction; a worker renders (below) and sends them (secon.mail).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from secon.core.links import absolute_url
from secon.mail.rendering import Rendered, renderer
from secon.mail.services import queue_email
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


def _queue(*, step: WorkflowStep, recipient, kind: str) -> None:
    queue_email(
        project_id=step.practice.project_id,
        kind=kind,
        recipient=recipient.email,
        language=preferred_language(recipient),
        params={"step": step.pk, "user": recipient.pk},
    )


def _render(*, step: int, user: int, template: str) -> Rendered | None:
    from secon.accounts.models import User

    found = WorkflowStep.objects.select_related("practice__project", "actor").filter(pk=step).first()
    recipient = User.objects.filter(pk=user).first()
    if found is None or recipient is None:
        return None
    practice = found.practice
    language = translation.get_language()
    context = {
        "step": found,
        "practice": practice,
        "recipient": recipient,
        "title": practice.title.render(language, practice.project.fallback_languages).text,
        "status": practice.get_status_display(),
        "action": found.get_action_display(),
        "url": absolute_url(practice_staff_url(practice)),
    }
    subject = render_to_string(f"practices/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"practices/email/{template}_body.txt", context)
    return Rendered(subject=" ".join(subject.split()), body=body)


@renderer("practices.decision")
def render_decision(*, step: int, user: int) -> Rendered | None:
    return _render(step=step, user=user, template="decision")


@renderer("practices.review")
def render_review(*, step: int, user: int) -> Rendered | None:
    return _render(step=step, user=user, template="review")


def practice_staff_url(practice: GoodPractice) -> str:
    from django.urls import reverse

    return reverse("practices:edit", kwargs={"project": practice.project.slug, "pk": practice.pk})


def notify_author(*, step_id: int) -> None:
    """Queue an e-mail to the author about a decision on their practice, in the author's language."""
    step = WorkflowStep.objects.select_related("practice__author").get(pk=step_id)
    author = step.practice.author
    if author is not None and author.email:
        _queue(step=step, recipient=author, kind="practices.decision")


def notify_reviewers(*, step_id: int) -> None:
    """Queue e-mails to the project's coordinators that a practice waits for their review."""
    from secon.accounts.enums import Role
    from secon.accounts.models import User

    step = WorkflowStep.objects.select_related("practice").get(pk=step_id)
    reviewers = User.objects.filter(
        memberships__project_id=step.practice.project_id, memberships__role=Role.COORDINATOR, is_active=True
    ).exclude(pk=step.practice.author_id)
    for reviewer in reviewers:
        _queue(step=step, recipient=reviewer, kind="practices.review")
