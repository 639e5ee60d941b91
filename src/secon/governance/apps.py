from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "secon.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from secon.accounts.erasure import register_account_eraser
        from secon.governance import emails, media, tasks  # noqa: F401  (e-mails, reminder task, papers' access)
        from secon.governance.erasure import end_holdings_of_erased_account

        # An erased account holds no seat any more (its ballots and attendance stay, anonymised).
        register_account_eraser(end_holdings_of_erased_account)
        from secon.governance.personal_data import ballots, minutes_comments
        from secon.organisations.export import register_account_exporter

        register_account_exporter("ballots", ballots)
        register_account_exporter("minutes_comments", minutes_comments)
