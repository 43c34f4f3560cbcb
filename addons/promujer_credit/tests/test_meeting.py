# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PromujerDisbursedCommon

# A 200 loan, flat 3% a month over 4 months, weekly: 16 x (12.50 + 1.50) from 22 January
# 2024; compulsory savings 10% of the loan, 1.25 a meeting.
FIRST_DUE = date(2024, 1, 22)


@tagged("post_install", "-at_install")
class TestMeeting(PromujerDisbursedCommon):
    def _installments(self, index):
        loan = self.cycle.loan_ids.filtered(lambda loan: loan.partner_id == self.members[index])
        return loan.installment_ids.sorted("sequence")

    def test_collection_sheet_and_one_balanced_entry(self):
        meeting = self._meeting(self.cycle, FIRST_DUE)
        self.assertEqual(len(meeting.line_ids), 25)
        line = meeting.line_ids.filtered(lambda line: line.partner_id == self.members[0])
        self.assertRecordValues(
            line,
            [{"amount_due": 14.0, "amount_paid": 14.0, "savings_deposit": 1.25, "attended": True}],
        )
        meeting.with_user(self.officer).action_post()
        move = meeting.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.company_id, self.branch_a)
        woman = self.members[0]
        self.assertRecordValues(
            move.line_ids.filtered(lambda line: line.partner_id == woman).sorted(
                lambda line: line.account_id.id
            ),
            sorted(
                [
                    {"account_id": self.account_portfolio.id, "debit": 0.0, "credit": 12.5},
                    {"account_id": self.account_savings.id, "debit": 0.0, "credit": 1.25},
                ],
                key=lambda values: values["account_id"],
            ),
        )
        # Interest is the institution's income: one line for the meeting.
        interest = move.line_ids.filtered(lambda line: line.account_id == self.account_interest)
        self.assertRecordValues(interest, [{"partner_id": False, "credit": 25 * 1.5}])
        self.assertEqual(len(move.line_ids), 1 + 25 + 1 + 25)
        cash = move.line_ids.filtered(lambda line: line.account_id == self.account_cash)
        self.assertEqual(cash.debit, 25 * 15.25)
        self.assertEqual(self._installments(0)[0].state, "paid")
        self.assertEqual(self._installments(0)[1].state, "open")
        self.assertEqual(self.cycle.loan_ids[0].principal_outstanding, 187.5)
        # The ledger and the suite agree: portfolio and savings.
        self.assertAlmostEqual(
            self._balance(self.account_portfolio),
            sum(self.cycle.loan_ids.mapped("principal_outstanding")),
            2,
        )
        self.assertAlmostEqual(-self._balance(self.account_savings), self._savings_total(), 2)
        self.assertAlmostEqual(self._savings_total(), 25 * 1.25, 2)

    def test_allocation_penalty_interest_principal_oldest_first(self):
        installment = self._installments(0)[0]
        installment.sudo().penalty_due = 2.0  # as the daily arrears update would
        meeting = self._meeting(self.cycle, FIRST_DUE, {0: {"amount_paid": 3.0}})
        meeting.action_post()
        self.assertRecordValues(
            installment,
            [
                {
                    "penalty_paid": 2.0,
                    "interest_paid": 1.0,
                    "principal_paid": 0.0,
                    "state": "partial",
                }
            ],
        )
        penalty = meeting.move_id.line_ids.filtered(
            lambda line: line.account_id == self.product.penalty_income_account_id
        )
        self.assertEqual(penalty.credit, 2.0)

    def test_posting_no_meetings_posts_nothing(self):
        # A batch job that found no meeting to post (an empty selection) is not an error.
        Meeting = self.env["promujer.meeting"]
        moves = self.env["account.move"].search_count([])
        self.assertTrue(Meeting.browse().action_post())
        self.assertEqual(self.env["account.move"].search_count([]), moves)

    def test_arrears_are_due_at_the_next_meeting(self):
        first = self._meeting(self.cycle, FIRST_DUE, {0: {"amount_paid": 0.0}})
        first.action_post()
        second = self._meeting(self.cycle, date(2024, 1, 29))
        line = second.line_ids.filtered(lambda line: line.partner_id == self.members[0])
        self.assertEqual(line.amount_due, 28.0)
        self.assertEqual(line.installments_due, 2)

    def test_overpayment_prepays_or_goes_to_savings(self):
        meeting = self._meeting(self.cycle, FIRST_DUE, {0: {"amount_paid": 30.0}})
        meeting.action_post()
        first, second, third = self._installments(0)[:3]
        self.assertEqual((first.state, second.state), ("paid", "paid"))
        self.assertEqual(third.amount_paid, 2.0)

        self.root.promujer_overpayment = "savings"
        meeting = self._meeting(self.cycle, date(2024, 1, 29), {1: {"amount_paid": 20.0}})
        meeting.action_post()
        voluntary = self.env["promujer.savings.account"].search(
            [("partner_id", "=", self.members[1].id), ("kind", "=", "voluntary")]
        )
        self.assertEqual(voluntary.balance, 20.0 - 28.0 + 14.0)  # 14 due twice, 6 left over
        self.assertEqual(self._installments(1)[2].amount_paid, 0.0)

    def test_group_covers_a_shortfall_from_savings(self):
        # Two meetings of savings first, so that the group can cover.
        self._meeting(
            self.cycle, FIRST_DUE, {g: {"voluntary_deposit": 0.0} for g in range(5)}
        ).action_post()
        debtor = self.members[0]
        group = self.association.group_ids.filtered(lambda g: debtor in g.member_ids)
        coverers = group.member_ids - debtor
        before = {
            p: self.env["promujer.savings.account"]
            .search([("partner_id", "=", p.id), ("kind", "=", "compulsory")])
            .balance
            for p in coverers
        }
        meeting = self._meeting(
            self.cycle, date(2024, 1, 29), {0: {"amount_paid": 0.0, "covered_by_group": 1.0}}
        )
        meeting.action_post()
        self.assertEqual(self._installments(0)[1].amount_paid, 1.0)
        liabilities = meeting.env["promujer.joint.liability"].search(
            [("meeting_id", "=", meeting.id)]
        )
        self.assertEqual(liabilities.creditor_id, coverers)
        self.assertAlmostEqual(sum(liabilities.mapped("amount")), 1.0, 2)
        self.assertAlmostEqual(debtor.promujer_owed_to_others, 1.0, 2)
        for partner in coverers:
            account = self.env["promujer.savings.account"].search(
                [("partner_id", "=", partner.id), ("kind", "=", "compulsory")]
            )
            share = liabilities.filtered(lambda c, p=partner: c.creditor_id == p).amount
            self.assertAlmostEqual(account.balance, before[partner] + 1.25 - share, 2)
        self.assertAlmostEqual(-self._balance(self.account_savings), self._savings_total(), 2)

    def test_cover_needs_savings(self):
        meeting = self._meeting(
            self.cycle, FIRST_DUE, {0: {"amount_paid": 0.0, "covered_by_group": 14.0}}
        )
        self.assertCallRefused(
            UserError, "(?s)withdrawals are not possible.*holds", meeting.action_post
        )
        self.assertEqual(meeting.state, "draft")
        self.assertFalse(meeting.move_id)
        self.assertEqual(self._installments(0)[0].amount_paid, 0.0)

    def test_cover_in_cash(self):
        self.root.promujer_cover_source = "cash"
        meeting = self._meeting(
            self.cycle, FIRST_DUE, {0: {"amount_paid": 4.0, "covered_by_association": 10.0}}
        )
        meeting.action_post()
        self.assertEqual(self._installments(0)[0].state, "paid")
        cash = meeting.move_id.line_ids.filtered(lambda line: line.account_id == self.account_cash)
        self.assertEqual(cash.debit, 25 * 15.25)
        covers = self.env["promujer.joint.liability"].search([("meeting_id", "=", meeting.id)])
        self.assertEqual(len(covers), 24)
        self.assertEqual(set(covers.mapped("source")), {"cash"})

    def test_a_cover_is_settled_once_by_credit_staff(self):
        self.root.promujer_cover_source = "cash"
        meeting = self._meeting(
            self.cycle, FIRST_DUE, {0: {"amount_paid": 4.0, "covered_by_group": 10.0}}
        )
        meeting.action_post()
        covers = self.env["promujer.joint.liability"].search([("meeting_id", "=", meeting.id)])
        self.assertTrue(covers)
        cover, others = covers[0], covers[1:]
        self.assertTakenOnlyBy(
            cover, "settle", self.officer, [self.accountant], "Only credit staff settle covers"
        )
        self.assertRecordValues(
            cover, [{"state": "settled", "settled_date": fields.Date.context_today(cover)}]
        )
        self.assertIn("Settled", cover.message_ids[0].body)
        self.assertEqual(set(others.mapped("state")), {"open"} if others else set())
        self.assertActionRefused(
            cover.with_user(self.officer),
            "settle",
            "Settling the cover is not possible for .* current state",
        )

    def test_bad_input(self):
        meeting = self._meeting(self.cycle, FIRST_DUE, {0: {"amount_paid": -1.0}})
        self.assertCallRefused(UserError, "paid cannot be negative", meeting.action_post)
        meeting.line_ids.write({"amount_paid": 14.0})
        meeting.line_ids[0].covered_by_group = 5.0
        self.assertCallRefused(UserError, "is more than her shortfall", meeting.action_post)
        self.assertEqual(meeting.state, "draft")

    def test_post_twice_edit_and_delete_posted(self):
        meeting = self._meeting(self.cycle, FIRST_DUE)
        meeting.action_post()
        self.assertCallRefused(UserError, "its state is Posted", meeting.action_post)
        self.assertEqual(
            self.env["account.move"].search_count([("ref", "=", meeting.move_id.ref)]), 1
        )
        with self.assertRaisesRegex(
            UserError, "posted meeting is final: Paid can no longer change"
        ):
            with self.cr.savepoint():
                meeting.line_ids[0].amount_paid = 1.0
        with self.assertRaisesRegex(UserError, "Date can no longer change for .* in their"):
            with self.cr.savepoint():
                meeting.date = date(2024, 1, 23)
        self.assertEqual(meeting.date, FIRST_DUE)
        self.assertCallRefused(UserError, "never deleted", meeting.unlink)

    def test_cancel_reverses_and_restores_exactly(self):
        meeting = self._meeting(
            self.cycle, FIRST_DUE, {0: {"amount_paid": 30.0, "voluntary_deposit": 5.0}}
        )
        meeting.action_post()
        move = meeting.move_id
        meeting.action_cancel()
        self.assertEqual(meeting.state, "cancelled")
        self.assertEqual(move.state, "posted")
        self.assertTrue(move.reversal_move_ids)
        self.assertEqual(set(self._installments(0).mapped("amount_paid")), {0.0})
        self.assertEqual(set(self.cycle.loan_ids.installment_ids.mapped("state")), {"open"})
        self.assertAlmostEqual(self._savings_total(), 0.0, 2)
        self.assertAlmostEqual(self._balance(self.account_savings), 0.0, 2)
        self.assertAlmostEqual(self._balance(self.account_portfolio), 5000.0, 2)

    def test_lock_date(self):
        meeting = self._meeting(self.cycle, FIRST_DUE)
        self.root.fiscalyear_lock_date = date(2024, 1, 31)
        self.assertCallRefused(UserError, "01/22/2024 is in a closed period", meeting.action_post)
        self.assertEqual(meeting.state, "draft")

    def test_repaid_loan_becomes_paid_and_cycle_closes(self):
        meeting = self._meeting(self.cycle, FIRST_DUE)
        meeting.line_ids.write({"amount_paid": 224.0, "savings_deposit": 0.0})
        meeting.action_post()
        self.assertEqual(set(self.cycle.loan_ids.mapped("state")), {"paid"})
        self.cycle.action_close()
        self.assertEqual(self.cycle.state, "closed")

    def test_new_meeting_from_the_association(self):
        action = self.association.with_user(self.officer).action_new_meeting()
        meeting = self.env["promujer.meeting"].browse(action["res_id"])
        self.assertEqual(meeting.cycle_id, self.cycle)
        self.assertEqual(len(meeting.line_ids), 25)

    def test_buttons_follow_the_rules_of_the_actions(self):
        """Post shows to credit staff and accountants on a draft meeting, Cancel to branch
        managers and accountants on a posted one; a meeting's deposits are cancelled with
        their meeting, never on their own."""

        def buttons(record, user):
            record = record.with_user(user)
            record.invalidate_recordset(["can_post", "can_cancel"])
            return record.can_post, record.can_cancel

        meeting = self._meeting(self.cycle, FIRST_DUE)
        self.assertEqual(buttons(meeting, self.officer), (True, False))
        self.assertEqual(buttons(meeting, self.accountant), (True, False))
        meeting.with_user(self.officer).action_post()
        self.assertEqual(buttons(meeting, self.officer), (False, False))
        self.assertEqual(buttons(meeting, self.manager), (False, True))
        self.assertEqual(buttons(meeting, self.accountant), (False, True))
        deposit = self.env["promujer.savings.transaction"].search(
            [("meeting_id", "=", meeting.id)], limit=1
        )
        self.assertTrue(deposit)
        self.assertEqual(buttons(deposit, self.manager), (False, False))
        with self.assertRaises(UserError):
            deposit.with_user(self.manager).action_cancel()
