# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.tests import tagged

from .common import PromujerCreditCommon


@tagged("post_install", "-at_install")
class TestTwoCyclesScenario(PromujerCreditCommon):
    """One association through two cycles, then the General Ledger against the suite."""

    def _weekly_meetings(self, cycle, weeks, lines_for_week):
        for week in range(weeks):
            when = cycle.first_due_date + timedelta(days=7 * week)
            self.env["promujer.loan"]._update_arrears(when)
            meeting = self._meeting(cycle, when, lines_for_week(week, when))
            meeting.action_post()

    def _provision(self, when):
        self.env["promujer.loan"]._update_arrears(when)
        run = (
            self.env["promujer.provision.run"]
            .with_user(self.accountant)
            .create({"company_id": self.root.id, "date": when})
        )
        run.action_post()
        return run

    def _wizard(self, action, user, values):
        return (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create(values)
        )

    def test_ledger_ties_to_the_suite(self):
        self.root.write({"promujer_penalty_rate": 2.0, "promujer_penalty_grace_days": 3})
        association = self._create_association()
        members = association.member_ids.sorted("id")
        defaulter, rescheduled_woman, saver = members[0], members[1], members[2]

        # ---- cycle 1: 25 loans of 200 from 15 January 2024, 16 weekly installments
        first = self._disbursed_cycle(association)

        def cycle_one(week, when):
            lines = {}
            if week >= 2:  # the defaulter stops paying from the third meeting
                lines[0] = {"amount_paid": 0.0, "savings_deposit": 0.0}
            if week == 3:  # her group covers her once, from its savings
                lines[0]["covered_by_group"] = 4.0
            if week in (4, 5, 6):  # another woman pays half, then is rescheduled
                lines[1] = {"amount_paid": 7.0}
            if week >= 7:
                lines[1] = {"amount_paid": 0.0, "savings_deposit": 0.0}
            if week == 5:
                lines[2] = {"amount_paid": 14.0, "voluntary_deposit": 50.0}
            return lines

        self._weekly_meetings(first, 8, cycle_one)
        self._provision(date(2024, 3, 11))

        loan_of = {loan.partner_id: loan for loan in first.loan_ids}
        action = loan_of[rescheduled_woman].with_user(self.manager).action_reschedule()
        proposal = self._wizard(
            action,
            self.manager,
            {
                "date": date(2024, 3, 12),
                "term_months": 2,
                # After the scenario's last meeting: her new installments are not late.
                "first_due_date": date(2025, 1, 6),
                "reason": "Her harvest failed.",
            },
        ).action_reschedule()
        self.env["promujer.loan.proposal"].browse(proposal["res_id"]).with_user(
            self.admin
        ).action_approve()
        self.assertEqual(loan_of[rescheduled_woman].state, "rescheduled")

        def cycle_one_rest(week, when):
            return {0: {"amount_paid": 0.0, "savings_deposit": 0.0}, 1: {"amount_paid": 0.0}}

        # The remaining meetings: everyone else repays fully.
        for week in range(8, 16):
            when = first.first_due_date + timedelta(days=7 * week)
            self.env["promujer.loan"]._update_arrears(when)
            self._meeting(first, when, cycle_one_rest(week, when)).action_post()
        self.assertEqual(
            {loan.state for loan in first.loan_ids} - {"paid"}, {"active", "rescheduled"}
        )
        self._provision(date(2024, 5, 6))

        # A voluntary withdrawal at the branch.
        voluntary = self.env["promujer.savings.account"].search(
            [("partner_id", "=", saver.id), ("kind", "=", "voluntary")]
        )
        withdrawal = self.env["promujer.savings.transaction"].create(
            {
                "account_id": voluntary.id,
                "kind": "withdrawal",
                "amount": -30.0,
                "date": date(2024, 5, 8),
                "journal_id": self.cash_journal.id,
            }
        )
        withdrawal.with_user(self.officer).action_post()

        # ---- cycle 2: the 23 women who repaid borrow 400 (their second loan)
        second = self._create_cycle(
            association,
            amounts=[400.0] * 25,
            committee_date=date(2024, 5, 10),
            disbursement_date=date(2024, 5, 13),
        )
        second.loan_ids.filtered(
            lambda loan: loan.partner_id in (defaulter | rescheduled_woman)
        ).unlink()
        second.with_user(self.officer).action_submit()
        second.with_user(self.manager).action_approve()
        second.with_user(self.accountant).action_disburse()
        self.assertEqual(set(second.loan_ids.mapped("member_cycle_number")), {2})

        def cycle_two(week, when):
            lines = {}
            if week in (3, 4):  # a woman late twice, her association covers once
                lines[3] = {"amount_paid": 0.0}
            if week == 4:
                lines[3]["covered_by_association"] = 10.0
            return lines

        self._weekly_meetings(second, 16, cycle_two)

        # The defaulter's first loan: more than 180 days late, written off.
        self.env["promujer.loan"]._update_arrears(date(2024, 9, 2))
        action = loan_of[defaulter].with_user(self.manager).action_write_off()
        proposal = self._wizard(
            action, self.manager, {"date": date(2024, 9, 2), "reason": "Moved to Argentina."}
        ).action_write_off()
        self.env["promujer.loan.proposal"].browse(proposal["res_id"]).with_user(
            self.admin
        ).action_approve()
        run = self._provision(date(2024, 9, 30))

        # ---- the General Ledger against the suite's own figures, to the cent
        loans = (first | second).loan_ids
        installments = loans.installment_ids
        portfolio = sum(
            loans.filtered(lambda loan: loan.state != "written_off").mapped("principal_outstanding")
        )
        self.assertGreater(portfolio, 0.0)
        self.assertAlmostEqual(self._balance(self.account_portfolio), portfolio, 2)
        self.assertAlmostEqual(
            -self._balance(self.account_interest), sum(installments.mapped("interest_paid")), 2
        )
        penalty_account = self.product.penalty_income_account_id
        self.assertGreater(sum(installments.mapped("penalty_paid")), 0.0)
        self.assertAlmostEqual(
            -self._balance(penalty_account), sum(installments.mapped("penalty_paid")), 2
        )
        savings = sum(
            self.env["promujer.savings.account"]
            .search([("company_id", "child_of", self.root.id)])
            .mapped("balance")
        )
        self.assertAlmostEqual(-self._balance(self.account_savings), savings, 2)
        self.assertAlmostEqual(savings, self._savings_total(), 2)
        allowance = self.chart.ref("promujer_account_allowance")
        self.assertAlmostEqual(-self._balance(allowance), run.required_total, 2)
        self.assertGreater(run.required_total, 0.0)
        covers = self.env["promujer.joint.liability"].search(
            [("company_id", "child_of", self.root.id)]
        )
        self.assertEqual(set(covers.debtor_id.ids), {defaulter.id, members[3].id})
