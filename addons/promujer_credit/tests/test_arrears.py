# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import PromujerDisbursedCommon


@tagged("post_install", "-at_install")
class TestArrears(PromujerDisbursedCommon):
    def setUp(self):
        super().setUp()
        self.Loan = self.env["promujer.loan"]

    def _loan(self, index):
        return self.cycle.loan_ids.filtered(lambda loan: loan.partner_id == self.members[index])

    def test_days_late_set_based(self):
        # Woman 0 pays nothing at the first meeting; the others pay.
        self._meeting(self.cycle, date(2024, 1, 22), {0: {"amount_paid": 0.0}}).action_post()
        self.Loan._update_arrears(date(2024, 2, 1))
        self.assertEqual(self._loan(0).days_late, 10)  # 22 January unpaid
        self.assertEqual(self._loan(1).days_late, 3)  # 29 January unpaid
        self.Loan._update_arrears(date(2024, 1, 22))
        self.assertEqual(self._loan(1).days_late, 0)
        self.assertEqual(self._loan(0).max_days_late, 10)

    def test_the_daily_run_counts_days_in_the_institutions_timezone(self):
        """The scheduled action runs as OdooBot, in Europe/Brussels by Odoo's data. At
        23:30 UTC on 1 February it is already 2 February there, and still 1 February in
        La Paz, the timezone of the institution's working hours: the days late are those
        of 1 February."""
        self._meeting(self.cycle, date(2024, 1, 22), {0: {"amount_paid": 0.0}}).action_post()
        cron = self._cron_in_la_paz("promujer_credit.ir_cron_update_arrears")
        with freeze_time("2024-02-01 23:30:00"):
            self.assertEqual(
                fields.Date.context_today(self.Loan.with_user(cron.user_id)), date(2024, 2, 2)
            )
            cron.method_direct_trigger()
        self.assertEqual(self._loan(0).days_late, 10)  # 22 January unpaid
        self.assertEqual(self._loan(1).days_late, 3)  # 29 January unpaid
        with freeze_time("2024-02-02 04:30:00"):  # 00:30 on 2 February in La Paz
            cron.method_direct_trigger()
        self.assertEqual(self._loan(1).days_late, 4)

    def test_the_run_of_some_branches_leaves_the_others_alone(self):
        """The daily run works institution by institution (each in its own timezone):
        the days late and penalties of other branches' loans are not touched."""
        self.root.write({"promujer_penalty_rate": 5.0, "promujer_penalty_grace_days": 3})
        branch = self.cycle.company_id
        other = (self.branch_a | self.branch_b) - branch
        self.Loan._update_arrears(date(2024, 2, 1), other)
        self.assertEqual(set(self.cycle.loan_ids.mapped("days_late")), {0})
        self.assertFalse(any(self.cycle.loan_ids.installment_ids.mapped("penalty_due")))
        self.Loan._update_arrears(date(2024, 2, 1), branch)
        self.assertEqual(set(self.cycle.loan_ids.mapped("days_late")), {10})
        self.assertTrue(any(self.cycle.loan_ids.installment_ids.mapped("penalty_due")))

    def test_the_monthly_provisioning_is_dated_in_the_institutions_timezone(self):
        """At 23:30 UTC on 29 February it is 1 March in Brussels, OdooBot's timezone, and
        still 29 February in La Paz: the month's provisioning is February's."""
        cron = self._cron_in_la_paz("promujer_credit.ir_cron_monthly_provisioning")
        with freeze_time("2024-02-29 23:30:00"):
            cron.method_direct_trigger()
        run = self.env["promujer.provision.run"].search([("company_id", "=", self.root.id)])
        self.assertRecordValues(run, [{"date": date(2024, 2, 29), "state": "posted"}])

    def test_late_penalty(self):
        self.root.write({"promujer_penalty_rate": 5.0, "promujer_penalty_grace_days": 3})
        self.Loan._update_arrears(date(2024, 1, 25))  # within the grace days
        first = self._loan(0).installment_ids.sorted("sequence")[0]
        self.assertEqual(first.penalty_due, 0.0)
        self.Loan._update_arrears(date(2024, 1, 26))
        self.assertRecordValues(
            first, [{"penalty_due": 0.7, "amount_due": 14.7, "amount_residual": 14.7}]
        )
        self.Loan._update_arrears(date(2024, 2, 26))  # charged once only
        self.assertEqual(first.penalty_due, 0.7)
        meeting = self._meeting(self.cycle, date(2024, 1, 29))
        line = meeting.line_ids.filtered(lambda line: line.partner_id == self.members[0])
        # The second installment (due 29 January) got its penalty on 26 February too.
        self.assertAlmostEqual(line.amount_due, 14.7 + 14.7, 2)

    def test_provisioning_posts_the_difference_and_is_idempotent(self):
        self._meeting(self.cycle, date(2024, 1, 22), {0: {"amount_paid": 0.0}}).action_post()
        self.Loan._update_arrears(date(2024, 2, 25))  # woman 0: 34 days; the others: 27 days
        Run = self.env["promujer.provision.run"].with_user(self.accountant)
        run = Run.create({"company_id": self.root.id, "date": date(2024, 2, 25)})
        run.action_post()
        # 24 loans of 187.50 at 10% (1-30 days) + 200 at 25% (31-60 days)
        required = 24 * 18.75 + 50.0
        self.assertEqual(required, 500.0)
        self.assertRecordValues(
            run, [{"required_total": required, "allowance_before": 0.0, "adjustment": required}]
        )
        allowance = self.chart.ref("promujer_account_allowance")
        expense = self.chart.ref("promujer_account_provision_expense")
        self.assertRecordValues(
            run.move_id.line_ids.sorted("balance"),
            [
                {"account_id": allowance.id, "debit": 0.0, "credit": required},
                {"account_id": expense.id, "debit": required, "credit": 0.0},
            ],
        )
        again = Run.create({"company_id": self.root.id, "date": date(2024, 2, 25)})
        again.action_post()
        self.assertRecordValues(again, [{"adjustment": 0.0, "move_id": False}])
        self.assertAlmostEqual(-self._balance(allowance), required, 2)

        # Later everyone is late more: only the difference is booked.
        self.Loan._update_arrears(date(2024, 3, 20))
        later = Run.create({"company_id": self.root.id, "date": date(2024, 3, 20)})
        later.action_post()
        self.assertAlmostEqual(later.allowance_before, required, 2)
        self.assertAlmostEqual(later.required_total, 25 * 0.25 * 187.5 + 0.25 * 12.5, 2)
        self.assertAlmostEqual(later.move_id.amount_total, later.required_total - required, 2)
        self.assertAlmostEqual(-self._balance(allowance), later.required_total, 2)

    def test_only_accountants_post_provisioning(self):
        run = self.env["promujer.provision.run"].create(
            {"company_id": self.root.id, "date": date(2024, 3, 1)}
        )
        self.assertCallRefused(
            UserError,
            "Only accountants post the provisioning",
            run.with_user(self.manager).action_post,
        )

    def test_write_off_against_the_allowance_and_recovery(self):
        loan = self._loan(0)
        self.assertCallRefused(
            UserError,
            "0 days late; loans are written off after 180",
            loan.with_user(self.manager).action_write_off,
        )
        self.Loan._update_arrears(date(2024, 9, 1))
        self.assertCallRefused(
            UserError,
            "Only a branch manager can write off",
            loan.with_user(self.officer).action_write_off,
        )
        action = loan.with_user(self.manager).action_write_off()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"date": date(2024, 9, 2), "reason": "Left the region."})
        )
        proposal = self.env["promujer.loan.proposal"].browse(wizard.action_write_off()["res_id"])
        # Proposed, not booked: a credit administrator other than the proposer approves.
        self.assertRecordValues(loan, [{"state": "active", "write_off_move_id": False}])
        self.assertTakenOnlyBy(
            proposal, "approve", self.admin, [self.manager], "only a credit administrator approves"
        )
        self.assertRecordValues(
            proposal,
            [
                {
                    "state": "approved",
                    "proposed_by_id": self.manager.id,
                    "decided_by_id": self.admin.id,
                }
            ],
        )
        allowance = self.chart.ref("promujer_account_allowance")
        self.assertRecordValues(loan, [{"state": "written_off", "write_off_amount": 200.0}])
        self.assertRecordValues(
            loan.write_off_move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.account_portfolio.id,
                    "partner_id": loan.partner_id.id,
                    "debit": 0.0,
                    "credit": 200.0,
                },
                {"account_id": allowance.id, "partner_id": False, "debit": 200.0, "credit": 0.0},
            ],
        )
        # The portfolio in the ledger is the loans not written off.
        self.assertAlmostEqual(
            self._balance(self.account_portfolio),
            sum(
                self.cycle.loan_ids.filtered(lambda loan: loan.state != "written_off").mapped(
                    "principal_outstanding"
                )
            ),
            2,
        )
        recovery = (
            self.env["promujer.loan.recovery"]
            .with_user(self.manager)
            .create({"loan_id": loan.id, "amount": 30.0, "date": date(2024, 10, 1)})
        )
        recovery.action_post()
        income = self.chart.ref("promujer_account_recovery_income")
        self.assertAlmostEqual(-self._balance(income), 30.0, 2)
        self.assertEqual(loan.recovered_amount, 30.0)

    def test_reschedule(self):
        self._meeting(self.cycle, date(2024, 1, 22)).action_post()
        loan = self._loan(0)
        action = loan.with_user(self.manager).action_reschedule()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create(
                {
                    "term_months": 6,
                    "grace_periods": 2,
                    "date": date(2024, 1, 23),
                    "first_due_date": date(2024, 1, 29),
                    "reason": "Her market stall burned.",
                }
            )
        )
        proposal = self.env["promujer.loan.proposal"].browse(wizard.action_reschedule()["res_id"])
        self.assertRecordValues(loan, [{"state": "active", "reschedule_count": 0}])
        proposal.with_user(self.admin).action_approve()
        self.assertRecordValues(loan, [{"state": "rescheduled", "reschedule_count": 1}])
        self.assertEqual(loan.principal_outstanding, 187.5)
        new = loan.installment_ids.filtered(lambda i: not i.rescheduled and i.sequence > 16)
        self.assertEqual(new[0].due_date, date(2024, 1, 29))
        self.assertEqual(len(new), 6 * 4 + 2)
        self.assertEqual(sum(new[:2].mapped("principal_due")), 0.0)
        self.assertAlmostEqual(sum(new.mapped("principal_due")), 187.5, 2)
        # The old unpaid installments are closed; the portfolio in the ledger is unchanged.
        self.assertFalse(
            loan.installment_ids.filtered(lambda i: i.sequence <= 16 and i.state != "paid")
        )
        self.assertAlmostEqual(self._balance(self.account_portfolio, loan.partner_id), 187.5, 2)
        self.assertCallRefused(
            UserError,
            "Only a branch manager can reschedule",
            loan.with_user(self.officer).action_reschedule,
        )

    def test_consolidation_needs_three_clean_cycles(self):
        self.assertCallRefused(
            UserError,
            "has closed 0 cycles; 3 are needed",
            self.association.with_user(self.manager).action_consolidate,
        )
        # Three cycles repaid on time, one of them with a woman 10 days late.
        for number in range(3):
            cycle = (
                self.cycle
                if number == 0
                else self._disbursed_cycle(self.association, amounts=[200.0] * 25)
            )
            meeting = self._meeting(cycle, cycle.first_due_date)
            meeting.line_ids.write({"amount_paid": 224.0, "savings_deposit": 0.0})
            if number == 1:
                self.Loan._update_arrears(
                    cycle.first_due_date.replace(day=cycle.first_due_date.day)
                )
            meeting.action_post()
            cycle.action_close()
        self.association.with_user(self.manager).action_consolidate()
        self.assertEqual(self.association.state, "consolidated")
        self.assertEqual(self.association.repayment_frequency, "biweekly")

    def test_consolidation_refused_after_arrears(self):
        self.root.promujer_consolidation_cycles = 1
        self.Loan._update_arrears(date(2024, 2, 1))  # everyone 10 days late
        meeting = self._meeting(self.cycle, date(2024, 2, 1))
        meeting.line_ids.write({"amount_paid": 224.0, "savings_deposit": 0.0})
        meeting.action_post()
        self.cycle.action_close()
        self.assertCallRefused(
            UserError,
            "were more than 7 days late",
            self.association.with_user(self.manager).action_consolidate,
        )
