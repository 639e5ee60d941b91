"""The demo's communications: names in running text, the Cáceres press release drafted in four languages."""

from django.utils import timezone

from secon.communications.models import Article, Campaign, NameForm, ProjectLook, Subscriber
from secon.communications.services import articles, newsletter
from secon.communications.services.look import save_look
from secon.communications.services.names import set_name_form
from secon.communications.services.press import draft_press_release
from secon.communications.tasks import send_batch
from secon.core.permissions import SYSTEM
from secon.demo import logos
from secon.demo.data import communications as data
from secon.demo.data import events as event_data
from secon.events.models import Event
from secon.mail.services import held_back
from secon.organisations.models import Organisation
from secon.projects.models import Project
from secon.projects.tenancy import scopes_disabled


def _ensure_name_forms() -> None:
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=data.NAME_FORMS)}
    existing = {(form.organisation_id, form.language): form for form in NameForm.objects.all()}
    for slug, languages in data.NAME_FORMS.items():
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        for language, (gender, forms) in languages.items():
            current = existing.get((organisation.pk, language))
            if current is None or current.gender != gender or current.forms != forms:
                set_name_form(
                    actor=SYSTEM, organisation=organisation, language=language, gender=gender, forms=forms
                )


def load(*, project: Project) -> None:
    """Load what the communication officer starts from (idempotent: an existing draft is left alone)."""
    with scopes_disabled():  # the demo acts for the installation
        _load(project)


def _load(project: Project) -> None:
    _ensure_name_forms()
    event = Event.objects.filter(project=project, slug=event_data.CACERES["slug"]).first()
    if event is None:
        return
    drafted = Article.objects.filter(project=project, event=event, kind="press_release").first()
    languages = set(drafted.versions.values_list("language", flat=True)) if drafted else set()
    for language in data.PRESS_LANGUAGES:
        if language not in languages:
            draft_press_release(actor=SYSTEM, event=event, language=language, mode="before")
    news = [_ensure_news(project, values) for values in data.NEWS]
    _ensure_newsletter(project, news)
    if not ProjectLook.objects.filter(project=project).exists():
        save_look(
            actor=SYSTEM,
            project=project,
            logo=logos.secon_logo(),
            programme_logo=logos.programme_placeholder(),
            **data.LOOK,
        )


def _ensure_news(project: Project, values: dict) -> Article:
    article = Article.objects.filter(project=project, slug=values["slug"]).first()
    if article is not None:
        return article
    source = values["texts"][values["source_language"]]
    article = articles.create_article(
        actor=SYSTEM,
        project=project,
        kind=values["kind"],
        slug=values["slug"],
        source_language=values["source_language"],
        title=source[0],
        summary=source[1],
        body=source[2],
    )
    for language, (title, summary, body) in values["texts"].items():
        version = articles.save_version(
            actor=SYSTEM, article=article, language=language, title=title, summary=summary, body=body
        )
        articles.set_version_status(actor=SYSTEM, version=version, status="approved")
        articles.publish_version(actor=SYSTEM, version=version)
    return article


def _ensure_newsletter(project: Project, news: list[Article]) -> None:
    """One newsletter sent to made-up readers (no e-mail leaves: the demo holds them back)."""
    values = data.NEWSLETTER
    if Campaign.objects.filter(project=project, subject=values["subject"]).exists():
        return
    now = timezone.now()
    for email, language in values["subscribers"]:
        Subscriber.objects.get_or_create(
            project=project,
            email=email,
            defaults={
                "language": language,
                "status": Subscriber.Status.CONFIRMED,
                "requested_at": now,
                "confirmed_at": now,
                "consent_version": newsletter.CONSENT_VERSION,
                "consent_text": newsletter.consent_text(project, language),
                "nonce": "demo",
            },
        )
    campaign = newsletter.create_campaign(
        actor=SYSTEM,
        project=project,
        language=values["language"],
        subject=values["subject"],
        introduction=values["introduction"],
        articles=news,
    )
    with held_back():
        newsletter.start_campaign(actor=SYSTEM, campaign=campaign)
        for _batch in range(1000):  # a few batches for the demo's handful of readers
            if (
                not send_batch(campaign_id=campaign.pk).startswith("queued")
                or not Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.SENDING).exists()
            ):
                break
