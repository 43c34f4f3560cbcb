"""Revaluation of foreign-currency balances at the closing rate (the cumulative method).

An account carries, per currency (and per woman on the portfolio and savings accounts),
a balance in the foreign currency and its booked equivalent in the company's currency.
At the closing rate the foreign balance is worth ``revalued``; the run books the
difference with what is booked, so that after it the booked equivalent equals the
foreign balance at that rate. Each run starts from what is booked, whatever the earlier
runs did: nothing is reversed at the start of the next month.

Amounts are signed as the General Ledger signs them: debit positive, credit negative.
"""

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from .money import check_digits, quantize, to_decimal

__all__ = ["Difference", "revalue", "revalue_balances", "revalue_parts", "split_gain_loss"]


@dataclass(frozen=True)
class Difference:
    """One balance revalued: ``key`` identifies it (account, currency, partner)."""

    key: object
    amount_currency: Decimal
    booked: Decimal
    revalued: Decimal
    difference: Decimal


def revalue(amount_currency, booked, factor, digits=2):
    """(revalued, difference) of a foreign balance ``amount_currency`` whose booked
    company-currency equivalent is ``booked``, at ``factor`` company-currency units per
    foreign unit, rounded to the company's currency (``digits``)."""
    digits = check_digits(digits)
    factor = to_decimal(factor, "factor")
    if factor <= 0:
        raise ValueError(f"factor must be positive, got {factor!r}")
    revalued = quantize(to_decimal(amount_currency, "amount_currency") * factor, digits)
    booked = quantize(to_decimal(booked, "booked"), digits)
    return revalued, revalued - booked


def revalue_parts(amounts, factor, digits=2):
    """The revalued amounts of the foreign balances ``amounts`` of one account (one per
    woman), at ``factor``: each within one minor unit of its own value at the rate, and
    summing exactly to the account's foreign total at the rate, rounded (the largest
    remainders take the units the rounding down leaves)."""
    digits = check_digits(digits)
    factor = to_decimal(factor, "factor")
    if factor <= 0:
        raise ValueError(f"factor must be positive, got {factor!r}")
    exact = [to_decimal(amount, "amount_currency") * factor for amount in amounts]
    total = quantize(sum(exact, Decimal(0)), digits)
    unit = Decimal(1).scaleb(-digits)
    parts = [value.quantize(unit, rounding=ROUND_FLOOR) for value in exact]
    missing = int((total - sum(parts, Decimal(0))) / unit)
    by_remainder = sorted(range(len(exact)), key=lambda n: (parts[n] - exact[n], n))
    for index in by_remainder[:missing]:
        parts[index] += unit
    return parts


def revalue_balances(balances, factors, digits=2):
    """The differences to book for ``balances``: (key, account, currency,
    amount_currency, booked) tuples (a key per woman of an account, or one per account),
    ``factors`` mapping each currency to its factor. The balances of an account and
    currency are revalued together (:func:`revalue_parts`): after booking, the account's
    balance is its foreign total at the rate. Balances already at the rate (a zero
    difference) are left out."""
    groups = {}
    for row in balances:
        groups.setdefault((row[1], row[2]), []).append(row)
    differences = []
    for (_account, currency), rows in groups.items():
        parts = revalue_parts([row[3] for row in rows], factors[currency], digits)
        for (key, _a, _c, amount_currency, booked), revalued in zip(rows, parts, strict=True):
            booked = quantize(to_decimal(booked, "booked"), digits)
            if revalued != booked:
                differences.append(
                    Difference(
                        key, to_decimal(amount_currency), booked, revalued, revalued - booked
                    )
                )
    return differences


def split_gain_loss(differences):
    """(gain, loss) of ``differences`` (Difference or amounts): the total of the
    positive ones (the exchange gain, credited to income) and of the negative ones as a
    positive amount (the loss, debited to expense). gain - loss is their sum, exactly."""
    gain = loss = Decimal(0)
    for item in differences:
        amount = item.difference if isinstance(item, Difference) else to_decimal(item)
        if amount > 0:
            gain += amount
        else:
            loss -= amount
    return gain, loss
