"""What a rescheduling keeps: the interest and penalties a woman owes when her loan is
rescheduled, and how they are carried into the new schedule.

Nothing owed disappears silently: what is owed is either carried (spread over the new
installments, the parts adding up exactly to it) or written off explicitly (see
``promujer.loan`` ``_do_reschedule``).
"""

from dataclasses import dataclass
from decimal import Decimal

from .money import quantize, split_evenly, to_decimal
from .schedule import Installment, to_date

__all__ = ["CarriedInstallment", "Owed", "carry", "owed"]

TREATMENTS = ("carry", "write_off")


@dataclass(frozen=True)
class Owed:
    """The interest and penalties owed on the day of the rescheduling."""

    interest: Decimal
    penalty: Decimal

    @property
    def total(self):
        return self.interest + self.penalty


@dataclass(frozen=True)
class CarriedInstallment:
    """A new installment with the owed amounts it carries (part of what it asks)."""

    installment: Installment
    interest_carried: Decimal
    penalty_carried: Decimal

    @property
    def interest(self):
        """Interest of the new schedule plus the carried interest."""
        return self.installment.interest + self.interest_carried


def owed(installments, date, digits=2):
    """Interest and penalties owed on ``date``.

    ``installments`` are (due_date, interest_due, interest_paid, penalty_due, penalty_paid)
    tuples of the loan's installments. Interest is owed on the installments due on or
    before ``date``; the interest of later installments is replaced by that of the new
    schedule. Penalties are owed whenever charged (they are charged on late installments
    only). Overpaid components count as nothing owed, never as a negative amount.
    """
    date = to_date(date)
    interest = Decimal(0)
    penalty = Decimal(0)
    for due_date, interest_due, interest_paid, penalty_due, penalty_paid in installments:
        if to_date(due_date, "due_date") <= date:
            interest += max(_amount(interest_due) - _amount(interest_paid), Decimal(0))
        penalty += max(_amount(penalty_due) - _amount(penalty_paid), Decimal(0))
    return Owed(quantize(interest, digits), quantize(penalty, digits))


def carry(schedule, owed_amounts, digits=2):
    """The new ``schedule`` (a list of ``schedule.Installment``) with ``owed_amounts``
    (an ``Owed``) spread evenly over its installments, the last absorbing the rounding.

    Carried parts are never negative and add up exactly to what is owed."""
    if not schedule:
        raise ValueError("the new schedule has no installments")
    for name, value in (("interest", owed_amounts.interest), ("penalty", owed_amounts.penalty)):
        if value < 0:
            raise ValueError(f"owed {name} must be >= 0, got {value}")
    interest = split_evenly(owed_amounts.interest, len(schedule), digits)
    penalty = split_evenly(owed_amounts.penalty, len(schedule), digits)
    return [
        CarriedInstallment(line, line_interest, line_penalty)
        for line, line_interest, line_penalty in zip(schedule, interest, penalty, strict=True)
    ]


def _amount(value):
    return to_decimal(value or 0, "amount")
