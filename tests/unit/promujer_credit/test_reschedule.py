"""What a rescheduling keeps: the interest and penalties owed, carried into the new
schedule with parts that add up exactly and are never negative."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from promujer_credit_tools import reschedule, schedule

PROPERTY = settings(max_examples=200, deadline=None, database=None)

D = Decimal


def cents(low, high):
    return st.integers(low, high).map(lambda value: D(value).scaleb(-2))


def _schedule(count):
    return schedule.build_schedule(
        amount=D("187.50"),
        term_months=1,
        frequency="weekly",
        method="flat",
        monthly_rate=3,
        first_due_date=date(2024, 4, 1),
        grace_periods=count - 4,
    )


def test_owed_counts_interest_due_by_the_date_and_every_penalty():
    rows = [
        (date(2024, 1, 22), "1.50", "1.50", "0", "0"),  # paid
        (date(2024, 1, 29), "1.50", "0.50", "0.40", "0"),  # late, partly paid
        (date(2024, 2, 5), "1.50", "0", "0.30", "0.10"),  # due on the day
        (date(2024, 2, 12), "1.50", "0", "0", "0"),  # not due yet: replaced
    ]
    owed = reschedule.owed(rows, date(2024, 2, 5))
    assert owed == reschedule.Owed(D("2.50"), D("0.60"))
    assert owed.total == D("3.10")


def test_owed_never_negative_when_overpaid():
    rows = [(date(2024, 1, 22), "1.00", "1.20", "0", "0.05")]
    assert reschedule.owed(rows, date(2024, 2, 1)) == reschedule.Owed(D("0.00"), D("0.00"))


def test_carry_spreads_evenly_last_takes_the_rounding():
    carried = reschedule.carry(_schedule(6), reschedule.Owed(D("1.00"), D("0.05")))
    assert [line.interest_carried for line in carried] == [D("0.17")] * 5 + [D("0.15")]
    assert [line.penalty_carried for line in carried] == [D("0.01")] * 5 + [D("0.00")]
    assert carried[0].interest == carried[0].installment.interest + D("0.17")


def test_carry_refuses_negative_and_empty():
    with pytest.raises(ValueError, match="owed interest"):
        reschedule.carry(_schedule(4), reschedule.Owed(D("-0.01"), D("0")))
    with pytest.raises(ValueError, match="no installments"):
        reschedule.carry([], reschedule.Owed(D("1"), D("0")))


@PROPERTY
@given(interest=cents(0, 500_000), penalty=cents(0, 50_000), count=st.integers(4, 60))
def test_carried_parts_sum_exactly_and_never_negative(interest, penalty, count):
    carried = reschedule.carry(_schedule(count), reschedule.Owed(interest, penalty))
    assert len(carried) == count
    assert sum(line.interest_carried for line in carried) == interest
    assert sum(line.penalty_carried for line in carried) == penalty
    assert all(line.interest_carried >= 0 and line.penalty_carried >= 0 for line in carried)


@PROPERTY
@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 60),
            cents(0, 10_000),
            cents(0, 10_000),
            cents(0, 1_000),
            cents(0, 1_000),
        ),
        max_size=30,
    ),
    day=st.integers(0, 60),
)
def test_owed_never_negative_and_at_most_what_was_asked(rows, day):
    start = date(2024, 1, 1).toordinal()
    installments = [(date.fromordinal(start + d), i, ip, p, pp) for d, i, ip, p, pp in rows]
    owed = reschedule.owed(installments, date.fromordinal(start + day))
    assert owed.interest >= 0 and owed.penalty >= 0
    assert owed.interest <= sum((row[1] for row in rows), D(0))
    assert owed.penalty <= sum((row[3] for row in rows), D(0))
