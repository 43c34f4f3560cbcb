"""The posting plan of a repayment meeting: where every amount of the collection sheet goes.

For each woman: what she pays and what her group or association covers for her is
allocated to her installments (tools/allocation.py), oldest first; what is not owed goes
to her voluntary savings (or prepays her later installments, a setting); her compulsory
and voluntary deposits go to her savings. A cover is split evenly among the women who
cover (the other members of her group, or of her association) and is paid either in cash
or from their compulsory savings (a setting). The plan decides; the meeting's writers
apply it (installments, allocations, savings transactions, covers and the journal entry).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .allocation import Allocation, Due, allocate_payment
from .money import quantize, split_evenly, to_decimal

__all__ = ["Cover", "MemberPayment", "PostingPlan", "plan_meeting"]

COVER_KINDS = ("group", "association")


@dataclass(frozen=True)
class MemberPayment:
    """One line of the collection sheet, as the plan needs it.

    ``key`` and ``partner`` identify the line and the woman; ``coverers`` maps a cover kind
    ("group", "association") to who covers her of that kind; ``dues_now`` are her
    installments due by the meeting's date, ``dues_later`` those due after it (``None``
    when she has no loan: nothing is allocated then)."""

    key: object
    partner: object
    paid: Decimal = Decimal(0)
    covered_by_group: Decimal = Decimal(0)
    covered_by_association: Decimal = Decimal(0)
    savings_deposit: Decimal = Decimal(0)
    voluntary_deposit: Decimal = Decimal(0)
    dues_now: tuple[Due, ...] | None = ()
    dues_later: tuple[Due, ...] = ()
    coverers: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Cover:
    """A share of a woman's shortfall covered by another woman."""

    line: object
    debtor: object
    coverer: object
    amount: Decimal
    kind: str


@dataclass(frozen=True)
class PostingPlan:
    """What a meeting's posting writes. ``savings`` maps (partner, kind) to the amount
    deposited; ``allocations`` are (line key, Allocation) pairs."""

    allocations: tuple[tuple[object, Allocation], ...]
    savings: dict
    covers: tuple[Cover, ...]
    covers_from_savings: bool
    cash: Decimal

    def cover_withdrawals(self):
        """{coverer: amount} withdrawn from each coverer's compulsory savings, net of what
        she deposits in them at this very meeting (which can cover too); empty when covers
        are paid in cash."""
        if not self.covers_from_savings:
            return {}
        withdrawals = defaultdict(Decimal)
        for cover in self.covers:
            withdrawals[cover.coverer] += cover.amount
        return {
            coverer: amount - self.savings.get((coverer, "compulsory"), Decimal(0))
            for coverer, amount in withdrawals.items()
        }

    def paid_per_installment(self):
        """{installment key: (principal, interest, penalty)} allocated by the meeting."""
        paid = defaultdict(lambda: (Decimal(0), Decimal(0), Decimal(0)))
        for _line, alloc in self.allocations:
            principal, interest, penalty = paid[alloc.key]
            paid[alloc.key] = (
                principal + alloc.principal,
                interest + alloc.interest,
                penalty + alloc.penalty,
            )
        return dict(paid)


def _covers(payment, digits):
    covers = []
    for kind in COVER_KINDS:
        amount = quantize(to_decimal(getattr(payment, f"covered_by_{kind}")), digits)
        if not amount:
            continue
        coverers = tuple(payment.coverers.get(kind, ()))
        if not coverers:
            raise ValueError(f"nobody covers line {payment.key!r} ({kind})")
        shares = split_evenly(amount, len(coverers), digits)
        covers += [
            Cover(payment.key, payment.partner, coverer, share, kind)
            for coverer, share in zip(coverers, shares, strict=True)
            if share
        ]
    return covers


def _allocate(payment, order, per_installment, prepay, digits):
    """(allocations, rest) of what she pays and what is covered for her."""
    owed_amount = quantize(
        to_decimal(payment.paid)
        + to_decimal(payment.covered_by_group)
        + to_decimal(payment.covered_by_association),
        digits,
    )
    allocations, rest = allocate_payment(
        owed_amount, list(payment.dues_now), order, per_installment, digits
    )
    if rest and prepay:
        more, rest = allocate_payment(rest, list(payment.dues_later), order, True, digits)
        allocations += more
    return allocations, rest


def plan_meeting(
    payments,
    order=("penalty", "interest", "principal"),
    per_installment=True,
    prepay=False,
    covers_from_savings=False,
    digits=2,
):
    """The posting plan of the collection sheet ``payments`` (MemberPayment).

    ``order``/``per_installment``: how a payment is allocated (tools/allocation.py);
    ``prepay``: an overpayment prepays her later installments instead of going to her
    voluntary savings; ``covers_from_savings``: covers are withdrawn from the coverers'
    compulsory savings instead of paid in cash. Nothing is lost: everything collected is
    allocated, saved or returned as voluntary savings."""
    allocations, covers = [], []
    savings = defaultdict(lambda: quantize(0, digits))
    cash = quantize(0, digits)
    for payment in payments:
        deposits = {
            "compulsory": quantize(to_decimal(payment.savings_deposit), digits),
            "voluntary": quantize(to_decimal(payment.voluntary_deposit), digits),
        }
        cash += quantize(to_decimal(payment.paid), digits) + sum(deposits.values())
        for kind, amount in deposits.items():
            if amount:
                savings[(payment.partner, kind)] += amount
        covers += _covers(payment, digits)
        if payment.dues_now is None:
            continue
        allocated, rest = _allocate(payment, order, per_installment, prepay, digits)
        allocations += [(payment.key, alloc) for alloc in allocated]
        if rest:
            # Never lost: what is not owed goes to her voluntary savings.
            savings[(payment.partner, "voluntary")] += rest
    if not covers_from_savings:
        cash += sum((cover.amount for cover in covers), quantize(0, digits))
    return PostingPlan(
        allocations=tuple(allocations),
        savings=dict(savings),
        covers=tuple(covers),
        covers_from_savings=covers_from_savings,
        cash=cash,
    )
