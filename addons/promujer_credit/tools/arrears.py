"""Arrears of loans: days late, aging and loan-loss provisioning.

A loan is late from the due date of its oldest unpaid installment. Its outstanding
principal is aged into buckets of days late, provisioned at a percentage that grows with
the delay (rescheduled loans never below a minimum), and counted in the portfolio at risk,
PAR(X): the share of the outstanding portfolio more than X days late or rescheduled.
"""

from decimal import Decimal

from .money import check_int, quantize, to_decimal
from .schedule import to_date

__all__ = [
    "DEFAULT_AGING_LIMITS",
    "DEFAULT_PROVISION_BUCKETS",
    "PAR_THRESHOLDS",
    "aging_bounds",
    "aging_bucket",
    "bucket_of",
    "check_buckets",
    "days_late",
    "par_ratio",
    "provision_rate",
    "required_provision",
]

# (min_days, max_days or None for no upper limit, percent provisioned)
DEFAULT_PROVISION_BUCKETS = (
    (0, 0, 0),
    (1, 30, 10),
    (31, 60, 25),
    (61, 90, 50),
    (91, 180, 75),
    (181, 365, 90),
    (366, None, 100),
)
DEFAULT_AGING_LIMITS = (0, 30, 60, 90, 180, 365)
# The portfolio-at-risk thresholds the reports show: PAR 1, 7, 30 and 90 (days late).
PAR_THRESHOLDS = (1, 7, 30, 90)


def _check_days(days, name="days"):
    return check_int(days, name, 0)


def _check_percent(value, name):
    percent = to_decimal(value, name)
    if not 0 <= percent <= 100:
        raise ValueError(f"{name} must be between 0 and 100, got {value}")
    return percent


def days_late(oldest_unpaid_due_date, as_of):
    """Days between the oldest unpaid due date and ``as_of``; 0 if none or not yet due."""
    as_of = to_date(as_of, "as_of")
    if oldest_unpaid_due_date is None:
        return 0
    due_date = to_date(oldest_unpaid_due_date, "oldest_unpaid_due_date")
    return max((as_of - due_date).days, 0)


def check_buckets(buckets):
    """Buckets sorted by min_days, checked to cover 0 to infinity without gap or overlap."""
    try:
        buckets = sorted(
            (
                (low, high, _check_percent(percent, "bucket percent"))
                for low, high, percent in buckets
            ),
            key=lambda bucket: bucket[0],
        )
    except (TypeError, ValueError) as error:
        raise ValueError(f"invalid provision buckets: {error}") from None
    expected_low = 0
    for position, (low, high, _percent) in enumerate(buckets):
        if low != expected_low or isinstance(low, bool):
            raise ValueError(
                f"provision buckets must cover all days without gap or overlap: "
                f"expected a bucket starting at {expected_low}, got {low!r}"
            )
        is_last = position == len(buckets) - 1
        if high is None:
            if not is_last:
                raise ValueError("only the last provision bucket may have no upper limit")
            return buckets
        _check_days(high, "bucket max_days")
        if high < low:
            raise ValueError(f"provision bucket ({low}, {high}) ends before it starts")
        expected_low = high + 1
    raise ValueError("the last provision bucket must have no upper limit (max_days None)")


def provision_rate(
    days,
    buckets=DEFAULT_PROVISION_BUCKETS,
    rescheduled=False,
    rescheduled_min_rate=25,
):
    """Percent of the outstanding to provision for a loan ``days`` late.

    A rescheduled loan is provisioned at least at ``rescheduled_min_rate`` percent.
    """
    minimum = _check_percent(rescheduled_min_rate, "rescheduled_min_rate")
    rate = bucket_of(days, buckets)[2]
    return max(rate, minimum) if rescheduled else rate


def bucket_of(days, buckets=DEFAULT_PROVISION_BUCKETS):
    """The (min_days, max_days or None, percent) bucket of a loan ``days`` late."""
    _check_days(days)
    for low, high, percent in check_buckets(buckets):
        if low <= days and (high is None or days <= high):
            return low, high, percent
    raise ValueError(f"no provision bucket holds {days} days")  # pragma: no cover


def required_provision(
    outstanding,
    days,
    buckets=DEFAULT_PROVISION_BUCKETS,
    rescheduled=False,
    rescheduled_min_rate=25,
    digits=2,
):
    """Loan-loss provision for ``outstanding`` principal of a loan ``days`` late, rounded."""
    outstanding = to_decimal(outstanding, "outstanding")
    if outstanding < 0:
        raise ValueError(f"outstanding must be >= 0, got {outstanding}")
    rate = provision_rate(days, buckets, rescheduled, rescheduled_min_rate)
    return quantize(outstanding * rate / 100, digits)


def aging_bounds(limits=DEFAULT_AGING_LIMITS):
    """The aging buckets of ``limits`` as (min_days, max_days or None), in order.

    ``limits`` are the increasing upper bounds of the buckets; the first bucket holds the
    days up to ``limits[0]`` ("current"), the last the days over ``limits[-1]``.
    """
    limits = tuple(limits)
    if not limits:
        raise ValueError("limits must not be empty")
    for limit in limits:
        _check_days(limit, "aging limit")
    if any(limits[index] <= limits[index - 1] for index in range(1, len(limits))):
        raise ValueError(f"aging limits must be strictly increasing, got {limits}")
    lows = (0,) + tuple(limit + 1 for limit in limits)
    return tuple(zip(lows, limits + (None,), strict=True))


def aging_bucket(days, limits=DEFAULT_AGING_LIMITS):
    """Aging label of a loan ``days`` late: "current", "1-30", ..., "over 365"."""
    _check_days(days)
    bounds = aging_bounds(limits)
    for position, (low, high) in enumerate(bounds):
        if high is None:
            return f"over {low - 1}"
        if days <= high:
            return "current" if position == 0 else f"{low}-{high}"
    raise ValueError(f"no aging bucket holds {days} days")  # pragma: no cover


def par_ratio(loans, threshold_days):
    """Portfolio at risk PAR(threshold_days), as an unrounded ratio between 0 and 1.

    ``loans`` yields ``(outstanding, days_late, rescheduled)``. At risk are the loans more
    than ``threshold_days`` late or rescheduled; 0 when nothing is outstanding.
    """
    _check_days(threshold_days, "threshold_days")
    at_risk = total = Decimal(0)
    for outstanding, late, rescheduled in loans:
        outstanding = to_decimal(outstanding, "outstanding")
        if outstanding < 0:
            raise ValueError(f"outstanding must be >= 0, got {outstanding}")
        _check_days(late, "days_late")
        total += outstanding
        if late > threshold_days or rescheduled:
            at_risk += outstanding
    if total == 0:
        return Decimal(0)
    return at_risk / total
