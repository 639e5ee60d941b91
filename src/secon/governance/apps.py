from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "secon.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from secon.governance import emails, tasks  # noqa: F401  (registers e-mails and the reminder task)
