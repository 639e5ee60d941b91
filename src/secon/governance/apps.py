from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "secon.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from secon.governance import emails, media, tasks  # noqa: F401  (e-mails, reminder task, papers' access)
