"""Rounding and splitting of amounts: half up, and parts that always add up to the total."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from promujer_credit_tools import money

PROPERTY = settings(max_examples=200, deadline=None, database=None)

D = Decimal


def cents(low, high):
    """Amounts with two decimals between ``low`` and ``high`` (given in cents)."""
    return st.integers(low, high).map(lambda value: D(value).scaleb(-2))


# quantize


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (D("2.675"), 2, D("2.68")),
        (2.675, 2, D("2.68")),  # through str(): a float would round this down
        ("0.005", 2, D("0.01")),
        ("-0.005", 2, D("-0.01")),
        ("1.2345", 3, D("1.235")),
        (2.5, 0, D("3")),
        (7, 2, D("7.00")),
        (D("0.1") + D("0.2"), 2, D("0.30")),
    ],
)
def test_quantize_rounds_half_up(value, digits, expected):
    result = money.quantize(value, digits)
    assert result == expected
    assert result.as_tuple().exponent == -digits


def test_quantize_never_returns_negative_zero():
    assert str(money.quantize("-0.001")) == "0.00"


@pytest.mark.parametrize("bad", ["abc", "", None, True, "NaN", float("inf"), [1]])
def test_quantize_refuses_what_is_not_a_number(bad):
    with pytest.raises(ValueError, match="must be a .*number"):
        money.quantize(bad)


@pytest.mark.parametrize("digits", [-1, 1.5, "2", None])
def test_quantize_refuses_bad_digits(digits):
    with pytest.raises(ValueError, match="digits must be an integer >= 0"):
        money.quantize(1, digits)


# split_evenly


@pytest.mark.parametrize(
    ("total", "count", "expected"),
    [
        (100, 3, ["33.33", "33.33", "33.34"]),
        (200, 3, ["66.67", "66.67", "66.66"]),  # the last part can also be the smaller one
        (1000, 16, ["62.50"] * 16),
        (1000, 12, ["83.33"] * 11 + ["83.37"]),
        ("45.5", 1, ["45.50"]),
        (-100, 3, ["-33.33", "-33.33", "-33.34"]),
        (0, 4, ["0.00"] * 4),
    ],
)
def test_split_evenly_last_part_absorbs_rounding(total, count, expected):
    assert money.split_evenly(total, count) == [D(value) for value in expected]


def test_split_evenly_never_leaves_the_last_part_negative():
    # 0.13 / 16 = 0.008 would round up to 0.01, leaving 0.13 - 0.15 = -0.02 for the last
    # part: the equal parts are rounded down instead.
    assert money.split_evenly("0.13", 16) == [D("0.00")] * 15 + [D("0.13")]


def test_split_evenly_refuses_a_total_that_is_not_a_number():
    with pytest.raises(ValueError, match="total must be a number"):
        money.split_evenly("lots", 3)


def test_split_evenly_with_zero_digits():
    assert money.split_evenly(100, 3, digits=0) == [D(33), D(33), D(34)]


@pytest.mark.parametrize("count", [0, -2, 2.0, True])
def test_split_evenly_refuses_bad_count(count):
    with pytest.raises(ValueError, match="count must be an integer >= 1"):
        money.split_evenly(100, count)


@PROPERTY
@given(total=cents(-(10**7), 10**7), count=st.integers(1, 60))
def test_split_evenly_parts_add_up(total, count):
    parts = money.split_evenly(total, count)
    assert len(parts) == count
    assert sum(parts) == total
    assert len(set(parts[:-1])) <= 1
    assert all(part * total >= 0 for part in parts)  # same sign as the total, or zero
    assert all(part.as_tuple().exponent == -2 for part in parts)


# split_proportionally


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (10, [300, 200, 500], ["3.00", "2.00", "5.00"]),
        (100, [1, 1, 1], ["33.34", "33.33", "33.33"]),  # tie: the earliest gets the cent
        (100, [1] * 7, ["14.29"] * 4 + ["14.28"] * 3),
        (1, [1, 2, 3], ["0.17", "0.33", "0.50"]),  # 16 r4, 33 r2, 50 r0: cent to the first
        (10, ["0.5", 0.25, 0], ["6.67", "3.33", "0.00"]),
        (-10, [D("0.5"), D("0.25"), 0], ["-6.67", "-3.33", "0.00"]),
        (0, [1, 2], ["0.00", "0.00"]),
        ("0.03", [0, 5, 0], ["0.00", "0.03", "0.00"]),
    ],
)
def test_split_proportionally_largest_remainder(total, weights, expected):
    assert money.split_proportionally(total, weights) == [D(value) for value in expected]


def test_split_proportionally_with_three_digits():
    assert money.split_proportionally(1, [1, 1, 1], digits=3) == [
        D("0.334"),
        D("0.333"),
        D("0.333"),
    ]


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([], "weights must not be empty"),
        ([0, 0], "weights must not all be zero"),
        ([1, -1], "weights must be >= 0"),
        ([1, "x"], "weight must be a number"),
    ],
)
def test_split_proportionally_refuses_bad_weights(weights, message):
    with pytest.raises(ValueError, match=message):
        money.split_proportionally(100, weights)


@PROPERTY
@given(
    total=cents(-(10**7), 10**7),
    weights=st.lists(
        st.integers(0, 10**6).map(lambda value: D(value).scaleb(-3)), min_size=1, max_size=30
    ).filter(any),
)
def test_split_proportionally_parts_add_up(total, weights):
    parts = money.split_proportionally(total, weights)
    assert len(parts) == len(weights)
    assert sum(parts) == total
    weight_sum = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - total * weight / weight_sum) < D("0.01")
        if weight == 0:
            assert part == 0
        assert part * total >= 0
