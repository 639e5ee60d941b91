from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "secon.policy"
    label = "policy"
    verbose_name = _("Policy instruments")

    def ready(self):
        from secon.organisations.erasure import register_eraser
        from secon.policy import media, rules, scopes  # noqa: F401  (permissions, evidence access, cache scopes)
        from secon.policy.stakeholders import erase_memberships

        register_eraser(erase_memberships)
