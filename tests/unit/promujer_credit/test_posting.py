"""The posting plan of a repayment meeting: allocations, savings, covers, cash."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from promujer_credit_tools.allocation import Due
from promujer_credit_tools.posting import MemberPayment, plan_meeting

PROPERTY = settings(max_examples=200, deadline=None, database=None)
D = Decimal
MEETING = date(2025, 3, 10)


def due(key, weeks_ago=0, principal="10.00", interest="2.00", penalty="0"):
    return Due(key, MEETING - timedelta(weeks=weeks_ago), D(penalty), D(interest), D(principal))


def test_a_payment_is_allocated_oldest_installment_first():
    plan = plan_meeting(
        [MemberPayment("L1", "ana", paid=D("15.00"), dues_now=(due("i2", 0), due("i1", 1)))]
    )
    assert [(line, a.key, a.interest, a.principal) for line, a in plan.allocations] == [
        ("L1", "i1", D("2.00"), D("10.00")),
        ("L1", "i2", D("2.00"), D("1.00")),
    ]
    assert plan.paid_per_installment()["i2"] == (D("1.00"), D("2.00"), D("0"))
    assert plan.savings == {}
    assert plan.cash == D("15.00")


def test_what_is_not_owed_goes_to_her_voluntary_savings_or_prepays():
    payment = MemberPayment(
        "L1",
        "ana",
        paid=D("20.00"),
        savings_deposit=D("3.00"),
        dues_now=(due("i1"),),
        dues_later=(due("i2", -1),),
    )
    saved = plan_meeting([payment])
    assert saved.savings == {("ana", "compulsory"): D("3.00"), ("ana", "voluntary"): D("8.00")}
    prepaid = plan_meeting([payment], prepay=True)
    assert prepaid.savings == {("ana", "compulsory"): D("3.00")}
    assert [a.key for _line, a in prepaid.allocations] == ["i1", "i2"]
    assert prepaid.allocations[1][1].total == D("8.00")
    assert saved.cash == prepaid.cash == D("23.00")


def test_a_cover_is_split_evenly_and_paid_in_cash_or_from_savings():
    payment = MemberPayment(
        "L1",
        "ana",
        covered_by_group=D("10.00"),
        dues_now=(due("i1"),),
        coverers={"group": ("bea", "cris", "dora")},
    )
    deposit = MemberPayment("L2", "bea", savings_deposit=D("5.00"), dues_now=None)
    cash = plan_meeting([payment, deposit])
    assert [(c.coverer, c.amount) for c in cash.covers] == [
        ("bea", D("3.33")),
        ("cris", D("3.33")),
        ("dora", D("3.34")),
    ]
    assert sum(c.amount for c in cash.covers) == D("10.00")
    assert cash.cash == D("15.00") and cash.cover_withdrawals() == {}
    savings = plan_meeting([payment, deposit], covers_from_savings=True)
    assert savings.cash == D("5.00")
    # What Bea deposits at this very meeting covers too.
    assert savings.cover_withdrawals() == {
        "bea": D("-1.67"),
        "cris": D("3.33"),
        "dora": D("3.34"),
    }


def test_nothing_is_allocated_without_a_loan_and_a_cover_needs_someone():
    plan = plan_meeting([MemberPayment("L1", "ana", voluntary_deposit=D("7.00"), dues_now=None)])
    assert plan.allocations == () and plan.savings == {("ana", "voluntary"): D("7.00")}
    with pytest.raises(ValueError, match="nobody covers line 'L1'"):
        plan_meeting([MemberPayment("L1", "ana", covered_by_association=D("1.00"))])


cents = st.integers(min_value=0, max_value=5000).map(lambda n: D(n) / 100)


@st.composite
def sheets(draw):
    payments = []
    for index in range(draw(st.integers(1, 8))):
        dues = tuple(
            due(f"i{index}-{n}", draw(st.integers(-2, 4)), draw(cents), draw(cents), draw(cents))
            for n in range(draw(st.integers(0, 4)))
        )
        payments.append(
            MemberPayment(
                f"L{index}",
                f"w{index}",
                paid=draw(cents),
                covered_by_group=draw(cents) if draw(st.booleans()) else D(0),
                savings_deposit=draw(cents),
                voluntary_deposit=draw(cents),
                dues_now=tuple(d for d in dues if d.due_date <= MEETING),
                dues_later=tuple(d for d in dues if d.due_date > MEETING),
                coverers={"group": ("x", "y")},
            )
        )
    return payments


@PROPERTY
@given(sheets(), st.booleans(), st.booleans())
def test_nothing_collected_is_lost(payments, prepay, from_savings):
    plan = plan_meeting(payments, prepay=prepay, covers_from_savings=from_savings)
    allocated = sum((a.total for _line, a in plan.allocations), D(0))
    saved = sum(plan.savings.values(), D(0))
    covered = sum((c.amount for c in plan.covers), D(0))
    collected = plan.cash + (covered if from_savings else D(0))
    assert allocated + saved == collected
    assert covered == sum((p.covered_by_group for p in payments), D(0))
