# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PromujerCreditCommon


@tagged("post_install", "-at_install")
class TestLoanCycleWorkflow(PromujerCreditCommon):
    def test_submit_schedules_an_activity_for_the_branch_manager(self):
        cycle = self._create_cycle(self._create_association())
        self.assertEqual(cycle.name, f"{cycle.association_id.code}/C1")
        cycle.with_user(self.officer).action_submit()
        self.assertEqual(cycle.state, "submitted")
        self.assertRecordValues(
            cycle.activity_ids,
            [
                {
                    "user_id": self.manager.id,
                    "activity_type_id": self.env.ref("promujer_credit.mail_act_cycle_approval").id,
                }
            ],
        )
        self.assertEqual(set(cycle.loan_ids.mapped("member_cycle_number")), {1})
        cycle.with_user(self.manager).action_approve()
        self.assertRecordValues(
            cycle, [{"state": "approved", "approved_by_id": self.manager.id, "activity_ids": []}]
        )

    def test_members_without_amount_do_not_borrow(self):
        association = self._create_association()
        cycle = self._create_cycle(association, amounts=[200.0] * 20 + [0.0] * 5)
        self.assertEqual(len(cycle.loan_ids), 25)
        cycle.with_user(self.officer).action_submit()
        self.assertEqual(len(cycle.loan_ids), 20)
        self.assertEqual(cycle.amount_total, 4000.0)

    def test_loans_go_with_the_draft_proposal_only(self):
        cycle = self._create_cycle(self._create_association())
        dropped = cycle.loan_ids[0]
        dropped.with_user(self.officer).unlink()
        self.assertFalse(dropped.exists())
        self.assertEqual(len(cycle.loan_ids), 24)
        cycle.with_user(self.officer).action_submit()
        loan = cycle.loan_ids[0]
        for user in (self.officer, self.env.user):
            self.assertCallRefused(
                UserError,
                f"Loans of a submitted cycle cannot be deleted: {loan.name}",
                loan.with_user(user).unlink,
            )
        self.assertEqual(len(cycle.loan_ids), 24)

    def test_onchange_proposes_every_member(self):
        association = self._create_association()
        form = Form(self.env["promujer.loan.cycle"].with_user(self.officer))
        form.association_id = association
        form.product_id = self.product
        self.assertEqual(len(form.loan_ids), 25)
        cycle = form.save()
        self.assertEqual(cycle.loan_ids.partner_id, association.member_ids)
        # A first loan for everyone: the ladder's first step is proposed, and shown.
        self.assertEqual(set(cycle.loan_ids.mapped("amount")), {200.0})
        self.assertEqual(set(cycle.loan_ids.mapped("member_cycle")), {1})
        self.assertEqual(set(cycle.loan_ids.mapped("max_amount")), {200.0})
        self.assertEqual(cycle.committee_member_ids, association.committee_member_ids)
        # Above the ladder, the officer is told as she types, before she submits.
        cycle.loan_ids[0].amount = 250.0
        self.assertIn("the most for her loan number 1", cycle.entry_warning)
        cycle.loan_ids[0].amount = 200.0
        self.assertFalse(cycle.entry_warning)

    def test_reject_with_reason(self):
        cycle = self._create_cycle(self._create_association())
        cycle.with_user(self.officer).action_submit()
        action = cycle.with_user(self.manager).action_reject()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"reason": "Two members are already in arrears elsewhere."})
        )
        wizard.action_reject()
        self.assertRecordValues(
            cycle,
            [
                {
                    "state": "rejected",
                    "rejection_reason": "Two members are already in arrears elsewhere.",
                    "activity_ids": [],
                }
            ],
        )
        self.assertEqual(set(cycle.loan_ids.mapped("state")), {"cancelled"})
        self.assertIn("arrears elsewhere", cycle.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "Give the reason"):
            with self.cr.savepoint():
                cycle.with_user(self.manager).action_draft()
                cycle.with_user(self.officer).action_submit()
                cycle.with_user(self.manager)._do_reject("  ")

    def test_only_a_manager_of_the_branch_approves(self):
        cycle = self._create_cycle(self._create_association())
        cycle.with_user(self.officer).action_submit()
        self.assertCallRefused(
            UserError,
            "only a branch manager or a credit administrator can approve",
            cycle.with_user(self.officer).action_approve,
        )
        # Nor reject it: the officer who submitted it is not the second pair of eyes.
        self.assertCallRefused(
            UserError,
            "only a branch manager or a credit administrator can approve",
            cycle.with_user(self.officer).action_reject,
        )
        # A branch manager of another branch does not even see it.
        with self.assertRaises(AccessError), self.cr.savepoint():
            cycle.with_user(self.manager_b).action_approve()
        self.assertEqual(cycle.state, "submitted")

    def test_cancel_reset_and_close_are_credit_staffs(self):
        cycle = self._create_cycle(self._create_association())
        self.assertActionRefused(
            cycle.with_user(self.accountant),
            "cancel",
            "Only credit staff cancel, reset or close loan cycles",
        )
        for verb, name in (("draft", "Going back to draft"), ("close", "Closing the loan cycle")):
            self.assertActionRefused(
                cycle.with_user(self.officer), verb, f"{name} is not possible for .* current state"
            )
        cycle.with_user(self.officer).action_cancel()
        self.assertEqual(cycle.state, "cancelled")
        self.assertEqual(set(cycle.loan_ids.mapped("state")), {"cancelled"})
        cycle.with_user(self.officer).action_draft()
        self.assertRecordValues(cycle, [{"state": "draft", "submitted_by_id": False}])
        self.assertEqual(set(cycle.loan_ids.mapped("state")), {"draft"})
        # Disbursed, it is closed (not cancelled) once every loan is paid or written off.
        disbursed = self._disbursed_cycle()
        self.assertActionRefused(
            disbursed.with_user(self.officer), "cancel", "Cancelling the loan cycle is not possible"
        )
        self.assertActionRefused(
            disbursed.with_user(self.officer),
            "close",
            "Closing the loan cycle is not possible:\n.*neither paid nor written off",
        )
        disbursed.loan_ids.sudo().write({"state": "paid"})
        disbursed.with_user(self.officer).action_close()
        self.assertEqual(disbursed.state, "closed")

    def test_cycle_numbers_and_member_cycle_numbers(self):
        association = self._create_association()
        first = self._approved_cycle(association)
        first.with_user(self.accountant).action_disburse()
        first.loan_ids.sudo().write({"state": "paid"})
        first.action_close()
        second = self._create_cycle(association, amounts=[400.0] * 25)
        self.assertEqual(second.cycle_number, 2)
        second.with_user(self.officer).action_submit()
        self.assertEqual(set(second.loan_ids.mapped("member_cycle_number")), {2})


@tagged("post_install", "-at_install")
class TestLoanCycleBadInput(PromujerCreditCommon):
    def assertNothingLeft(self, cycle, state):
        self.assertEqual(cycle.state, state)
        self.assertFalse(cycle.disbursement_move_id)
        self.assertFalse(cycle.loan_ids.installment_ids)
        self.assertFalse(
            self.env["account.move"].search([("ref", "ilike", cycle.name)]),
            "no journal entry may be left behind",
        )

    def assertSubmitRefused(self, cycle, pattern):
        """The officer's submission of `cycle` is refused with `pattern` and leaves it a
        draft, with nothing booked."""
        self.assertCallRefused(UserError, pattern, cycle.with_user(self.officer).action_submit)
        self.assertNothingLeft(cycle, "draft")

    def test_amount_outside_product_or_ladder(self):
        association = self._create_association()
        below = self._create_cycle(association, amounts=[50.0] + [200.0] * 24)
        self.assertSubmitRefused(below, "Woman \\d+: .*50.00 is below the product's minimum")
        below.action_cancel()

        above = self._create_cycle(association, amounts=[250.0] + [200.0] * 24)
        self.assertSubmitRefused(above, "250.00 is above .*200.00, the most for her loan number 1")

    def test_ladder_checked_again_at_approval(self):
        cycle = self._create_cycle(self._create_association())
        cycle.with_user(self.officer).action_submit()
        self.product.cycle_limit_ids.filtered(lambda s: s.cycle_number == 1).max_amount = 150
        self.assertEqual(cycle.state, "submitted")
        self.assertActionRefused(
            cycle.with_user(self.manager), "approve", "(?s)cannot be approved.*above .*150.00"
        )

    def test_ladder_outside_the_product_range(self):
        """A product whose ladder lends more than its maximum is refused, naming every
        wrong step at once; the product keeps its ladder."""
        self.assertCallRefused(
            ValidationError,
            "(?s)These loan products are not valid:\n.*ladder limit of cycle 3 .*600.*"
            "ladder limit of cycle 4 .*1000.* within the product's amount range "
            "\\(100.* to 500",
            self.product.write,
            {"max_amount": 500},
        )
        self.assertEqual(self.product.max_amount, 1000)
        self.assertEqual(self.product.cycle_limit_ids.mapped("max_amount"), [200, 400, 600, 1000])

    def test_term_outside_range(self):
        cycle = self._create_cycle(self._create_association(), term_months=9)
        self.assertSubmitRefused(cycle, "a term of 9 months is outside the product's 3 to 8")

    def test_association_too_small_or_not_active(self):
        forming = self._create_association(state="forming")
        cycle = self._create_cycle(forming)
        self.assertCallRefused(
            UserError,
            "it is forming; only active or consolidated",
            cycle.with_user(self.officer).action_submit,
        )
        small = self._create_association(groups=4, per_group=5, state="active")
        cycle = self._create_cycle(small)
        self.assertSubmitRefused(cycle, "20 members \\(25 to 30 needed\\)")

    def test_committee_decision_required(self):
        cycle = self._create_cycle(
            self._create_association(), committee_date=False, committee_member_ids=[Command.clear()]
        )
        self.assertActionRefused(
            cycle.with_user(self.officer),
            "submit",
            "credit committee's date; record the members present",
        )

    def test_woman_in_two_associations(self):
        association = self._create_association()
        stranger = self._create_association(state="active").member_ids[0]
        cycle = self._create_cycle(association)
        with self.assertRaisesRegex(UserError, "not members of the association"):
            with self.cr.savepoint():
                cycle.loan_ids[0].partner_id = stranger
                cycle.with_user(self.officer).action_submit()

    def test_disbursing_unapproved_or_twice(self):
        cycle = self._create_cycle(self._create_association())
        self.assertCallRefused(
            UserError,
            "has not been approved by the branch manager",
            cycle.with_user(self.accountant).action_disburse,
        )
        self.assertNothingLeft(cycle, "draft")
        cycle.with_user(self.officer).action_submit()
        cycle.with_user(self.manager).action_approve()
        cycle.with_user(self.accountant).action_disburse()
        move = cycle.disbursement_move_id
        self.assertCallRefused(
            UserError, "it was already disbursed", cycle.with_user(self.accountant).action_disburse
        )
        self.assertEqual(cycle.disbursement_move_id, move)
        self.assertEqual(self.env["account.move"].search_count([("ref", "ilike", cycle.name)]), 1)

    def test_only_accountants_disburse(self):
        cycle = self._approved_cycle()
        self.assertCallRefused(
            UserError, "Only accountants disburse", cycle.with_user(self.manager).action_disburse
        )
        self.assertNothingLeft(cycle, "approved")

    def test_currency_without_rate(self):
        currency = (
            self.env["res.currency"].with_context(active_test=False).search([("name", "=", "PEN")])
        )
        currency.rate_ids.unlink()
        currency.active = True
        product = self.product.copy({"currency_id": currency.id, "name": "Soles"})
        cycle = self._approved_cycle(product=product)
        self.assertCallRefused(
            UserError,
            "no exchange rate of PEN on or before 01/15/2024",
            cycle.with_user(self.accountant).action_disburse,
        )
        self.assertNothingLeft(cycle, "approved")

    def test_submitted_cycle_is_frozen(self):
        cycle = self._create_cycle(self._create_association())
        cycle.with_user(self.officer).action_submit()
        with self.assertRaisesRegex(UserError, "can no longer change"):
            with self.cr.savepoint():
                cycle.term_months = 6
        with self.assertRaisesRegex(UserError, "member and amount can no longer change"):
            with self.cr.savepoint():
                cycle.loan_ids[0].amount = 100
        self.assertCallRefused(
            UserError, "Only draft or cancelled loan cycles can be deleted", cycle.unlink
        )

    def test_sequential_loans(self):
        association = self._create_association()
        first = self._approved_cycle(association)
        first.with_user(self.accountant).action_disburse()
        second = self._create_cycle(association)
        # Checked when the officer submits, not only at disbursement.
        self.assertSubmitRefused(second, "loans are sequential")


@tagged("post_install", "-at_install")
class TestDisbursementAccounting(PromujerCreditCommon):
    def test_disbursement_entry_and_schedules(self):
        association = self._create_association()
        amounts = [200.0] * 20 + [150.0] * 5
        cycle = self._approved_cycle(association, amounts=amounts)
        cycle.with_user(self.accountant).action_disburse()
        move = cycle.disbursement_move_id
        self.assertRecordValues(
            move,
            [
                {
                    "state": "posted",
                    "company_id": self.branch_a.id,
                    "journal_id": self.cash_journal.id,
                    "date": date(2024, 1, 15),
                }
            ],
        )
        members = association.member_ids.sorted("id")
        expected = [
            {
                "account_id": self.account_portfolio.id,
                "partner_id": woman.id,
                "debit": amount,
                "credit": 0.0,
            }
            for woman, amount in zip(members, amounts, strict=True)
        ]
        expected.append(
            {
                "account_id": self.account_cash.id,
                "partner_id": False,
                "debit": 0.0,
                "credit": 4750.0,
            }
        )
        lines = move.line_ids.sorted(lambda line: line.partner_id.id or 10**9)
        self.assertRecordValues(lines, expected)
        self.assertEqual(cycle.state, "disbursed")
        self.assertEqual(set(cycle.loan_ids.mapped("state")), {"active"})

        # Schedules: 4 months weekly = 16 installments from a week after disbursement.
        loan = cycle.loan_ids.filtered(lambda line: line.partner_id == members[0])
        lines = loan.installment_ids.sorted("sequence")
        self.assertEqual(len(lines), 16)
        self.assertEqual(lines[0].due_date, date(2024, 1, 22))
        self.assertEqual(lines[-1].due_date, date(2024, 1, 22) + timedelta(days=7 * 15))
        self.assertEqual(set(lines.mapped("principal_due")), {12.5})
        self.assertEqual(set(lines.mapped("interest_due")), {1.5})  # 200 x 3% x 4 / 16
        # Their totals, written with them, are what the ORM computes from their amounts.
        self.env.invalidate_all()
        stored = lines.read(["amount_due", "amount_paid", "amount_residual", "state"])
        self.assertEqual(
            {(r["amount_due"], r["amount_paid"], r["amount_residual"], r["state"]) for r in stored},
            {(14.0, 0.0, 14.0, "open")},
        )
        self.assertRecordValues(
            loan,
            [{"principal_outstanding": 200.0, "interest_total": 24.0, "installment_count": 16}],
        )

        # The General Ledger agrees with the loans, to the cent.
        balance = sum(
            self.env["account.move.line"]
            .search(
                [("account_id", "=", self.account_portfolio.id), ("parent_state", "=", "posted")]
            )
            .mapped("balance")
        )
        self.assertAlmostEqual(balance, sum(cycle.loan_ids.mapped("principal_outstanding")), 2)
        self.assertAlmostEqual(balance, 4750.0, 2)

    def test_savings_and_fees_withheld(self):
        self.product.write({"savings_withheld": True, "fee_rate": 1.0})
        association = self._create_association()
        cycle = self._approved_cycle(association)
        cycle.with_user(self.accountant).action_disburse()
        lines = cycle.disbursement_move_id.line_ids
        woman = association.member_ids.sorted("id")[0]
        self.assertRecordValues(
            lines.filtered(lambda line: line.partner_id == woman).sorted("balance"),
            [
                {"account_id": self.account_savings.id, "credit": 20.0, "debit": 0.0},
                {"account_id": self.account_fees.id, "credit": 2.0, "debit": 0.0},
                {"account_id": self.account_portfolio.id, "credit": 0.0, "debit": 200.0},
            ],
        )
        cash = lines.filtered(lambda line: line.account_id == self.account_cash)
        self.assertEqual(cash.credit, 25 * (200.0 - 20.0 - 2.0))

    def test_loan_in_a_foreign_currency(self):
        """A BOB loan in a USD company posts with the foreign amount."""
        bob = self.setup_other_currency("BOB", rates=[("2023-01-01", 6.96)])
        product = self.product.copy(
            {
                "name": "Banca comunal",
                "currency_id": bob.id,
                "min_amount": 700,
                "max_amount": 7000,
                "cycle_limit_ids": [],
            }
        )
        product.cycle_limit_ids = [Command.create({"cycle_number": 1, "max_amount": 1400})]
        association = self._create_association()
        cycle = self._approved_cycle(association, product=product, amounts=[1000.0] * 25)
        cycle.with_user(self.accountant).action_disburse()
        lines = cycle.disbursement_move_id.line_ids
        woman = association.member_ids.sorted("id")[0]
        self.assertRecordValues(
            lines.filtered(lambda line: line.partner_id == woman),
            [
                {
                    "currency_id": bob.id,
                    "amount_currency": 1000.0,
                    "debit": 143.68,  # 1000 / 6.96
                    "account_id": self.account_portfolio.id,
                }
            ],
        )
        cash = lines.filtered(lambda line: line.account_id == self.account_cash)
        self.assertRecordValues(
            cash, [{"currency_id": bob.id, "amount_currency": -25000.0, "credit": 3592.0}]
        )
        # Every line is in the loans' currency, and the entry balances in both currencies.
        self.assertEqual(lines.currency_id, bob)
        self.assertAlmostEqual(sum(lines.mapped("amount_currency")), 0.0, 2)
        self.assertAlmostEqual(sum(lines.mapped("balance")), 0.0, 2)
        # Installments are in the loan's currency.
        loan = cycle.loan_ids[0]
        self.assertEqual(loan.currency_id, bob)
        self.assertAlmostEqual(sum(loan.installment_ids.mapped("principal_due")), 1000.0, 2)

    def test_declining_balance_schedule(self):
        self.product.interest_method = "declining"
        cycle = self._approved_cycle(self._create_association(), amounts=[200.0] * 25)
        cycle.with_user(self.accountant).action_disburse()
        loan = cycle.loan_ids[0]
        lines = loan.installment_ids.sorted("sequence")
        self.assertAlmostEqual(sum(lines.mapped("principal_due")), 200.0, 2)
        interest = lines.mapped("interest_due")
        self.assertGreater(interest[0], interest[-1], "interest falls with the balance")

    def test_biweekly_for_consolidated_associations(self):
        association = self._create_association()
        self.root.promujer_consolidation_cycles = 0
        association.with_user(self.manager).action_consolidate()
        cycle = self._approved_cycle(association)
        self.assertEqual(cycle.frequency, "biweekly")
        cycle.with_user(self.accountant).action_disburse()
        lines = cycle.loan_ids[0].installment_ids.sorted("sequence")
        self.assertEqual(len(lines), 8)
        self.assertEqual(lines[1].due_date - lines[0].due_date, timedelta(days=14))

    def test_lock_date_blocks_disbursement(self):
        cycle = self._approved_cycle()
        self.root.fiscalyear_lock_date = date(2024, 1, 31)
        self.assertEqual(cycle.state, "approved")
        self.assertActionRefused(
            cycle.with_user(self.accountant), "disburse", "01/15/2024 is in a closed period: .*Lock"
        )
        self.assertFalse(cycle.loan_ids.installment_ids)
