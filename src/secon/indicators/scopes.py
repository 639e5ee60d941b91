"""The indicators' records appear on no cached page: the period pages are for the project's members."""

from secon.core import cache
from secon.indicators.models import (
    CustomIndicator,
    LockedFigure,
    ManualValue,
    PeriodReport,
    PeriodStep,
    Target,
)

REASON = "shown on the members' period pages only, which are never cached"
for model in (Target, CustomIndicator, ManualValue, PeriodReport, PeriodStep, LockedFigure):
    cache.not_on_cached_pages(model, reason=REASON)
