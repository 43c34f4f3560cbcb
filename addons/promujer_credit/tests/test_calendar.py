# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from odoo.tests import tagged

from .common import PromujerCreditCommon


@tagged("post_install", "-at_install")
class TestMeetingCalendar(PromujerCreditCommon):
    """Due dates on the association's meeting day, moved off the branch's holidays."""

    def _amounts(self, cycle):
        lines = cycle.loan_ids.installment_ids
        return sorted((i.id, i.principal_due, i.interest_due) for i in lines)

    def _holiday(self, day, company=None):
        calendar = (company or self.root).resource_calendar_id
        calendar.tz = "UTC"
        return self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": calendar.id,
                "date_from": datetime.combine(day, datetime.min.time()),
                "date_to": datetime.combine(day, datetime.max.time()).replace(microsecond=0),
            }
        )

    def _tie_out(self):
        _totals, differences = self.env["promujer.ledger.check"]._tie_out(self.root)
        self.assertFalse(differences)

    def test_due_dates_fall_on_the_meeting_weekday(self):
        # Disbursed on Monday 15 January 2024; the association meets on Wednesdays.
        cycle = self._disbursed_cycle(self._create_association(meeting_weekday="2"))
        self.assertEqual(cycle.first_due_date, date(2024, 1, 24))
        lines = cycle.loan_ids[0].installment_ids.sorted("sequence")
        self.assertEqual(len(lines), 16)
        self.assertEqual(
            {d.weekday() for d in cycle.loan_ids.installment_ids.mapped("due_date")}, {2}
        )
        self.assertEqual(
            lines.mapped("due_date"), [date(2024, 1, 24) + timedelta(weeks=n) for n in range(16)]
        )

    def test_the_default_monday_keeps_the_schedule_dates(self):
        cycle = self._disbursed_cycle()
        lines = cycle.loan_ids[0].installment_ids.sorted("sequence")
        self.assertEqual(lines[0].due_date, date(2024, 1, 22))
        self.assertEqual(lines[-1].due_date, date(2024, 5, 6))

    def test_a_holiday_at_disbursement_is_skipped(self):
        self._holiday(date(2024, 2, 5))
        cycle = self._disbursed_cycle()
        dates = cycle.loan_ids[0].installment_ids.sorted("sequence").mapped("due_date")
        self.assertNotIn(date(2024, 2, 5), dates)
        self.assertEqual(dates[:3], [date(2024, 1, 22), date(2024, 1, 29), date(2024, 2, 12)])

    def test_a_holiday_added_after_disbursement_moves_the_due_date_it_hits(self):
        cycle = self._disbursed_cycle()
        loan = cycle.loan_ids[0]
        amounts = self._amounts(cycle)
        before = loan.installment_ids.sorted("sequence").mapped("due_date")
        # On the last due date: that one moves a week, nothing else.
        self._holiday(before[-1], company=self.branch_a)
        after = loan.installment_ids.sorted("sequence").mapped("due_date")
        self.assertEqual(after, before[:-1] + [before[-1] + timedelta(weeks=1)])
        self.assertEqual(self._amounts(cycle), amounts)
        self.assertIn("Due dates moved", loan.message_ids[0].body)
        # Earlier, on the institution's calendar: that one and those after slide a meeting.
        self._holiday(before[4])
        moved = loan.installment_ids.sorted("sequence").mapped("due_date")
        self.assertEqual(moved[:4], before[:4])
        self.assertEqual(moved[4], before[5])
        self.assertNotIn(before[4], moved)
        self.assertEqual(len(set(moved)), 16)
        self.assertEqual(self._amounts(cycle), amounts)
        self.assertEqual(loan.maturity_date, before[-1] + timedelta(weeks=2))
        self._tie_out()

    def test_a_holiday_of_another_branch_moves_nothing(self):
        cycle = self._disbursed_cycle()
        before = cycle.loan_ids.installment_ids.mapped("due_date")
        self._holiday(date(2024, 2, 5), company=self.branch_b)
        self.assertEqual(cycle.loan_ids.installment_ids.mapped("due_date"), before)

    def test_a_new_meeting_day_moves_the_open_installments_only(self):
        cycle = self._disbursed_cycle()
        association = cycle.association_id
        amounts = self._amounts(cycle)
        self._meeting(cycle, date(2024, 1, 22)).action_post()
        self._meeting(cycle, date(2024, 1, 29)).action_post()
        lines = cycle.loan_ids.installment_ids
        paid = lines.filtered(lambda i: i.state == "paid")
        self.assertTrue(paid)
        paid_dates = {line: line.due_date for line in paid}
        association.meeting_weekday = "3"
        for line, day in paid_dates.items():
            self.assertEqual(line.due_date, day)
        open_lines = lines - paid
        self.assertTrue(open_lines)
        self.assertEqual({d.weekday() for d in open_lines.mapped("due_date")}, {3})
        first_open = open_lines.filtered(lambda i: i.sequence == 3)
        self.assertEqual(set(first_open.mapped("due_date")), {date(2024, 2, 8)})
        self.assertEqual(self._amounts(cycle), amounts)
        self.assertIn("Meeting day now", association.message_ids[0].body)
        self._tie_out()
