"""Rounding and splitting of money amounts.

A loan amount is split into installments, a group's repayment into the shares of its
members, a fee into the shares of the solidarity groups of an association. Every part is
rounded to the currency (``digits`` decimal places, ROUND_HALF_UP) and the parts always
add up exactly to the total.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "check_digits",
    "check_int",
    "quantize",
    "split_evenly",
    "split_proportionally",
    "to_decimal",
]


def to_decimal(value, name="value"):
    """Return ``value`` (int, float, str or Decimal) as a finite Decimal.

    Floats go through ``str`` so that ``0.1`` becomes ``Decimal("0.1")``.
    """
    if isinstance(value, Decimal):
        result = value
    else:
        try:
            # str() also turns away booleans and None ("True", "None" are not numbers).
            result = Decimal(str(value).strip())
        except (InvalidOperation, ValueError, TypeError):
            raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not result.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return result


def check_int(value, name, minimum=0):
    """Return ``value`` if it is an int (not a bool) >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return value


def check_digits(digits):
    """Return ``digits`` (number of decimal places of the currency) if it is an int >= 0."""
    return check_int(digits, "digits", 0)


def _unit(digits):
    """Smallest amount of the currency (``0.01`` for 2 digits)."""
    return Decimal(1).scaleb(-digits)


def quantize(value, digits=2):
    """Round ``value`` to ``digits`` decimal places, half up (away from zero)."""
    check_digits(digits)
    try:
        result = to_decimal(value).quantize(_unit(digits), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueError(f"value {value!r} is too large for {digits} decimal places") from None
    # Avoid "-0.00", which prints oddly in reports.
    return abs(result) if result.is_zero() else result


def _to_units(amount, digits):
    """Exact integer count of minor units in ``amount`` (already quantized to ``digits``)."""
    sign, coefficient, exponent = amount.as_tuple()
    units = int("".join(map(str, coefficient))) * 10 ** (exponent + digits)
    return -units if sign else units


def _from_units(units, digits):
    """Decimal amount of ``units`` minor units, exactly, with ``digits`` decimal places."""
    sign = 1 if units < 0 else 0
    return Decimal((sign, tuple(int(c) for c in str(abs(units))), -digits))


def split_evenly(total, count, digits=2):
    """Split ``total`` into ``count`` equal rounded parts; the last part absorbs the rest.

    The sum of the parts is exactly ``quantize(total, digits)``. When rounding the equal
    part up would leave the last part with the opposite sign (tiny totals over many parts,
    e.g. 0.13 over 16), the equal parts are rounded toward zero instead.
    """
    check_digits(digits)
    check_int(count, "count", 1)
    total = quantize(to_decimal(total, "total"), digits)
    part = quantize(total / count, digits)
    if abs(part) * (count - 1) > abs(total):
        part = (total / count).quantize(_unit(digits), rounding=ROUND_DOWN)
    part = abs(part) if part.is_zero() else part
    return [part] * (count - 1) + [total - part * (count - 1)]


def _weight_integers(weights):
    """Scale Decimal ``weights`` by a common power of ten into exact integers."""
    tuples = [weight.as_tuple() for weight in weights]
    lowest = min(exponent for _sign, _coefficient, exponent in tuples)
    integers = []
    for _sign, coefficient, exponent in tuples:
        value = int("".join(map(str, coefficient)) or "0")
        integers.append(value * 10 ** (exponent - lowest))
    return integers


def split_proportionally(total, weights, digits=2):
    """Split ``total`` into parts proportional to non-negative ``weights``.

    Largest-remainder method on minor units: every part is the floor of its exact share,
    then the units left over go one each to the largest remainders, ties to the earliest
    index. The parts sum exactly to ``quantize(total, digits)``; a zero weight gets 0.
    A negative total is split on its absolute value and every part negated.
    """
    check_digits(digits)
    weights = [to_decimal(weight, "weight") for weight in weights]
    if not weights:
        raise ValueError("weights must not be empty")
    if any(weight < 0 for weight in weights):
        raise ValueError("weights must be >= 0")
    integers = _weight_integers(weights)
    weight_sum = sum(integers)
    if weight_sum == 0:
        raise ValueError("weights must not all be zero")
    total = quantize(to_decimal(total, "total"), digits)
    units = abs(_to_units(total, digits))
    shares = [divmod(units * weight, weight_sum) for weight in integers]
    parts = [quotient for quotient, _remainder in shares]
    leftover = units - sum(parts)
    by_remainder = sorted(range(len(shares)), key=lambda index: (-shares[index][1], index))
    for index in by_remainder[:leftover]:
        parts[index] += 1
    if total < 0:
        parts = [-part for part in parts]
    return [_from_units(part, digits) for part in parts]
