"""Allocation of a repayment to open installments: oldest first, never more than owed."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from promujer_credit_tools import allocation
from promujer_credit_tools.allocation import Allocation, Due

PROPERTY = settings(max_examples=200, deadline=None, database=None)

D = Decimal
WEEK_1 = Due("week 1", date(2025, 1, 6), D("1.00"), D("7.50"), D("62.50"))
WEEK_2 = Due("week 2", date(2025, 1, 13), D("0.00"), D("7.50"), D("62.50"))


def allocated(key, penalty, interest, principal):
    return Allocation(key, D(penalty), D(interest), D(principal))


def test_installment_by_installment():
    allocations, remainder = allocation.allocate_payment(100, [WEEK_1, WEEK_2])
    assert allocations == [
        allocated("week 1", "1.00", "7.50", "62.50"),
        allocated("week 2", "0.00", "7.50", "21.50"),
    ]
    assert [item.total for item in allocations] == [D("71.00"), D("29.00")]
    assert remainder == D("0.00")


def test_partial_payment_stays_on_the_oldest_installment():
    allocations, remainder = allocation.allocate_payment(40, [WEEK_1, WEEK_2])
    assert allocations == [allocated("week 1", "1.00", "7.50", "31.50")]
    assert remainder == 0


def test_component_by_component_across_installments():
    # Penalties first (1.00), then all interest (15.00), then principal oldest first.
    allocations, remainder = allocation.allocate_payment(
        40, [WEEK_1, WEEK_2], per_installment=False
    )
    assert allocations == [
        allocated("week 1", "1.00", "7.50", "24.00"),
        allocated("week 2", "0.00", "7.50", "0.00"),
    ]
    assert remainder == 0


def test_custom_order_pays_principal_first():
    order = ("principal", "interest", "penalty")
    allocations, remainder = allocation.allocate_payment(65, [WEEK_1, WEEK_2], order=order)
    assert allocations == [allocated("week 1", "0.00", "2.50", "62.50")]
    assert remainder == 0


def test_oldest_due_date_first_whatever_the_input_order():
    allocations, _remainder = allocation.allocate_payment("5", [WEEK_2, WEEK_1])
    assert allocations == [allocated("week 1", "1.00", "4.00", "0.00")]


def test_same_due_date_keeps_input_order():
    first = Due("a", date(2025, 1, 6), 0, 10, 0)
    second = Due("b", date(2025, 1, 6), 0, 10, 0)
    allocations, _remainder = allocation.allocate_payment(15, [second, first])
    assert [item.key for item in allocations] == ["b", "a"]
    assert [item.interest for item in allocations] == [D("10.00"), D("5.00")]


def test_overpayment_is_returned_as_remainder():
    allocations, remainder = allocation.allocate_payment(200, [WEEK_1, WEEK_2])
    assert sum(item.total for item in allocations) == D("141.00")
    assert remainder == D("59.00")


def test_nothing_paid_or_nothing_owed():
    assert allocation.allocate_payment(0, [WEEK_1]) == ([], D("0.00"))
    settled = Due("settled", date(2025, 1, 1), 0, 0, 0)
    assert allocation.allocate_payment("12.5", [settled]) == ([], D("12.50"))
    assert allocation.allocate_payment(10, []) == ([], D("10.00"))


def test_settled_installments_get_no_allocation():
    settled = Due("settled", date(2025, 1, 1), 0, 0, 0)
    allocations, _remainder = allocation.allocate_payment(10, [settled, WEEK_1])
    assert [item.key for item in allocations] == ["week 1"]


def test_amounts_may_be_float_or_str():
    due = Due(("loan", 7), date(2025, 1, 6), 0.1, "0.2", 10)
    allocations, remainder = allocation.allocate_payment(0.35, [due])
    assert allocations == [allocated(("loan", 7), "0.10", "0.20", "0.05")]
    assert remainder == 0


@pytest.mark.parametrize(
    "order",
    [
        ("penalty", "interest"),
        ("penalty", "penalty", "principal"),
        ("penalty", "interest", "principal", "fees"),
        "penalty interest principal",
        None,
    ],
)
def test_order_must_be_a_permutation_of_the_components(order):
    with pytest.raises(ValueError, match="order must be a permutation"):
        allocation.allocate_payment(10, [WEEK_1], order=order)


def test_refuses_bad_input():
    with pytest.raises(ValueError, match="amount must be >= 0"):
        allocation.allocate_payment(-1, [WEEK_1])
    overpaid = Due("overpaid", date(2025, 1, 6), 0, D("-0.50"), 10)
    with pytest.raises(ValueError, match="interest owed on installment 'overpaid' must be >= 0"):
        allocation.allocate_payment(10, [overpaid])
    undated = Due("undated", None, 0, 1, 10)
    with pytest.raises(ValueError, match="due_date of 'undated' must be a date"):
        allocation.allocate_payment(10, [undated])
    with pytest.raises(ValueError, match="digits must be an integer >= 0"):
        allocation.allocate_payment(10, [WEEK_1], digits=-2)
    with pytest.raises(ValueError, match="amount must be a number"):
        allocation.allocate_payment("ten", [WEEK_1])
    unreadable = Due("unreadable", date(2025, 1, 6), "n/a", 1, 10)
    with pytest.raises(ValueError, match="penalty owed on installment 'unreadable' must be a num"):
        allocation.allocate_payment(10, [unreadable])


# properties

owed = st.integers(0, 20000).map(lambda value: D(value).scaleb(-2))
dues_lists = st.lists(st.tuples(st.integers(0, 60), owed, owed, owed), min_size=0, max_size=8).map(
    lambda items: [
        Due(index, date(2025, 1, 6) + timedelta(days=offset), penalty, interest, principal)
        for index, (offset, penalty, interest, principal) in enumerate(items)
    ]
)


@PROPERTY
@given(
    amount=st.integers(0, 300000).map(lambda value: D(value).scaleb(-2)),
    dues=dues_lists,
    order=st.permutations(allocation.COMPONENTS),
    per_installment=st.booleans(),
)
def test_allocation_properties(amount, dues, order, per_installment):
    allocations, remainder = allocation.allocate_payment(
        amount, dues, order=order, per_installment=per_installment
    )
    assert remainder >= 0
    assert sum((item.total for item in allocations), D(0)) + remainder == amount

    by_key = {due.key: due for due in dues}
    oldest_first = sorted(dues, key=lambda due: due.due_date)  # stable: ties in input order
    assert [item.key for item in allocations] == [
        due.key for due in oldest_first if due.key in {item.key for item in allocations}
    ]
    paid = {item.key: item for item in allocations}
    for item in allocations:
        assert item.total > 0
        for component in allocation.COMPONENTS:
            assert 0 <= getattr(item, component) <= getattr(by_key[item.key], component)

    def paid_of(due, component):
        return getattr(paid[due.key], component) if due.key in paid else D(0)

    def settled(due, components):
        return all(paid_of(due, name) == getattr(due, name) for name in components)

    if remainder > 0:
        assert all(settled(due, allocation.COMPONENTS) for due in dues)
    for position, due in enumerate(oldest_first):
        for rank, component in enumerate(order):
            if paid_of(due, component) == 0:
                continue
            if per_installment:
                # Something went to this installment: every older one is settled, and so are
                # its own components that come earlier in the order.
                assert all(settled(older, order) for older in oldest_first[:position])
                assert settled(due, order[:rank])
            else:
                # This component got paid here: earlier components are settled everywhere,
                # and this one on every older installment.
                assert all(settled(other, order[:rank]) for other in oldest_first)
                assert all(settled(older, [component]) for older in oldest_first[:position])
