"""The newsletter: subscriptions with double opt-in and recorded consent, campaigns sent in batches.

Subscribing and the links in e-mails need no account (the public calls them); campaigns are
written by the project's staff and sent, paused, resumed or cancelled by its coordinators.
"""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from secon.communications import links
from secon.communications.emails import queue_confirmation
from secon.communications.models import Article, Campaign, Delivery, Subscriber
from secon.communications.selectors import subscriber_notice_to_agree_again
from secon.communications.tasks import send_batch
from secon.core.audit import audited, record_change
from secon.core.languages import language_name
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.mail.suppression import is_suppressed
from secon.organisations.notices import PrivacyNoticeVersion
from secon.organisations.selectors import current_notice
from secon.projects.models import Project
from secon.projects.tenancy import scopes_disabled

CONSENT_VERSION = "2026-12"


def consent_text(project: Project, language: str) -> str:
    """The consent a subscriber gives, in their language (stored with its version)."""
    with translation.override(links.page_language(language)):
        return _(
            "I want to receive the newsletter of %(project)s in %(language)s by e-mail. My address is used "
            "for nothing else and I can unsubscribe at any time with the link in every newsletter."
        ) % {"project": project.acronym, "language": language_name(language)}


@transaction.atomic
def subscribe(*, project: Project, email: str, language: str, consent: bool) -> Subscriber | None:
    """Ask for the newsletter: a confirmation e-mail goes out; only its page's button subscribes.

    Public. The answer is the same whether or not the address is known (no one learns who is
    subscribed); a confirmed address gets no second e-mail, a suppressed one (bounced or
    complained, see :mod:`secon.mail.suppression`) none at all.
    """
    email = (email or "").strip()
    errors = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Enter a valid e-mail address.")
    if language not in project.content_languages:
        errors["language"] = _("Choose one of the project's languages.")
    if not consent:
        errors["consent"] = _("Please agree to receive the newsletter.")
    if errors:
        raise ValidationError(errors)
    subscriber = Subscriber.objects.select_for_update().filter(project=project, email__iexact=email).first()
    if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
        return None
    if is_suppressed(email):
        # Bounced or complained (for any project): until a coordinator lifts it, no confirmation
        # goes out. A suppression lifted meanwhile lets the address subscribe again.
        return None
    now = timezone.now()
    values = {
        "language": language,
        "status": Subscriber.Status.PENDING,
        "consent_version": CONSENT_VERSION,
        "consent_text": consent_text(project, language),
        "privacy_notice": current_notice(project=project),
        "requested_at": now,
        "nonce": secrets.token_hex(8),
    }
    if subscriber is None:
        subscriber = Subscriber(project=project, email=email, **values)
        subscriber.full_clean()
        subscriber.save()
        record_change(actor=None, instance=subscriber, action=AuditEntry.Action.CREATE, project_id=project.pk)
    else:
        with audited(actor=None, instance=subscriber, project_id=project.pk):
            for name, value in values.items():
                setattr(subscriber, name, value)
            subscriber.save()
    queue_confirmation(subscriber)
    return subscriber


def find_by_confirm_token(*, project: Project, token: str) -> Subscriber:
    """Return the subscriber of a confirmation link; raise links.LinkExpired or links.LinkInvalid."""
    pk, nonce = links.read_confirm_token(token)
    subscriber = Subscriber.objects.filter(project=project, pk=pk).first()
    if subscriber is None or subscriber.nonce != nonce:
        raise links.LinkInvalid
    return subscriber


@transaction.atomic
def confirm_subscription(*, project: Project, token: str) -> tuple[Subscriber, bool]:
    """Confirm (public, from the e-mailed link's page). Return the subscriber and whether it changed."""
    subscriber = find_by_confirm_token(project=project, token=token)
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return subscriber, False
    if subscriber.status != Subscriber.Status.PENDING:
        raise links.LinkInvalid
    with audited(actor=None, instance=subscriber, project_id=project.pk):
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber, True


def find_by_unsubscribe_token(*, project: Project, token: str) -> Subscriber:
    pk, _address = links.read_unsubscribe_token(token)
    subscriber = Subscriber.objects.filter(project=project, pk=pk).first()
    if subscriber is None:
        raise links.LinkInvalid
    links.check_unsubscribe_token(token, subscriber)
    return subscriber


@transaction.atomic
def unsubscribe(*, project: Project, token: str) -> Subscriber:
    """Unsubscribe (public: the link in every newsletter, or the mail client's one-click button)."""
    subscriber = find_by_unsubscribe_token(project=project, token=token)
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status in (Subscriber.Status.CONFIRMED, Subscriber.Status.PENDING):
        with audited(actor=None, instance=subscriber, project_id=project.pk):
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["status", "unsubscribed_at"])
    return subscriber


def find_by_agree_token(*, project: Project, token: str) -> Subscriber:
    """Return the subscriber of an e-mailed "agree again" link; raise links.LinkInvalid."""
    return links.read_agree_token(
        token,
        subscriber_of=lambda pk: (
            Subscriber.objects.select_related("privacy_notice").filter(project=project, pk=pk).first()
        ),
    )


@transaction.atomic
def agree_to_notice(*, project: Project, token: str) -> PrivacyNoticeVersion | None:
    """Record that the subscriber read the changed privacy notice and keeps the newsletter (public,
    from the e-mailed link's page). Return the version agreed to; None when there was nothing to do."""
    subscriber = find_by_agree_token(project=project, token=token)
    subscriber = (
        Subscriber.objects.select_for_update(of=("self",))
        .select_related("privacy_notice")
        .get(pk=subscriber.pk)
    )
    version = subscriber_notice_to_agree_again(subscriber=subscriber)
    if version is None:
        return None
    with audited(actor=None, instance=subscriber, project_id=project.pk):
        subscriber.privacy_notice = version
        subscriber.save(update_fields=["privacy_notice"])
    return version


def agree_with_person(*, person, version: PrivacyNoticeVersion) -> int:
    """The person agreed to ``version`` (their registration's page, their e-mailed link, their
    profile): record it on their confirmed subscriptions in its project that ask for it, so that the
    one e-mail they got answers both (called in the agreement's transaction). Return how many."""
    changed = 0
    with scopes_disabled():  # the version's project is given; the page may be the profile's
        subscribers = (
            Subscriber.objects.select_for_update(of=("self",))
            .select_related("privacy_notice")
            .filter(project_id=version.project_id, email__iexact=person.email)
        )
        for subscriber in subscribers:
            if subscriber_notice_to_agree_again(subscriber=subscriber) != version:
                continue
            with audited(actor=None, instance=subscriber, project_id=version.project_id):
                subscriber.privacy_notice = version
                subscriber.save(update_fields=["privacy_notice"])
            changed += 1
    return changed


@transaction.atomic
def create_campaign(
    *,
    actor,
    project: Project,
    language: str,
    subject: str,
    introduction: str = "",
    articles: list[Article] = (),
) -> Campaign:
    """Write a newsletter in one language from published articles (sent later by a coordinator)."""
    require(actor, "communications.change_article", project)
    campaign = Campaign(
        project=project,
        language=language,
        subject=subject.strip(),
        introduction=(introduction or "").strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    campaign.full_clean(exclude=["project", "created_by"])
    errors = {}
    if language not in project.content_languages:
        errors["language"] = _("Choose one of the project's languages.")
    articles = list(articles)
    if any(article.project_id != project.pk for article in articles):
        errors["articles"] = _("Choose articles of this project.")
    if errors:
        raise ValidationError(errors)
    campaign.save()
    campaign.articles.set(articles)
    record_change(actor=actor, instance=campaign, action=AuditEntry.Action.CREATE, project_id=project.pk)
    return campaign


def _locked(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().select_related("project").get(pk=campaign.pk)


def _set_status(*, actor, campaign: Campaign, status: str, **values) -> Campaign:
    with audited(actor=actor, instance=campaign, project_id=campaign.project_id):
        campaign.status = status
        for name, value in values.items():
            setattr(campaign, name, value)
        campaign.save()
    return campaign


@transaction.atomic
def start_campaign(*, actor, campaign: Campaign) -> Campaign:
    """Send the newsletter to every confirmed subscriber of its language, in batches, by workers."""
    campaign = _locked(campaign)
    require(actor, "communications.publish_article", campaign.project)
    if campaign.status != Campaign.Status.DRAFT:
        raise ValidationError({"status": _("This newsletter has already been started.")})
    if not campaign.articles.exists() and not campaign.introduction:
        raise ValidationError({"articles": _("Choose at least one article or write an introduction.")})
    audience = Subscriber.objects.filter(
        project=campaign.project, language=campaign.language, status=Subscriber.Status.CONFIRMED
    ).values_list("pk", flat=True)
    Delivery.objects.bulk_create(
        [Delivery(campaign=campaign, subscriber_id=pk) for pk in audience.iterator()],
        batch_size=1000,
        ignore_conflicts=True,
    )
    _set_status(actor=actor, campaign=campaign, status=Campaign.Status.SENDING, started_at=timezone.now())
    send_batch.enqueue(campaign_id=campaign.pk, project_id=campaign.project_id)
    return campaign


@transaction.atomic
def pause_campaign(*, actor, campaign: Campaign) -> Campaign:
    campaign = _locked(campaign)
    require(actor, "communications.publish_article", campaign.project)
    if campaign.status != Campaign.Status.SENDING:
        raise ValidationError({"status": _("Only a newsletter being sent can be paused.")})
    return _set_status(actor=actor, campaign=campaign, status=Campaign.Status.PAUSED)


@transaction.atomic
def resume_campaign(*, actor, campaign: Campaign) -> Campaign:
    campaign = _locked(campaign)
    require(actor, "communications.publish_article", campaign.project)
    if campaign.status != Campaign.Status.PAUSED:
        raise ValidationError({"status": _("Only a paused newsletter can be resumed.")})
    _set_status(actor=actor, campaign=campaign, status=Campaign.Status.SENDING)
    send_batch.enqueue(campaign_id=campaign.pk, project_id=campaign.project_id)
    return campaign


@transaction.atomic
def cancel_campaign(*, actor, campaign: Campaign) -> Campaign:
    """Stop a newsletter for good: those not reached yet will not get it."""
    campaign = _locked(campaign)
    require(actor, "communications.publish_article", campaign.project)
    if campaign.status in (Campaign.Status.SENT, Campaign.Status.CANCELLED):
        raise ValidationError({"status": _("This newsletter is finished already.")})
    campaign.deliveries.filter(status=Delivery.Status.PENDING).update(status=Delivery.Status.CANCELLED)
    return _set_status(
        actor=actor, campaign=campaign, status=Campaign.Status.CANCELLED, finished_at=timezone.now()
    )
