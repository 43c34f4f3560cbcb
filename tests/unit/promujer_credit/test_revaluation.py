"""Revaluation at the closing rate: revalued balance, difference, gains and losses."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from promujer_credit_tools import revaluation

PROPERTY = settings(max_examples=200, deadline=None, database=None)
D = Decimal


def test_the_demo_portfolio_at_a_new_rate():
    """6,701.10 USD booked at 6.96 is 46,639.66 BOB; at 7.50 it is worth 50,258.25."""
    revalued, difference = revaluation.revalue("6701.10", "46639.66", "7.50")
    assert revalued == D("50258.25")
    assert difference == D("3618.59")


def test_a_savings_balance_loses_when_the_dollar_rises():
    """A credit balance (savings owed to the women) grows in bolivianos: a loss."""
    revalued, difference = revaluation.revalue("-100.00", "-696.00", "7.50")
    assert (revalued, difference) == (D("-750.00"), D("-54.00"))
    assert revaluation.split_gain_loss([difference]) == (D(0), D("54.00"))


def test_rounding_to_the_company_currency_half_up():
    assert revaluation.revalue("0.01", "0", "0.5") == (D("0.01"), D("0.01"))
    assert revaluation.revalue("10", "0", "0.1234", digits=0) == (D("1"), D("1"))


def test_balances_at_the_rate_are_left_out():
    differences = revaluation.revalue_balances(
        [
            ("woman 1", "portfolio", "USD", D("100"), D("750")),
            ("woman 2", "savings", "USD", D("-100"), D("-696")),
            ("bank", "bank", "EUR", D("0"), D("1.25")),
        ],
        {"USD": D("7.5"), "EUR": D("8.1")},
    )
    assert [(d.key, d.revalued, d.difference) for d in differences] == [
        ("woman 2", D("-750.00"), D("-54.00")),
        ("bank", D("0.00"), D("-1.25")),
    ]


def test_the_women_of_an_account_sum_to_the_account_at_the_rate():
    """Three loans of 0.01 USD at 7.5: 0.075 each, 0.225 in all. Rounded one by one they
    would be 0.24; the account at the rate is 0.23, and so are its women together."""
    parts = revaluation.revalue_parts([D("0.01")] * 3, D("7.5"))
    assert sum(parts) == D("0.23")
    assert sorted(parts) == [D("0.07"), D("0.08"), D("0.08")]
    rows = [(n, "portfolio", "USD", D("0.01"), D(0)) for n in range(3)]
    differences = revaluation.revalue_balances(rows, {"USD": D("7.5")})
    assert sum(d.difference for d in differences) == D("0.23")


def test_a_second_run_at_the_same_rate_books_nothing():
    revalued, difference = revaluation.revalue("1234.57", "0", "6.96")
    assert revaluation.revalue("1234.57", revalued, "6.96")[1] == 0
    assert difference == revalued


@pytest.mark.parametrize("factor", ["0", "-1", "abc"])
def test_a_rate_must_be_positive(factor):
    with pytest.raises(ValueError):
        revaluation.revalue("1", "1", factor)


amounts = st.decimals("-1000000", "1000000", places=2)
factors = st.decimals("0.0001", "100", places=6)


@PROPERTY
@given(st.lists(st.tuples(amounts, amounts), max_size=20), factors)
def test_after_booking_every_balance_is_at_the_rate(balances, factor):
    """Booked plus difference is within a unit of each balance at the rate, and the
    account's total is its foreign total at the rate; gain - loss is the total."""
    rows = [
        (n, "portfolio", "USD", foreign, booked) for n, (foreign, booked) in enumerate(balances)
    ]
    differences = revaluation.revalue_balances(rows, {"USD": factor})
    by_key = {d.key: d for d in differences}
    after = []
    for key, _account, _currency, foreign, booked in rows:
        booked_after = booked + (by_key[key].difference if key in by_key else 0)
        assert abs(booked_after - foreign * factor) <= D("0.01")
        after.append(booked_after)
    foreign_total = sum((row[3] for row in rows), D(0))
    assert sum(after, D(0)) == revaluation.revalue(foreign_total, 0, factor)[0]
    gain, loss = revaluation.split_gain_loss(differences)
    assert gain >= 0 and loss >= 0
    assert gain - loss == sum((d.difference for d in differences), D(0))
