from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    name = "secon.communications"
    label = "communications"
    verbose_name = _("Communications")

    def ready(self):
        from secon.communications import emails, media, scopes, tasks  # noqa: F401  (renderers, files, scopes, tasks)
        from secon.communications.event_panel import press_release_panel
        from secon.events.organiser_panels import register_organiser_panel

        register_organiser_panel(press_release_panel)
