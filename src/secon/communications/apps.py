from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    name = "secon.communications"
    label = "communications"
    verbose_name = _("Communications")

    def ready(self):
        from secon.communications import emails, media, notice_emails, scopes, tasks  # noqa: F401  (renderers, …)
        from secon.communications.event_panel import press_release_panel
        from secon.communications.services.newsletter import agree_with_person
        from secon.events.organiser_panels import register_organiser_panel
        from secon.organisations.contact_notice import register_asked_elsewhere
        from secon.organisations.notice_services import on_agreed_again, on_material_change

        register_organiser_panel(press_release_panel)
        # A material change of the privacy notice: e-mail the subscribers who agreed to an earlier version.
        on_material_change(notice_emails.queue_requests)
        # The contacts' e-mail of that change leaves out the subscribers the newsletter asks.
        register_asked_elsewhere(notice_emails.asks_subscriber)
        # A person who agrees to the new version (as asked by the events app's e-mail) keeps the
        # newsletter under it too: the one e-mail they got answers both.
        on_agreed_again(agree_with_person)
