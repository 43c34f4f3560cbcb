"""Repayment schedules: installments per meeting, flat and declining interest, grace."""

import dataclasses
import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from promujer_credit_tools import money, schedule

PROPERTY = settings(max_examples=200, deadline=None, database=None)

D = Decimal
MONDAY = date(2025, 1, 6)


def rows(installments):
    """(principal, interest) of each installment, as strings, for compact expectations."""
    return [(str(item.principal), str(item.interest)) for item in installments]


# installment_count and due_dates


@pytest.mark.parametrize(
    ("term", "frequency", "expected"),
    [
        (4, "weekly", 16),
        (3, "weekly", 12),
        (8, "weekly", 32),
        (3, "biweekly", 6),
        (1, "biweekly", 2),
    ],
)
def test_installment_count_counts_meetings(term, frequency, expected):
    assert schedule.installment_count(term, frequency) == expected


def test_due_dates_weekly_cross_the_year():
    assert schedule.due_dates(date(2024, 12, 30), 3, "weekly") == [
        date(2024, 12, 30),
        date(2025, 1, 6),
        date(2025, 1, 13),
    ]


def test_due_dates_biweekly_step_fourteen_days_through_a_leap_february():
    assert schedule.due_dates(date(2024, 2, 15), 4, "biweekly") == [
        date(2024, 2, 15),
        date(2024, 2, 29),
        date(2024, 3, 14),
        date(2024, 3, 28),
    ]


def test_due_dates_accept_a_datetime():
    dates = schedule.due_dates(datetime(2025, 1, 6, 18, 30), 2, "weekly")
    assert dates == [date(2025, 1, 6), date(2025, 1, 13)]
    assert all(type(value) is date for value in dates)


# flat interest


def test_flat_1000_at_3_percent_for_4_months_weekly():
    installments = schedule.build_schedule(1000, 4, "weekly", "flat", 3, MONDAY)
    assert len(installments) == 16
    assert rows(installments) == [("62.50", "7.50")] * 16
    assert all(item.total == D("70.00") for item in installments)
    assert [item.sequence for item in installments] == list(range(1, 17))
    assert installments[0].due_date == MONDAY
    assert installments[-1].due_date == MONDAY + timedelta(weeks=15)
    assert schedule.totals(installments) == (D("1000.00"), D("120.00"))


def test_flat_rounding_goes_to_the_last_installment():
    # 1,000 / 12 = 83.333...; interest 750 * 3.1 % * 3 = 69.75, / 12 = 5.8125.
    installments = schedule.build_schedule(1000, 3, "weekly", "flat", "3.1", MONDAY)
    assert [item.principal for item in installments] == [D("83.33")] * 11 + [D("83.37")]
    assert [item.interest for item in installments] == [D("7.75")] * 12
    installments = schedule.build_schedule(750, 3, "weekly", "flat", "3.1", MONDAY)
    assert [item.principal for item in installments] == [D("62.50")] * 12
    assert [item.interest for item in installments] == [D("5.81")] * 11 + [D("5.84")]
    assert schedule.totals(installments) == (D("750.00"), D("69.75"))


def test_flat_grace_periods_pay_interest_only():
    # 120.00 of interest over 18 periods: 6.67 x 17 = 113.39, the last 6.61.
    installments = schedule.build_schedule(1000, 4, "weekly", "flat", 3, MONDAY, grace_periods=2)
    assert len(installments) == 18
    assert rows(installments[:2]) == [("0.00", "6.67")] * 2
    assert rows(installments[2:-1]) == [("62.50", "6.67")] * 15
    assert rows(installments[-1:]) == [("62.50", "6.61")]
    assert installments[-1].due_date == MONDAY + timedelta(weeks=17)
    assert schedule.totals(installments) == (D("1000.00"), D("120.00"))


def test_flat_without_interest():
    installments = schedule.build_schedule(500, 5, "biweekly", "flat", 0, MONDAY)
    assert rows(installments) == [("50.00", "0.00")] * 10


def test_flat_with_zero_digits():
    installments = schedule.build_schedule(1000, 3, "weekly", "flat", 3, MONDAY, digits=0)
    assert [item.principal for item in installments] == [D(83)] * 11 + [D(87)]
    assert [item.interest for item in installments] == [D(8)] * 11 + [D(2)]


# declining balance


def test_declining_1000_at_4_percent_for_2_months_biweekly():
    # r = 4 % / 2 = 2 % a period; payment = 1000 * 0.02 / (1 - 1.02 ** -4) = 262.6238.
    # balance 1000.00 -> interest 20.00, principal 262.62 - 20.00 = 242.62
    # balance  757.38 -> interest 15.1476 = 15.15, principal 247.47
    # balance  509.91 -> interest 10.1982 = 10.20, principal 252.42
    # balance  257.49 -> interest  5.1498 =  5.15, the last takes the whole balance 257.49
    installments = schedule.build_schedule(1000, 2, "biweekly", "declining", 4, MONDAY)
    assert rows(installments) == [
        ("242.62", "20.00"),
        ("247.47", "15.15"),
        ("252.42", "10.20"),
        ("257.49", "5.15"),
    ]
    assert [item.total for item in installments] == [D("262.62")] * 3 + [D("262.64")]
    assert [item.due_date for item in installments] == [
        date(2025, 1, 6),
        date(2025, 1, 20),
        date(2025, 2, 3),
        date(2025, 2, 17),
    ]
    assert schedule.totals(installments) == (D("1000.00"), D("50.50"))


def test_declining_grace_period_pays_interest_on_the_whole_amount():
    installments = schedule.build_schedule(
        1000, 2, "biweekly", "declining", 4, MONDAY, grace_periods=1
    )
    assert rows(installments) == [
        ("0.00", "20.00"),
        ("242.62", "20.00"),
        ("247.47", "15.15"),
        ("252.42", "10.20"),
        ("257.49", "5.15"),
    ]
    assert [item.sequence for item in installments] == [1, 2, 3, 4, 5]


def test_declining_without_interest_is_an_even_split():
    installments = schedule.build_schedule(1000, 3, "weekly", "declining", 0, MONDAY)
    assert [item.principal for item in installments] == [D("83.33")] * 11 + [D("83.37")]
    assert all(item.interest == 0 for item in installments)


def test_level_payment():
    assert schedule.level_payment(1000, D("0.02"), 4) == D("262.62")
    assert schedule.level_payment(1000, 0, 3) == D("333.33")


# inputs


def test_inputs_may_be_float_str_or_decimal():
    expected = schedule.build_schedule(D("1000"), 4, "weekly", "flat", D("3"), MONDAY)
    assert schedule.build_schedule(1000.0, 4, "weekly", "flat", 3.0, MONDAY) == expected
    assert schedule.build_schedule("1000.00", 4, "weekly", "flat", "3", MONDAY) == expected


def test_installment_is_frozen():
    installment = schedule.build_schedule(1000, 4, "weekly", "flat", 3, MONDAY)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        installment.principal = D(0)


def test_totals_of_an_empty_schedule():
    assert schedule.totals([]) == (D(0), D(0))


BASE = {
    "amount": 1000,
    "term_months": 4,
    "frequency": "weekly",
    "method": "flat",
    "monthly_rate": 3,
    "first_due_date": MONDAY,
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"amount": 0}, "amount must be > 0"),
        ({"amount": -100}, "amount must be > 0"),
        ({"amount": "0.004"}, "amount must be > 0"),
        ({"amount": "many"}, "amount must be a number"),
        ({"term_months": 0}, "term_months must be an integer >= 1"),
        ({"term_months": -3}, "term_months must be an integer >= 1"),
        ({"term_months": 2.5}, "term_months must be an integer >= 1"),
        ({"frequency": "monthly"}, "unknown frequency 'monthly'"),
        ({"method": "balloon"}, "unknown method 'balloon'"),
        ({"monthly_rate": -1}, "monthly_rate must be >= 0"),
        ({"monthly_rate": "abc"}, "monthly_rate must be a number"),
        ({"grace_periods": -1}, "grace_periods must be an integer >= 0"),
        ({"digits": -1}, "digits must be an integer >= 0"),
        ({"first_due_date": "2025-01-06"}, "first_due_date must be a date"),
    ],
)
def test_build_schedule_refuses_bad_input(change, message):
    with pytest.raises(ValueError, match=message):
        schedule.build_schedule(**{**BASE, **change})


def test_due_dates_refuse_bad_input():
    with pytest.raises(ValueError, match="count must be an integer >= 1"):
        schedule.due_dates(MONDAY, 0, "weekly")
    with pytest.raises(ValueError, match="unknown frequency 'daily'"):
        schedule.due_dates(MONDAY, 3, "daily")


# properties

loans = st.fixed_dictionaries(
    {
        "amount": st.integers(10000, 100000).map(lambda value: D(value).scaleb(-2)),
        "term_months": st.integers(3, 8),
        "frequency": st.sampled_from(sorted(schedule.FREQUENCY_DAYS)),
        "method": st.sampled_from(schedule.METHODS),
        "monthly_rate": st.integers(0, 600).map(lambda value: D(value).scaleb(-2)),
        "first_due_date": st.dates(date(2020, 1, 1), date(2035, 12, 31)),
        "grace_periods": st.integers(0, 4),
    }
)


@PROPERTY
@given(loan=loans)
def test_schedule_properties(loan):
    installments = schedule.build_schedule(**loan)
    paying = schedule.installment_count(loan["term_months"], loan["frequency"])
    grace = loan["grace_periods"]
    assert len(installments) == paying + grace
    assert [item.sequence for item in installments] == list(range(1, paying + grace + 1))

    principal, interest = schedule.totals(installments)
    assert principal == loan["amount"]
    for item in installments:
        assert item.principal >= 0
        assert item.interest >= 0
        assert item.principal.as_tuple().exponent == -2
        assert item.interest.as_tuple().exponent == -2
    assert all(item.principal == 0 for item in installments[:grace])

    step = timedelta(days=schedule.FREQUENCY_DAYS[loan["frequency"]])
    assert installments[0].due_date == loan["first_due_date"]
    for earlier, later in itertools.pairwise(installments):
        assert later.due_date - earlier.due_date == step

    if loan["method"] == "flat":
        flat = money.quantize(loan["amount"] * loan["monthly_rate"] / 100 * loan["term_months"])
        assert interest == flat
    else:
        balance = loan["amount"]
        for item in installments:
            balance -= item.principal
            assert balance >= 0
        assert balance == 0


@PROPERTY
@given(loan=loans.filter(lambda loan: loan["method"] == "declining"))
def test_declining_installments_are_level(loan):
    installments = schedule.build_schedule(**loan)[loan["grace_periods"] :]
    rate = loan["monthly_rate"] / 100 / schedule.PERIODS_PER_MONTH[loan["frequency"]]
    payment = schedule.level_payment(loan["amount"], rate, len(installments))
    assert {item.total for item in installments[:-1]} == {payment}
    assert abs(installments[-1].total - payment) <= D("0.01") * len(installments)


@PROPERTY
@given(
    first=st.dates(date(2000, 1, 1), date(2090, 12, 31)),
    count=st.integers(1, 40),
    frequency=st.sampled_from(sorted(schedule.FREQUENCY_DAYS)),
)
def test_due_dates_step_exactly(first, count, frequency):
    dates = schedule.due_dates(first, count, frequency)
    assert len(dates) == count
    assert dates[0] == first
    days = schedule.FREQUENCY_DAYS[frequency]
    assert all((later - earlier).days == days for earlier, later in itertools.pairwise(dates))
