from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "secon.mail"
    label = "mail"
    verbose_name = _("E-mail")

    def ready(self):
        from secon.core.retention import register_category
        from secon.mail import retention, tasks, upkeep  # noqa: F401  (the delivery task, its upkeep)

        register_category(
            name="mail.sent-emails",
            description="e-mails sent or failed more than 12 months ago",
            days=retention.EMAIL_DAYS,
            due=retention.due,
            purge=retention.purge,
        )
