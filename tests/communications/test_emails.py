"""The newsletter's e-mails as text and HTML (multipart/alternative) in the project's look, rendered
once per campaign and completed per recipient."""

import re
from html.parser import HTMLParser

import pytest

from django.core import mail

from secon.communications import emails
from secon.communications.services import images, newsletter
from secon.communications.services.look import save_look
from secon.communications.tasks import send_batch
from secon.core.permissions import SYSTEM
from tests.communications.test_look import png, values
from tests.communications.test_newsletter import _campaign, _deliver_all, _subscribed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _queue(database_queue):
    emails._CONTENT.clear()
    yield


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.images, self.links = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "img":
            self.images.append(attrs)
        if tag == "a":
            self.links.append(attrs.get("href"))


def _html(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def test_the_newsletter_goes_as_text_and_html_in_the_projects_look(world):
    save_look(
        actor=SYSTEM,
        project=world.projects["a"],
        logo=png(),
        programme_logo=png("programme.png"),
        **values(primary_colour="#0b5e3b"),
    )
    _subscribed(world, "ana@example.org", "es")
    _subscribed(world, "luis@example.org", "es")
    mail.outbox.clear()
    campaign = _campaign(world)
    campaign.introduction = "**Hola** a todos."
    campaign.save(update_fields=["introduction"])
    images.add_image(
        actor=SYSTEM,
        article=campaign.articles.get(),
        file=png("photo.png"),
        alt_text={"en": "Partners", "es": "Socios en Cáceres"},
        credit="KMOP",
        photo_consent="recorded",
    )
    newsletter.start_campaign(actor=world.users["coordinator"], campaign=campaign)
    send_batch(campaign_id=campaign.pk)
    messages = sorted(_deliver_all(), key=lambda message: message.to[0])
    assert [message.to[0] for message in messages] == ["ana@example.org", "luis@example.org"]
    first, second = messages
    html = _html(first)
    parsed = Tags()
    parsed.feed(html)
    assert "script" not in parsed.tags and "form" not in parsed.tags and "style" not in parsed.tags
    assert "background:#0b5e3b" in html and "<strong>Hola</strong> a todos." in html
    assert "Cofinanciado por la UE" in html and "Title caceres es" in html
    sources = [image["src"] for image in parsed.images]
    assert all(source.startswith("http://testserver/") for source in sources) and len(sources) == 3
    assert {"alt": "Socios en Cáceres"}.items() <= parsed.images[1].items()
    unsubscribe = re.search(r"<(.+)>", first.extra_headers["List-Unsubscribe"]).group(1)
    assert unsubscribe in parsed.links and unsubscribe in first.body
    # The same content, each with their own unsubscribe address.
    assert _html(second).replace(second.extra_headers["List-Unsubscribe"][1:-1], "X") == html.replace(
        unsubscribe, "X"
    )
    assert "Title caceres es" in first.body and "<" not in first.body.replace("<http", "")
    assert "__secon_unsubscribe_url__" not in html + first.body


def test_the_newsletter_renders_its_content_once_per_campaign(world, django_assert_max_num_queries):
    for n in range(3):
        _subscribed(world, f"r{n}@example.org", "es")
    campaign = _campaign(world)
    newsletter.start_campaign(actor=world.users["coordinator"], campaign=campaign)
    deliveries = list(campaign.deliveries.order_by("pk"))
    emails.render_newsletter(delivery=deliveries[0].pk)
    for delivery in deliveries[1:]:
        with django_assert_max_num_queries(2):  # the delivery, and the project's look once (none)
            rendered = emails.render_newsletter(delivery=delivery.pk)
        assert rendered.html and delivery.subscriber.email not in rendered.html


def test_the_confirmation_e_mail_has_an_html_part_with_the_link(client, world):
    save_look(actor=SYSTEM, project=world.projects["a"], **values(primary_colour="#5a2d82"))
    client.post("/de/alpha/newsletter/", {"email": "neu@example.org", "language": "es", "consent": "on"})
    [message] = _deliver_all()
    html = _html(message)
    link = re.search(r"http://testserver/\w\w/alpha/newsletter/confirm/[^/\s]+/", message.body).group(0)
    assert f'href="{link}"' in html and "background:#5a2d82" in html
    assert 'lang="es"' in html or 'lang="de"' in html
