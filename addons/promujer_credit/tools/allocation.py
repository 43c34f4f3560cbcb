"""Allocation of what a woman pays at a repayment meeting to her open installments.

The payment goes to the oldest installment first. Within it, the components are paid in
a configurable order (by default penalty, then interest, then principal). Alternatively
one component is paid across all open installments before the next one. What is left
after everything owed is paid is an overpayment, returned as the remainder.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import check_digits, quantize, to_decimal
from .schedule import to_date

__all__ = ["COMPONENTS", "Allocation", "Due", "allocate_payment"]

COMPONENTS = ("penalty", "interest", "principal")


@dataclass(frozen=True)
class Due:
    """What is still owed on one installment (due minus already paid), per component."""

    key: object
    due_date: date
    penalty: Decimal
    interest: Decimal
    principal: Decimal


@dataclass(frozen=True)
class Allocation:
    """The part of a payment applied to one installment, per component."""

    key: object
    penalty: Decimal
    interest: Decimal
    principal: Decimal

    @property
    def total(self):
        """Penalty plus interest plus principal applied."""
        return self.penalty + self.interest + self.principal


def _check_order(order):
    """Return ``order`` as a tuple if it is a permutation of the three components."""
    if not isinstance(order, (list, tuple)) or sorted(order, key=repr) != sorted(
        COMPONENTS, key=repr
    ):
        raise ValueError(f"order must be a permutation of {', '.join(COMPONENTS)}; got {order!r}")
    return tuple(order)


def _owed(due, digits):
    """Components owed on ``due``, rounded; a negative amount is refused."""
    owed = {}
    for component in COMPONENTS:
        name = f"{component} owed on installment {due.key!r}"
        amount = quantize(to_decimal(getattr(due, component), name), digits)
        if amount < 0:
            raise ValueError(f"{component} owed on installment {due.key!r} must be >= 0")
        owed[component] = amount
    return owed


def allocate_payment(
    amount,
    dues,
    order=COMPONENTS,
    per_installment=True,
    digits=2,
):
    """Allocate ``amount`` to ``dues``, oldest due date first (ties: input order).

    ``per_installment=True`` pays each installment's components in ``order`` before the
    next installment; ``False`` pays ``order[0]`` on all installments, then ``order[1]``,
    then ``order[2]``. Never more than owed is allocated. Returns the non-zero allocations,
    oldest installment first, and the unallocated remainder (overpayment, >= 0); their sum
    is exactly ``quantize(amount, digits)``.
    """
    check_digits(digits)
    order = _check_order(order)
    amount = quantize(to_decimal(amount, "amount"), digits)
    if amount < 0:
        raise ValueError(f"amount must be >= 0, got {amount}")
    # list.sort is stable: installments due the same day keep their input order.
    dues = sorted(dues, key=lambda due: to_date(due.due_date, f"due_date of {due.key!r}"))
    owed = [_owed(due, digits) for due in dues]
    zero = quantize(0, digits)
    paid = [dict.fromkeys(COMPONENTS, zero) for _due in dues]
    if per_installment:
        steps = [(index, component) for index in range(len(dues)) for component in order]
    else:
        steps = [(index, component) for component in order for index in range(len(dues))]
    remaining = amount
    for index, component in steps:
        if remaining <= 0:
            break
        applied = min(remaining, owed[index][component])
        paid[index][component] = applied
        remaining -= applied
    allocations = [Allocation(due.key, **amounts) for due, amounts in zip(dues, paid, strict=True)]
    return [allocation for allocation in allocations if allocation.total > 0], remaining
