"""Repayment schedule of a village-banking loan.

A woman's loan of one cycle is repaid in installments at the weekly or bi-weekly repayment
meetings of her association. By the village-banking convention a month counts 4 weekly or
2 bi-weekly meetings, so a 4-month weekly loan has 16 installments. Interest is either
"flat" (on the initial amount for the whole term) or "declining" (on the balance still
owed, with a level installment). Optional grace periods come first: interest only.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from .money import check_digits, check_int, quantize, split_evenly, to_decimal

__all__ = [
    "FREQUENCY_DAYS",
    "METHODS",
    "PERIODS_PER_MONTH",
    "Installment",
    "build_schedule",
    "due_dates",
    "installment_count",
    "to_date",
    "totals",
]

FREQUENCY_DAYS = {"weekly": 7, "biweekly": 14}
PERIODS_PER_MONTH = {"weekly": 4, "biweekly": 2}
METHODS = ("flat", "declining")


def to_date(value, name="date"):
    """Return ``value`` as a ``date`` (a ``datetime`` is reduced to its date)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise ValueError(f"{name} must be a date, got {value!r}")


def _check_frequency(frequency):
    if frequency not in PERIODS_PER_MONTH:
        known = ", ".join(sorted(PERIODS_PER_MONTH))
        raise ValueError(f"unknown frequency {frequency!r} (expected one of: {known})")
    return frequency


def installment_count(term_months, frequency):
    """Number of paying installments of a loan of ``term_months`` months."""
    check_int(term_months, "term_months", 1)
    return term_months * PERIODS_PER_MONTH[_check_frequency(frequency)]


def due_dates(first_due_date, count, frequency):
    """``count`` meeting dates: ``first_due_date``, then every 7 or 14 days."""
    first_due_date = to_date(first_due_date, "first_due_date")
    check_int(count, "count", 1)
    step = timedelta(days=FREQUENCY_DAYS[_check_frequency(frequency)])
    return [first_due_date + step * index for index in range(count)]


@dataclass(frozen=True)
class Installment:
    """One installment of the schedule: what is due at one repayment meeting."""

    sequence: int
    due_date: date
    principal: Decimal
    interest: Decimal

    @property
    def total(self):
        """Principal plus interest due."""
        return self.principal + self.interest


def _flat_parts(amount, term_months, monthly_rate, paying, grace, digits):
    """Principal and interest per period for flat interest."""
    interest_total = quantize(amount * monthly_rate / 100 * term_months, digits)
    principal = [quantize(0, digits)] * grace + split_evenly(amount, paying, digits)
    interest = split_evenly(interest_total, paying + grace, digits)
    return principal, interest


def level_payment(amount, periodic_rate, periods, digits=2):
    """Level installment (annuity) repaying ``amount`` in ``periods`` at ``periodic_rate``.

    ``periodic_rate`` is a fraction per period (0.01 for 1 %); the result is rounded.
    """
    amount = to_decimal(amount, "amount")
    rate = to_decimal(periodic_rate, "periodic_rate")
    check_int(periods, "periods", 1)
    if rate < 0:
        raise ValueError(f"periodic_rate must be >= 0, got {periodic_rate}")
    if rate == 0:
        return quantize(amount / periods, digits)
    return quantize(amount * rate / (1 - (1 + rate) ** -periods), digits)


def _declining_parts(amount, frequency, monthly_rate, paying, grace, digits):
    """Principal and interest per period for interest on the declining balance."""
    rate = monthly_rate / 100 / PERIODS_PER_MONTH[frequency]
    zero = quantize(0, digits)
    balance = amount
    principal = [zero] * grace
    interest = [quantize(balance * rate, digits) for _index in range(grace)]
    payment = level_payment(amount, rate, paying, digits)
    for index in range(paying):
        period_interest = quantize(balance * rate, digits)
        if index == paying - 1:
            period_principal = balance
        else:
            period_principal = min(max(payment - period_interest, zero), balance)
        principal.append(period_principal)
        interest.append(period_interest)
        balance -= period_principal
    return principal, interest


def build_schedule(
    amount,
    term_months,
    frequency,
    method,
    monthly_rate,
    first_due_date,
    digits=2,
    grace_periods=0,
):
    """Installments of a loan, in order, numbered from 1.

    ``monthly_rate`` is a percentage per month (3 for 3 %). There are
    ``installment_count(term_months, frequency) + grace_periods`` installments; during the
    grace periods no principal is due. The principal parts sum exactly to the (rounded)
    ``amount``; with "flat" the interest parts sum exactly to
    ``quantize(amount * monthly_rate / 100 * term_months)``, spread over all periods.
    """
    check_digits(digits)
    amount = quantize(to_decimal(amount, "amount"), digits)
    if amount <= 0:
        raise ValueError(f"amount must be > 0, got {amount}")
    paying = installment_count(term_months, frequency)
    rate = to_decimal(monthly_rate, "monthly_rate")
    if rate < 0:
        raise ValueError(f"monthly_rate must be >= 0, got {monthly_rate}")
    check_int(grace_periods, "grace_periods", 0)
    if method == "flat":
        principal, interest = _flat_parts(amount, term_months, rate, paying, grace_periods, digits)
    elif method == "declining":
        principal, interest = _declining_parts(
            amount, frequency, rate, paying, grace_periods, digits
        )
    else:
        raise ValueError(f"unknown method {method!r} (expected one of: {', '.join(METHODS)})")
    dates = due_dates(first_due_date, paying + grace_periods, frequency)
    return [
        Installment(sequence, due_date, period_principal, period_interest)
        for sequence, (due_date, period_principal, period_interest) in enumerate(
            zip(dates, principal, interest, strict=True), start=1
        )
    ]


def totals(schedule):
    """Total principal and total interest of ``schedule``."""
    principal = sum((installment.principal for installment in schedule), Decimal(0))
    interest = sum((installment.interest for installment in schedule), Decimal(0))
    return principal, interest
