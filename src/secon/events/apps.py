from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "secon.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from secon.core.retention import register_category
        from secon.events import (  # noqa: F401  (e-mails, files, tasks)
            change_emails,
            emails,
            imports,
            media,
            notice_emails,
            personal_data,
            retention,
            tasks,
        )
        from secon.events.erasure import erase_event_records
        from secon.events.people import event_people
        from secon.events.practice_sections import practice_sessions_section
        from secon.organisations.contact_notice import register_asked_elsewhere
        from secon.organisations.erasure import register_eraser
        from secon.organisations.export import register_exporter
        from secon.organisations.notice_services import on_material_change
        from secon.organisations.people import register_people_source
        from secon.practices.pages import register_section

        # The practice page lists the sessions that presented the practice (composed here: practices
        # sits below events).
        register_section(practice_sessions_section)
        imports.register()
        # The people who registered for (and so attended) a project's events are its people too.
        register_people_source(event_people)
        # Erasing a person clears what they typed on their registrations (the counts stay).
        register_eraser(erase_event_records)
        register_exporter("registrations", personal_data.registrations_section)
        # A privacy notice published as a material change: e-mail the people who agreed to an earlier one.
        on_material_change(notice_emails.queue_requests)
        # The contacts' e-mail of that change leaves out the people whose personal page asks them.
        register_asked_elsewhere(notice_emails.asks_person)
        register_category(
            name="events.data-exports",
            description="downloads of one's own data, once their 7-day link has expired",
            days=7,
            due=personal_data.exports_due,
            purge=personal_data.purge_exports,
        )
        register_category(
            name="events.past-registrations",
            description="registrations of events that ended more than 24 months ago",
            days=retention.REGISTRATION_DAYS,
            due=retention.due,
            purge=retention.purge,
        )
