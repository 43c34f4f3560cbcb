"""Accrued interest: what a loan earned by a month end and was not paid."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from promujer_credit_tools import accrual

PROPERTY = settings(max_examples=200, deadline=None, database=None)
D = Decimal
Period = accrual.Period


def _weekly(first_start, count, interest):
    """`count` weekly installments of `interest` each, the first starting on `first_start`."""
    return [
        Period(first_start + timedelta(weeks=n), first_start + timedelta(weeks=n + 1), D(interest))
        for n in range(count)
    ]


def test_the_running_period_earns_its_share_of_days():
    """Disbursed on 15 January, weekly: by 31 January the installments of 22 and 29
    January are due (all their interest earned), the one of 5 February has run 2 of its
    7 days, the later ones nothing."""
    periods = _weekly(date(2024, 1, 15), 4, "7.00")
    assert accrual.earned_fraction(date(2024, 1, 29), date(2024, 2, 5), date(2024, 1, 31)) == D(
        2
    ) / D(7)
    result = accrual.accrue(periods, date(2024, 1, 31))
    assert result.total == D("16.00")
    assert result.parts == (D("7.00"), D("7.00"), D("2.00"), D("0.00"))


def test_what_was_paid_is_not_accrued():
    """The two installments due were paid: only the running period's share is accrued."""
    periods = [
        Period(p.start, p.due, p.interest, paid=p.interest if p.due <= date(2024, 1, 31) else 0)
        for p in _weekly(date(2024, 1, 15), 4, "7.00")
    ]
    assert accrual.accrue(periods, date(2024, 1, 31)).total == D("2.00")


def test_interest_paid_ahead_is_not_accrued_twice():
    """A prepaid installment was income when paid: nothing more, and never negative."""
    period = Period(date(2024, 1, 29), date(2024, 2, 5), D("7.00"), paid=D("7.00"))
    assert accrual.accrue([period], date(2024, 1, 31)).parts == (D("0.00"),)


def test_carried_interest_is_earned_from_the_start():
    period = Period(date(2024, 3, 1), date(2024, 3, 31), D("40.00"), carried=D("10.00"))
    # 10 carried + 30 x 10 days / 30.
    assert accrual.accrue([period], date(2024, 3, 11)).total == D("20.00")


def test_before_the_disbursement_nothing_is_earned():
    assert accrual.accrue(_weekly(date(2024, 2, 1), 3, "5"), date(2024, 1, 31)).total == D("0.00")


def test_rounding_to_the_currency_and_parts_sum_exactly():
    """1/3 of 1.00 and 2/3 of 1.00 are 0.333... and 0.666...: 1.00 in all."""
    periods = [
        Period(date(2024, 1, 1), date(2024, 1, 4), D("1.00")),
        Period(date(2024, 1, 2), date(2024, 1, 5), D("1.00")),
    ]
    result = accrual.accrue(periods, date(2024, 1, 3))
    assert result.total == D("1.00")
    assert sum(result.parts) == result.total
    assert accrual.accrue(periods, date(2024, 1, 3), digits=0).total == D("1")


def test_the_non_accrual_rule():
    assert not accrual.is_non_accrual(90, 90)
    assert accrual.is_non_accrual(91, 90)
    assert not accrual.is_non_accrual(0, 0)


@pytest.mark.parametrize(
    "bad",
    [
        lambda: accrual.earned_fraction("2024-01-01", date(2024, 1, 2), date(2024, 1, 1)),
        lambda: accrual.accrue([Period(date(2024, 1, 1), date(2024, 1, 2), D(-1))], date.today()),
        lambda: accrual.accrue(
            [Period(date(2024, 1, 1), date(2024, 1, 2), D(1), paid=D(-1))], date.today()
        ),
        lambda: accrual.accrue(
            [Period(date(2024, 1, 1), date(2024, 1, 2), D(1), carried=D(2))], date.today()
        ),
        lambda: accrual.accrue([], date.today(), digits=-1),
        lambda: accrual.is_non_accrual(True, 90),
        lambda: accrual.is_non_accrual(10, -1),
    ],
)
def test_bad_input_is_refused(bad):
    with pytest.raises(ValueError):
        bad()


@st.composite
def _loans(draw):
    start = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 400)))
    count = draw(st.integers(1, 24))
    step = draw(st.sampled_from([7, 14, 30]))
    cents = draw(st.lists(st.integers(0, 100_000), min_size=count, max_size=count))
    periods = [
        Period(
            start + timedelta(days=step * n),
            start + timedelta(days=step * (n + 1)),
            D(c) / 100,
            paid=D(draw(st.integers(0, c))) / 100,
        )
        for n, c in enumerate(cents)
    ]
    as_of = start + timedelta(days=draw(st.integers(-10, step * (count + 1))))
    return periods, as_of


@PROPERTY
@given(_loans())
def test_parts_sum_to_the_total_and_stay_within_what_is_owed(loan):
    periods, as_of = loan
    result = accrual.accrue(periods, as_of)
    assert sum(result.parts) == result.total
    assert all(part >= 0 for part in result.parts)
    assert result.total <= sum(p.interest - p.paid for p in periods)
    for period, part in zip(periods, result.parts, strict=True):
        if as_of <= period.start:
            assert part == 0
        # Within a cent of its own exact share.
        exact = max(accrual.earned_interest(period, as_of) - period.paid, D(0))
        assert abs(part - exact) < D("0.01")


@PROPERTY
@given(_loans(), st.integers(1, 60))
def test_a_later_date_never_accrues_less_before_payments(loan, days):
    periods, as_of = loan
    unpaid = [Period(p.start, p.due, p.interest) for p in periods]
    earlier = accrual.accrue(unpaid, as_of).total
    assert accrual.accrue(unpaid, as_of + timedelta(days=days)).total >= earlier
