"""The meeting calendar: due dates on the meeting weekday, off the holidays, in order."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from promujer_credit_tools import calendar, schedule

PROPERTY = settings(max_examples=200, deadline=None, database=None)

MONDAY = date(2024, 1, 22)


# on_weekday and next_meeting_day


@pytest.mark.parametrize(
    ("day", "weekday", "expected"),
    [
        (MONDAY, 0, MONDAY),
        (MONDAY, 2, date(2024, 1, 24)),
        (date(2024, 1, 24), 0, date(2024, 1, 29)),
        (date(2024, 12, 31), 6, date(2025, 1, 5)),
        (datetime(2024, 1, 22, 18, 30), "1", date(2024, 1, 23)),
    ],
)
def test_on_weekday_is_the_first_meeting_day_on_or_after(day, weekday, expected):
    assert calendar.on_weekday(day, weekday) == expected


def test_a_holiday_moves_a_weekly_meeting_a_week_and_a_biweekly_one_a_fortnight():
    holidays = {MONDAY}
    assert calendar.next_meeting_day(MONDAY, 0, "weekly", holidays) == date(2024, 1, 29)
    assert calendar.next_meeting_day(MONDAY, 0, "biweekly", holidays) == date(2024, 2, 5)


def test_consecutive_holidays_are_all_skipped():
    holidays = {MONDAY, date(2024, 1, 29)}
    assert calendar.next_meeting_day(MONDAY, 0, "weekly", holidays) == date(2024, 2, 5)


def test_a_holiday_on_another_weekday_does_not_move_the_meeting():
    assert calendar.next_meeting_day(MONDAY, 0, "weekly", {date(2024, 1, 23)}) == MONDAY


# redate and meeting_due_dates


def test_a_schedule_already_on_the_meeting_day_keeps_its_dates():
    dates = schedule.due_dates(MONDAY, 16, "weekly")
    assert calendar.meeting_due_dates(MONDAY, 16, "weekly", 0) == dates


def test_a_holiday_slides_the_installment_it_hits_and_those_after():
    dates = schedule.due_dates(MONDAY, 4, "weekly")
    assert calendar.redate(dates, 0, "weekly", {date(2024, 2, 5)}) == [
        date(2024, 1, 22),
        date(2024, 1, 29),
        date(2024, 2, 12),
        date(2024, 2, 19),
    ]


def test_a_holiday_on_the_last_due_date_moves_that_one_only():
    dates = schedule.due_dates(MONDAY, 4, "weekly")
    assert calendar.redate(dates, 0, "weekly", {dates[-1]}) == [
        *dates[:-1],
        dates[-1] + timedelta(days=7),
    ]


def test_a_new_meeting_day_moves_the_open_dates_forward_and_keeps_the_paid_ones():
    dates = schedule.due_dates(MONDAY, 4, "biweekly")
    assert calendar.redate(dates, 3, "biweekly", keep=2) == [
        date(2024, 1, 22),
        date(2024, 2, 5),
        date(2024, 2, 22),
        date(2024, 3, 7),
    ]


def test_an_earlier_weekday_goes_to_the_next_week_never_back():
    dates = [date(2024, 1, 24), date(2024, 1, 31)]
    assert calendar.redate(dates, 0, "weekly") == [date(2024, 1, 29), date(2024, 2, 5)]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: calendar.on_weekday(MONDAY, 7), "weekday must be 0"),
        (lambda: calendar.on_weekday(MONDAY, -1), "weekday must be an integer >= 0"),
        (lambda: calendar.next_meeting_day(MONDAY, 0, "daily"), "unknown frequency 'daily'"),
        (lambda: calendar.redate([MONDAY, MONDAY], 0, "weekly"), "strictly increasing"),
        (lambda: calendar.meeting_due_dates(MONDAY, 0, "weekly", 0), "count must be"),
    ],
)
def test_bad_arguments_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# properties

weekdays = st.integers(0, 6)
frequencies = st.sampled_from(sorted(schedule.FREQUENCY_DAYS))
first_dates = st.dates(date(2020, 1, 1), date(2035, 12, 31))
# Holidays near the schedule: offsets in days from its first due date.
holiday_offsets = st.sets(st.integers(-7, 400), max_size=40)


def _holidays(first, offsets):
    return {first + timedelta(days=offset) for offset in offsets}


@PROPERTY
@given(
    first=first_dates,
    count=st.integers(1, 40),
    frequency=frequencies,
    weekday=weekdays,
    offsets=holiday_offsets,
)
def test_due_dates_are_on_the_meeting_weekday_never_on_a_holiday_increasing_and_settled(
    first, count, frequency, weekday, offsets
):
    holidays = _holidays(first, offsets)
    dates = calendar.meeting_due_dates(first, count, frequency, weekday, holidays)
    assert len(dates) == count
    assert all(day.weekday() == weekday for day in dates)
    assert not set(dates) & holidays
    assert all(later > earlier for earlier, later in zip(dates, dates[1:], strict=False))
    assert dates[0] >= first
    step = schedule.FREQUENCY_DAYS[frequency]
    gaps = [(later - earlier).days for earlier, later in zip(dates, dates[1:], strict=False)]
    assert all(gap >= step for gap in gaps)
    # Settled: redating them again with the same calendar changes nothing.
    assert calendar.redate(dates, weekday, frequency, holidays) == dates


@PROPERTY
@given(
    first=first_dates,
    term=st.integers(3, 8),
    frequency=frequencies,
    method=st.sampled_from(schedule.METHODS),
    weekday=weekdays,
    offsets=holiday_offsets,
    keep=st.integers(0, 40),
)
def test_a_holiday_shift_changes_no_amount_and_no_kept_date(
    first, term, frequency, method, weekday, offsets, keep
):
    installments = schedule.build_schedule(300, term, frequency, method, 3, first)
    keep = min(keep, len(installments))
    holidays = _holidays(first, offsets)
    moved = calendar.redate_schedule(installments, weekday, frequency, holidays, keep)
    assert [(i.sequence, i.principal, i.interest) for i in moved] == [
        (i.sequence, i.principal, i.interest) for i in installments
    ]
    assert schedule.totals(moved) == schedule.totals(installments)
    assert [i.due_date for i in moved[:keep]] == [i.due_date for i in installments[:keep]]
    later = moved[keep:]
    assert all(i.due_date.weekday() == weekday and i.due_date not in holidays for i in later)
    assert all(new.due_date >= old.due_date for new, old in zip(moved, installments, strict=False))
    dates = [i.due_date for i in moved]
    assert all(b > a for a, b in zip(dates, dates[1:], strict=False))


@PROPERTY
@given(first=first_dates, count=st.integers(2, 30), frequency=frequencies, hit=st.data())
def test_a_holiday_moves_nothing_before_the_date_it_hits(first, count, frequency, hit):
    weekday = first.weekday()
    dates = calendar.meeting_due_dates(first, count, frequency, weekday)
    index = hit.draw(st.integers(0, count - 1))
    moved = calendar.redate(dates, weekday, frequency, {dates[index]})
    assert moved[:index] == dates[:index]
    assert moved[index] == dates[index] + timedelta(days=schedule.FREQUENCY_DAYS[frequency])
