"""Accrued interest: the interest a loan has earned by a date and not yet been paid.

Each installment earns its interest over its own period, from the previous installment's
due date (the disbursement date for the first) to its due date, day by day. By the
closing date (a month end) an installment due on or before it has earned all its
interest; the installment whose period is running has earned the share of the days
elapsed; the later ones nothing. Interest a rescheduling carried into an installment was
earned before the rescheduling: it counts as earned from the start.

What is accrued is what was earned and not paid by the date: the interest a woman paid
ahead (a prepayment) was income when paid and is not accrued again. Amounts are in the
loan's currency, rounded to it (``digits``); the parts of the installments sum exactly to
the loan's accrual (:func:`money.split_proportionally`).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from .money import check_digits, quantize, split_proportionally, to_decimal

__all__ = ["Accrual", "Period", "accrue", "earned_fraction", "earned_interest", "is_non_accrual"]


@dataclass(frozen=True)
class Period:
    """One installment seen by the accrual: its period (``start`` to ``due``), its
    interest, the interest carried into it by a rescheduling and the interest paid on it
    by the closing date."""

    start: datetime.date
    due: datetime.date
    interest: Decimal
    paid: Decimal = Decimal(0)
    carried: Decimal = Decimal(0)


@dataclass(frozen=True)
class Accrual:
    """A loan's accrual: ``total`` and its ``parts``, one per installment, in order."""

    total: Decimal
    parts: tuple


def _check_date(value, name):
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValueError(f"{name} must be a date, got {value!r}")
    return value


def earned_fraction(start, due, as_of):
    """The share of a period from ``start`` to ``due`` elapsed at the end of ``as_of``,
    as an exact Decimal: 0 before the period starts, 1 once it is due, else the days
    elapsed over the days of the period."""
    for value, name in ((start, "start"), (due, "due"), (as_of, "as_of")):
        _check_date(value, name)
    if as_of >= due:
        return Decimal(1)
    if as_of <= start:
        return Decimal(0)
    return Decimal((as_of - start).days) / Decimal((due - start).days)


def earned_interest(period, as_of):
    """The interest ``period`` earned by ``as_of``, exact (not rounded)."""
    interest = to_decimal(period.interest, "interest")
    carried = to_decimal(period.carried, "carried")
    if interest < 0 or carried < 0 or carried > interest:
        raise ValueError(f"interest {interest} and carried {carried} must be 0 <= carried <= it")
    return carried + (interest - carried) * earned_fraction(period.start, period.due, as_of)


def accrue(periods, as_of, digits=2):
    """The :class:`Accrual` of a loan's installments ``periods`` at ``as_of``: per
    installment what it earned and was not paid (never below nothing), the total rounded
    to the currency and split over the installments so that the parts sum to it."""
    digits = check_digits(digits)
    _check_date(as_of, "as_of")
    exact = []
    for period in periods:
        paid = to_decimal(period.paid, "paid")
        if paid < 0:
            raise ValueError(f"paid must be >= 0, got {paid}")
        exact.append(max(earned_interest(period, as_of) - paid, Decimal(0)))
    total = quantize(sum(exact, Decimal(0)), digits)
    if not total:
        return Accrual(total, tuple(quantize(0, digits) for _period in exact))
    return Accrual(total, tuple(split_proportionally(total, exact, digits)))


def is_non_accrual(days_late, threshold):
    """Whether a loan ``days_late`` stops accruing: beyond ``threshold`` days (the usual
    non-accrual rule, 90 days by default)."""
    for value, name in ((days_late, "days_late"), (threshold, "threshold")):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be an integer >= 0, got {value!r}")
    return days_late > threshold
