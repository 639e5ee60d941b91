"""Bounds of the action plans' figures, with messages that say what is accepted."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: The largest cost of one action: a billion euros is more than any regional action plan spends.
MAX_COST = Decimal("1000000000")


def validate_cost(value) -> None:
    """Accept a cost in euros from 0 to :data:`MAX_COST`."""
    if value is None:
        return
    if value < 0 or value > MAX_COST:
        raise ValidationError(
            _("Give a cost between 0 and 1,000,000,000 euros."), code="cost_range", params={"value": value}
        )
