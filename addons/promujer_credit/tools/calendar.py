"""The meeting calendar: due dates on the association's meeting day, never on a holiday.

An association meets on one weekday (Monday = 0 … Sunday = 6), every week or every other
week. An installment is due at a meeting, so its date falls on that weekday; a date that
falls on a non-working day (a public holiday, a day the branch is closed) moves to the
association's next meeting: the same weekday one step later, a week for a weekly
association and a fortnight for a bi-weekly one, again and again until the day is not a
holiday. The later installments slide with it where they would otherwise fall on the same
date or closer than one step: the order of the schedule and its rhythm are kept, no two
installments share a date and no amount changes (these functions only see dates).

Dates only move forward: an installment is never due earlier than the schedule said.
"""

import dataclasses
from datetime import timedelta

from .money import check_int
from .schedule import FREQUENCY_DAYS, to_date

__all__ = [
    "WEEKDAYS",
    "meeting_due_dates",
    "next_meeting_day",
    "on_weekday",
    "redate",
    "redate_schedule",
]

WEEKDAYS = range(7)


def _check_weekday(weekday):
    if isinstance(weekday, str) and weekday.isdigit():
        weekday = int(weekday)
    check_int(weekday, "weekday", 0)
    if weekday not in WEEKDAYS:
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday}")
    return weekday


def _step(frequency):
    if frequency not in FREQUENCY_DAYS:
        known = ", ".join(sorted(FREQUENCY_DAYS))
        raise ValueError(f"unknown frequency {frequency!r} (expected one of: {known})")
    return timedelta(days=FREQUENCY_DAYS[frequency])


def on_weekday(day, weekday):
    """The first date on or after ``day`` that falls on ``weekday`` (Monday = 0)."""
    day = to_date(day, "day")
    return day + timedelta(days=(_check_weekday(weekday) - day.weekday()) % 7)


def next_meeting_day(day, weekday, frequency, holidays=()):
    """The meeting day for a date due on ``day``: on the meeting weekday (on or after
    ``day``), then one step (a week or a fortnight, per ``frequency``) later as long as
    it is one of ``holidays`` (a collection of dates)."""
    step = _step(frequency)
    holidays = frozenset(holidays)
    meeting = on_weekday(day, weekday)
    while meeting in holidays:
        meeting += step
    return meeting


def redate(dates, weekday, frequency, holidays=(), keep=0):
    """``dates`` (strictly increasing) moved onto the meeting calendar.

    The first ``keep`` dates stay as they are (installments paid or already due); each
    later one goes to the meeting day of its own date or of one step after the date
    before it, whichever is later, skipping ``holidays``. The result has as many dates,
    strictly increasing, each of the later ones on ``weekday`` and not a holiday.
    """
    step = _step(frequency)
    weekday = _check_weekday(weekday)
    check_int(keep, "keep", 0)
    dates = [to_date(day, "due date") for day in dates]
    if any(later <= earlier for earlier, later in zip(dates, dates[1:], strict=False)):
        raise ValueError("due dates must be strictly increasing")
    holidays = frozenset(holidays)
    result = dates[:keep]
    for day in dates[keep:]:
        if result:
            day = max(day, result[-1] + step)
        result.append(next_meeting_day(day, weekday, frequency, holidays))
    return result


def meeting_due_dates(first_due_date, count, frequency, weekday, holidays=()):
    """``count`` due dates of a new schedule: every step from ``first_due_date`` (see
    ``schedule.due_dates``), put on the meeting weekday and off the holidays."""
    check_int(count, "count", 1)
    step = _step(frequency)
    first = to_date(first_due_date, "first_due_date")
    return redate([first + step * n for n in range(count)], weekday, frequency, holidays)


def redate_schedule(installments, weekday, frequency, holidays=(), keep=0):
    """``installments`` (``schedule.Installment``, in order) with their due dates moved by
    :func:`redate`; their numbers and amounts are the same."""
    dates = redate([item.due_date for item in installments], weekday, frequency, holidays, keep)
    return [
        dataclasses.replace(item, due_date=day)
        for item, day in zip(installments, dates, strict=True)
    ]
