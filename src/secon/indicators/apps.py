from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "secon.indicators"
    label = "indicators"
    verbose_name = _("Indicators and reporting periods")

    def ready(self):
        from secon.indicators import media, rules, scopes  # noqa: F401  (permissions, evidence, cache)
        from secon.indicators.timeline import counted_steps
        from secon.policy.chain import register_step_source

        register_step_source(counted_steps)
