"""Arrears: days late, aging buckets, loan-loss provisions and portfolio at risk."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from promujer_credit_tools import arrears

PROPERTY = settings(max_examples=200, deadline=None, database=None)

D = Decimal
AS_OF = date(2025, 3, 31)


# days_late


@pytest.mark.parametrize(
    ("oldest_unpaid", "expected"),
    [
        (None, 0),
        (date(2025, 4, 7), 0),  # not yet due
        (AS_OF, 0),  # due today is not late
        (date(2025, 3, 30), 1),
        (date(2025, 3, 1), 30),
        (date(2024, 2, 29), 396),  # through a leap year
        (datetime(2025, 3, 21, 23, 59), 10),
    ],
)
def test_days_late(oldest_unpaid, expected):
    assert arrears.days_late(oldest_unpaid, AS_OF) == expected


def test_days_late_refuses_what_is_not_a_date():
    with pytest.raises(ValueError, match="as_of must be a date"):
        arrears.days_late(None, "2025-03-31")
    with pytest.raises(ValueError, match="oldest_unpaid_due_date must be a date"):
        arrears.days_late("2025-03-01", AS_OF)


# provision_rate and required_provision


@pytest.mark.parametrize(
    ("days", "percent"),
    [
        (0, 0),
        (1, 10),
        (30, 10),
        (31, 25),
        (60, 25),
        (61, 50),
        (90, 50),
        (91, 75),
        (180, 75),
        (181, 90),
        (365, 90),
        (366, 100),
        (10_000, 100),
    ],
)
def test_provision_rate_by_days_late(days, percent):
    rate = arrears.provision_rate(days)
    assert isinstance(rate, Decimal)
    assert rate == percent


@pytest.mark.parametrize(
    ("days", "minimum", "percent"),
    [(0, 25, 25), (15, 25, 25), (45, 25, 25), (100, 25, 75), (0, 50, 50), (400, 50, 100)],
)
def test_rescheduled_loans_have_a_minimum_rate(days, minimum, percent):
    rate = arrears.provision_rate(days, rescheduled=True, rescheduled_min_rate=minimum)
    assert rate == percent
    assert arrears.provision_rate(0, rescheduled=False, rescheduled_min_rate=minimum) == 0


def test_custom_buckets_in_any_order():
    buckets = [(8, None, 100), (0, 7, "12.5")]
    assert arrears.provision_rate(7, buckets) == D("12.5")
    assert arrears.provision_rate(8, buckets) == 100


@pytest.mark.parametrize(
    ("buckets", "message"),
    [
        ([], "last provision bucket must have no upper limit"),
        ([(0, 30, 0), (31, 60, 50)], "last provision bucket must have no upper limit"),
        ([(1, None, 100)], "expected a bucket starting at 0, got 1"),
        ([(0, 10, 0), (12, None, 100)], "expected a bucket starting at 11, got 12"),
        ([(0, 10, 0), (10, None, 100)], "expected a bucket starting at 11, got 10"),
        ([(0, None, 0), (0, None, 100)], "only the last provision bucket"),
        ([(0, 5, 0), (6, 3, 10), (7, None, 100)], "ends before it starts"),
        ([(0, None, 101)], "bucket percent must be between 0 and 100"),
        ([(0, None)], "invalid provision buckets"),
    ],
)
def test_buckets_must_cover_all_days(buckets, message):
    with pytest.raises(ValueError, match=message):
        arrears.provision_rate(5, buckets)


@pytest.mark.parametrize(
    ("outstanding", "days", "rescheduled", "expected"),
    [
        (1000, 45, False, "250.00"),
        ("333.33", 15, False, "33.33"),
        ("0.05", 10, False, "0.01"),  # 0.005 rounds half up
        (800, 0, False, "0.00"),
        (800, 0, True, "200.00"),
        (0, 400, False, "0.00"),
    ],
)
def test_required_provision(outstanding, days, rescheduled, expected):
    provision = arrears.required_provision(outstanding, days, rescheduled=rescheduled)
    assert provision == D(expected)
    assert provision.as_tuple().exponent == -2


def test_provision_refuses_bad_input():
    with pytest.raises(ValueError, match="days must be an integer >= 0"):
        arrears.provision_rate(-1)
    with pytest.raises(ValueError, match="rescheduled_min_rate must be between 0 and 100"):
        arrears.provision_rate(0, rescheduled=True, rescheduled_min_rate=120)
    with pytest.raises(ValueError, match="outstanding must be >= 0"):
        arrears.required_provision(-5, 10)
    with pytest.raises(ValueError, match="digits must be an integer >= 0"):
        arrears.required_provision(5, 10, digits=-1)


# aging_bucket


@pytest.mark.parametrize(
    ("days", "label"),
    [
        (0, "current"),
        (1, "1-30"),
        (30, "1-30"),
        (31, "31-60"),
        (60, "31-60"),
        (61, "61-90"),
        (90, "61-90"),
        (91, "91-180"),
        (180, "91-180"),
        (181, "181-365"),
        (365, "181-365"),
        (366, "over 365"),
    ],
)
def test_aging_bucket(days, label):
    assert arrears.aging_bucket(days) == label


def test_aging_bucket_with_custom_limits():
    limits = (0, 7, 14)
    assert [arrears.aging_bucket(days, limits) for days in (0, 1, 7, 8, 14, 15)] == [
        "current",
        "1-7",
        "1-7",
        "8-14",
        "8-14",
        "over 14",
    ]


def test_aging_bucket_refuses_bad_input():
    with pytest.raises(ValueError, match="days must be an integer >= 0"):
        arrears.aging_bucket(-3)
    with pytest.raises(ValueError, match="strictly increasing"):
        arrears.aging_bucket(3, (0, 30, 30))
    with pytest.raises(ValueError, match="limits must not be empty"):
        arrears.aging_bucket(3, ())


# par_ratio

PORTFOLIO = [
    (D("1000"), 0, False),
    (D("500"), 31, False),  # late
    (D("500"), 10, True),  # rescheduled: at risk whatever the delay
    (D("400"), 30, False),  # exactly 30 days is not "more than 30"
]


def test_par_30():
    assert arrears.par_ratio(PORTFOLIO, 30) == D(1000) / D(2400)


def test_par_0_counts_every_late_loan():
    assert arrears.par_ratio(PORTFOLIO, 0) == D(1400) / D(2400)


def test_par_is_not_rounded():
    ratio = arrears.par_ratio([(1, 40, False), (2, 0, False)], 30)
    assert ratio == D(1) / D(3)
    assert len(ratio.as_tuple().digits) > 10


def test_par_of_an_empty_portfolio_is_zero():
    assert arrears.par_ratio([], 30) == 0
    assert arrears.par_ratio([(0, 90, False)], 30) == 0


def test_par_accepts_a_generator_and_floats():
    loans = ((amount, days, False) for amount, days in [(100.5, 45), (100.5, 0)])
    assert arrears.par_ratio(loans, 30) == D("0.5")


def test_par_refuses_bad_input():
    with pytest.raises(ValueError, match="outstanding must be >= 0"):
        arrears.par_ratio([(-1, 0, False)], 30)
    with pytest.raises(ValueError, match="threshold_days must be an integer >= 0"):
        arrears.par_ratio([], -1)
    with pytest.raises(ValueError, match="days_late must be an integer >= 0"):
        arrears.par_ratio([(10, -2, False)], 30)


# properties

days = st.integers(0, 2000)


@PROPERTY
@given(fewer=days, more=days, rescheduled=st.booleans())
def test_provision_grows_with_days_late(fewer, more, rescheduled):
    fewer, more = sorted((fewer, more))
    low = arrears.provision_rate(fewer, rescheduled=rescheduled)
    high = arrears.provision_rate(more, rescheduled=rescheduled)
    assert 0 <= low <= high <= 100
    if rescheduled:
        assert low >= 25


@PROPERTY
@given(
    loans=st.lists(
        st.tuples(
            st.integers(0, 100000).map(lambda value: D(value).scaleb(-2)), days, st.booleans()
        ),
        max_size=20,
    ),
    lower=st.integers(0, 400),
    higher=st.integers(0, 400),
)
def test_par_is_a_share_that_falls_with_the_threshold(loans, lower, higher):
    lower, higher = sorted((lower, higher))
    par_lower = arrears.par_ratio(loans, lower)
    par_higher = arrears.par_ratio(loans, higher)
    assert 0 <= par_higher <= par_lower <= 1
