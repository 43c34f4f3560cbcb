# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The meeting calendar of the member loans: due dates on the association's meeting day,
moved off the branch's non-working days (the leaves of its resource calendars)."""

from datetime import timedelta

import pytz

from odoo import api, fields, models

from ..tools import calendar


class ResCompany(models.Model):
    _inherit = "res.company"

    def _promujer_non_working_days(self):
        """{branch: frozenset of dates}: the public holidays (leaves without a resource) of
        the working-hours calendar of each branch and of its parents (the institution's
        holidays are on the root's calendar, a branch's own closing days on its own), each
        leave covering the days from its start to its end in its calendar's time zone."""
        calendars = self.parent_ids.resource_calendar_id
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("calendar_id", "in", calendars.ids),
                    ("resource_id", "=", False),
                    ("time_type", "=", "leave"),
                ]
            )
        )
        days_of = {}
        for leave in leaves:
            tz = pytz.timezone(leave.calendar_id.tz or "UTC")
            start = pytz.utc.localize(leave.date_from).astimezone(tz).date()
            stop = pytz.utc.localize(leave.date_to).astimezone(tz).date()
            days = days_of.setdefault(leave.calendar_id, set())
            days.update(start + timedelta(days=n) for n in range((stop - start).days + 1))
        return {
            company: frozenset().union(
                *(days_of.get(cal, ()) for cal in company.parent_ids.resource_calendar_id)
            )
            for company in self
        }


class PromujerLoan(models.Model):
    _inherit = "promujer.loan"

    def _promujer_meeting_calendar(self):
        """{loan: (meeting weekday or None, non-working days)}. ``None`` (no meeting day, or
        the context key ``promujer_natural_due_dates``) keeps the schedule's own dates."""
        natural = self.env.context.get("promujer_natural_due_dates")
        holidays = self.company_id._promujer_non_working_days()
        return {
            loan: (
                None
                if natural or not loan.association_id.meeting_weekday
                else int(loan.association_id.meeting_weekday),
                holidays.get(loan.company_id, frozenset()),
            )
            for loan in self
        }

    def _promujer_on_calendar(self, lines, frequency, meeting_calendar):
        """``lines`` (``schedule.Installment``) moved onto the loan's meeting calendar."""
        self.ensure_one()
        weekday, holidays = meeting_calendar[self]
        if weekday is None:
            return lines
        return calendar.redate_schedule(lines, weekday, frequency, holidays)

    def _promujer_open_schedule(self, last_meetings):
        """(installments in order, how many keep their date): those paid in part or in
        full, and those due by the cycle's last posted meeting, keep theirs."""
        self.ensure_one()
        lines = self.installment_ids.filtered(lambda i: not i.rescheduled).sorted("sequence")
        last = last_meetings.get(self.cycle_id)
        keep = 0
        for index, line in enumerate(lines):
            if line.state != "open" or (last and line.due_date <= last):
                keep = index + 1
        return lines, keep

    def _promujer_redate(self, reason):
        """Move the open installments of these active loans onto their meeting calendar
        (after a holiday was added, or the meeting day changed); amounts do not change.
        Logs the moved dates in each loan's chatter; returns the loans that changed."""
        loans = self.filtered(lambda loan: loan.state == "active")
        if not loans:
            return loans
        groups = self.env["promujer.meeting"]._read_group(
            [("cycle_id", "in", loans.cycle_id.ids), ("state", "=", "posted")],
            ["cycle_id"],
            ["date:max"],
        )
        last_meetings = dict(groups)
        meeting_calendar = loans._promujer_meeting_calendar()
        moves, changed = {}, loans.browse()
        for loan in loans:
            weekday, holidays = meeting_calendar[loan]
            lines, keep = loan._promujer_open_schedule(last_meetings)
            if weekday is None or keep >= len(lines):
                continue
            dates = calendar.redate(
                lines.mapped("due_date"), weekday, loan.cycle_id.frequency, holidays, keep
            )
            moved = [
                (line, day) for line, day in zip(lines, dates, strict=True) if line.due_date != day
            ]
            if not moved:
                continue
            changed |= loan
            loan._promujer_post(loan._promujer_redate_message(reason, moved))
            for line, day in moved:
                moves.setdefault(day, line.browse())
                moves[day] |= line
        for day, lines in moves.items():
            lines._promujer_write({"due_date": day})
        return changed

    def _promujer_redate_message(self, reason, moved):
        return self.env._(
            "Due dates moved (%(reason)s): %(moves)s.",
            reason=reason,
            moves=", ".join(
                f"#{line.sequence} {fields.Date.to_string(line.due_date)} → "
                f"{fields.Date.to_string(day)}"
                for line, day in moved
            ),
        )

    @api.model
    def _promujer_redate_companies(self, companies, days, reason):
        """After non-working ``days`` were added for ``companies`` (and their branches):
        re-date the active loans with an open installment due on one of them."""
        if not companies or not days:
            return self.browse()
        lines = (
            self.env["promujer.loan.installment"]
            .sudo()
            .search(
                [
                    ("company_id", "child_of", companies.ids),
                    ("due_date", "in", sorted(days)),
                    ("state", "=", "open"),
                    ("loan_id.state", "=", "active"),
                ]
            )
        )
        return lines.loan_id._promujer_redate(reason)
