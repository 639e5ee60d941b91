from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "secon.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from secon.events import change_emails, emails, media, tasks  # noqa: F401  (e-mails, files, tasks)
        from secon.events.people import event_people
        from secon.events.practice_sections import practice_sessions_section
        from secon.organisations.people import register_people_source
        from secon.practices.pages import register_section

        # The practice page lists the sessions that presented the practice (composed here: practices
        # sits below events).
        register_section(practice_sessions_section)
        # The people who registered for (and so attended) a project's events are its people too.
        register_people_source(event_people)
