"""The arithmetic of quorum and votes, kept as numbers and told as a sentence in the reader's language.

Pure functions, no database: the services store what they return (JSON) with the vote, and the pages
describe it with :func:`describe_quorum` and :func:`describe_result` in the page's language.

Votes cast are yes + no; abstentions are recorded and shown, not counted as votes cast.
"""

import math
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from secon.governance.enums import Comparison, Rounding, VoteRule


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.2f}".rstrip("0").rstrip(".")


def quorum(
    *, present: int, basis: int, numerator: int, denominator: int, comparison: str, rounding: str
) -> dict:
    """Return whether ``present`` seats (or weights) of ``basis`` make the quorum under the rule."""
    raw = Fraction(numerator * basis, denominator)
    if rounding == Rounding.UP:
        threshold = Fraction(math.ceil(raw))
    elif rounding == Rounding.DOWN:
        threshold = Fraction(math.floor(raw))
    else:
        threshold = raw
    if comparison == Comparison.MORE_THAN:
        needed = math.floor(threshold) + 1
        quorate = present > threshold
    else:
        needed = math.ceil(threshold)
        quorate = present >= threshold
    return {
        "present": present,
        "basis": basis,
        "numerator": numerator,
        "denominator": denominator,
        "comparison": comparison,
        "rounding": rounding,
        "threshold": _number(threshold),
        "needed": needed,
        "quorate": quorate,
    }


def committee_quorum(committee, *, present: int, basis: int) -> dict:
    return quorum(
        present=present,
        basis=basis,
        numerator=committee.quorum_numerator,
        denominator=committee.quorum_denominator,
        comparison=committee.quorum_comparison,
        rounding=committee.quorum_rounding,
    )


def _expression(numerator: int, denominator: int, basis: int, rounding: str) -> str:
    inner = f"{numerator}/{denominator} × {basis}"
    if rounding == Rounding.UP:
        return f"⌈{inner}⌉"
    if rounding == Rounding.DOWN:
        return f"⌊{inner}⌋"
    return inner


def describe_quorum(snapshot: dict) -> str:
    """E.g. "6 of 10 voting seats present; needed ≥ ⌈1/2 × 10⌉ = 5; quorate"."""
    if not snapshot:
        return ""
    expression = _expression(
        snapshot["numerator"], snapshot["denominator"], snapshot["basis"], snapshot["rounding"]
    )
    sign = ">" if snapshot["comparison"] == Comparison.MORE_THAN else "≥"
    verdict = _("quorate") if snapshot["quorate"] else _("no quorum")
    return _(
        "%(present)s of %(basis)s present; needed %(sign)s %(expression)s = %(threshold)s; %(verdict)s"
    ) % {
        "present": snapshot["present"],
        "basis": snapshot["basis"],
        "sign": sign,
        "expression": expression,
        "threshold": snapshot["threshold"],
        "verdict": verdict,
    }


def count(*, rule: str, yes: int, no: int, abstain: int, voting_basis: int, tacit: int = 0) -> dict:
    """Return the result of a vote under ``rule``: the numbers, what was needed, whether it passed.

    ``tacit``: of the ``yes``, how many seats said nothing by a written procedure's deadline.
    """
    cast = yes + no
    if rule == VoteRule.ABSOLUTE:
        needed = voting_basis // 2 + 1
        passed = yes >= needed
    elif rule == VoteRule.TWO_THIRDS:
        needed = max(1, math.ceil(Fraction(2 * cast, 3)))
        passed = cast > 0 and yes >= needed
    elif rule == VoteRule.UNANIMITY:
        needed = max(1, cast)
        passed = cast > 0 and no == 0
    else:
        needed = cast // 2 + 1
        passed = cast > 0 and yes >= needed
    return {
        "rule": rule,
        "yes": yes,
        "no": no,
        "abstain": abstain,
        "cast": cast,
        "basis": voting_basis,
        "needed": needed,
        "passed": passed,
        **({"tacit": tacit} if tacit else {}),
    }


def describe_result(result: dict) -> str:
    """E.g. "6 of 9 voted yes; needed 6 = ⌈2/3 × 9⌉; passed" (abstentions named when there were some)."""
    if not result:
        return ""
    rule, cast, basis = result["rule"], result["cast"], result["basis"]
    if rule == VoteRule.ABSOLUTE:
        formula = _("more than half of %(basis)s voting seats") % {"basis": basis}
        head = _("%(yes)s of %(basis)s voting seats voted yes") % {"yes": result["yes"], "basis": basis}
    else:
        head = _("%(yes)s of %(cast)s voted yes") % {"yes": result["yes"], "cast": cast}
        if rule == VoteRule.TWO_THIRDS:
            formula = f"⌈2/3 × {cast}⌉"
        elif rule == VoteRule.UNANIMITY:
            formula = _("all %(cast)s votes cast, none against") % {"cast": cast}
        else:
            formula = _("more than half of %(cast)s") % {"cast": cast}
    verdict = _("passed") if result["passed"] else _("not passed")
    text = _("%(head)s; needed %(needed)s = %(formula)s; %(verdict)s") % {
        "head": head,
        "needed": result["needed"],
        "formula": formula,
        "verdict": verdict,
    }
    if result["abstain"]:
        abstained = ngettext(
            "(%(abstain)s abstained; abstentions are not votes cast)",
            "(%(abstain)s abstained; abstentions are not votes cast)",
            result["abstain"],
        )
        text += " " + abstained % {"abstain": result["abstain"]}
    if result.get("tacit"):
        silent = ngettext(
            "(%(tacit)s seat said nothing by the deadline: counted as yes)",
            "(%(tacit)s seats said nothing by the deadline: counted as yes)",
            result["tacit"],
        )
        text += " " + silent % {"tacit": result["tacit"]}
    return text
