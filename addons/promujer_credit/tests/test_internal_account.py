# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PromujerCreditCommon, promujer_user

LENT_ON = date(2024, 2, 5)


@tagged("post_install", "-at_install")
class TestInternalAccount(PromujerCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.association = cls._create_association(internal_interest_rate=2.0)
        cls.members = cls.association.member_ids.sorted("id")

    def setUp(self):
        super().setUp()
        self.moves_before = self.env["account.move"].search_count([])

    def tearDown(self):
        # The internal account is the association's money: never a journal entry.
        self.assertEqual(self.env["account.move"].search_count([]), self.moves_before)
        super().tearDown()

    # ------------------------------------------------------------------ helpers

    def _contribute(self, amount, association=None, on=date(2024, 2, 1)):
        return (
            self.env["promujer.internal.entry"]
            .with_user(self.officer)
            .create(
                {
                    "association_id": (association or self.association).id,
                    "kind": "contribution",
                    "amount": amount,
                    "date": on,
                    "description": "Members pool their money",
                }
            )
        )

    def _loan(self, index, amount, term=3, association=None, **values):
        association = association or self.association
        return (
            self.env["promujer.internal.loan"]
            .with_user(self.officer)
            .create(
                {
                    "association_id": association.id,
                    "partner_id": association.member_ids.sorted("id")[index].id,
                    "amount": amount,
                    "term_months": term,
                    "date": LENT_ON,
                    **values,
                }
            )
        )

    def _repay(self, loan, amount, on):
        wizard = (
            self.env["promujer.internal.repayment"]
            .with_user(self.officer)
            .create({"loan_id": loan.id, "amount": amount, "date": on})
        )
        return wizard.action_confirm()

    # ------------------------------------------------------------------ lending

    def test_contribution_loan_and_repayments(self):
        self._contribute(1000.0)
        self.assertEqual(self.association.internal_balance, 1000.0)
        loan = self._loan(3, 600.0)
        self.assertRecordValues(
            loan,
            [
                {
                    "state": "draft",
                    "interest_rate": 2.0,  # as the members decided
                    "interest_amount": 36.0,  # 600 x 2% x 3 months, flat
                    "due_date": date(2024, 5, 5),
                    "currency_id": self.root.currency_id.id,
                }
            ],
        )
        self.assertTrue(loan.name.startswith("IL-"))
        loan.with_user(self.officer).action_open()
        self.assertEqual(loan.state, "open")
        self.assertEqual(self.association.internal_balance, 400.0)

        # Interest first, then principal.
        self._repay(loan, 100.0, date(2024, 3, 5))
        self.assertRecordValues(
            loan,
            [
                {
                    "state": "open",
                    "interest_repaid": 36.0,
                    "principal_repaid": 64.0,
                    "principal_residual": 536.0,
                    "interest_residual": 0.0,
                    "residual": 536.0,
                }
            ],
        )
        self.assertEqual(self.association.internal_balance, 500.0)
        wizard = self.env["promujer.internal.repayment"].create({"loan_id": loan.id})
        self.assertEqual(wizard.amount, 536.0)  # what is still owed, by default
        self._repay(loan, 536.0, date(2024, 5, 5))
        self.assertRecordValues(loan, [{"state": "repaid", "residual": 0.0}])
        self.assertEqual(self.association.internal_balance, 1036.0)
        self.assertRecordValues(
            loan.entry_ids.sorted(lambda e: (e.date, e.id)),
            [
                {"kind": "loan", "amount": -600.0, "partner_id": self.members[3].id},
                {"kind": "interest", "amount": 36.0, "partner_id": self.members[3].id},
                {"kind": "repayment", "amount": 64.0, "partner_id": self.members[3].id},
                {"kind": "repayment", "amount": 536.0, "partner_id": self.members[3].id},
            ],
        )

    def test_interest_is_rounded_to_the_currency(self):
        loan = self._loan(0, 333.33, interest_rate=1.5)  # 333.33 x 1.5% x 3 = 14.99985
        self.assertEqual(loan.interest_amount, 15.0)
        self.assertEqual(loan.residual, 348.33)

    def test_cannot_lend_more_than_the_fund(self):
        self._contribute(100.0)
        loan = self._loan(0, 150.0)
        self.assertEqual(loan.state, "draft")
        self.assertActionRefused(
            loan.with_user(self.officer),
            "open",
            r"holds .*100\.00, less than the .*150\.00 to lend",
        )
        self.assertFalse(loan.entry_ids)
        # Nor spend more than it holds.
        self.assertCallRefused(
            UserError,
            "cannot go below zero",
            self.env["promujer.internal.entry"].create,
            {"association_id": self.association.id, "kind": "expense", "amount": -100.01},
        )
        self.assertEqual(self.association.internal_balance, 100.0)

    def test_cannot_repay_more_than_owed(self):
        self._contribute(100.0)
        loan = self._loan(0, 100.0, term=1)
        loan.action_open()
        self.assertEqual(loan.residual, 102.0)
        self.assertCallRefused(
            UserError,
            r"102\.01 is more than the .*102\.00 still owed",
            self._repay,
            loan,
            102.01,
            date(2024, 3, 5),
        )
        self.assertCallRefused(
            UserError, "cannot be before the loan's", self._repay, loan, 10.0, date(2024, 2, 1)
        )
        self.assertFalse(loan.entry_ids.filtered(lambda e: e.kind != "loan"))

    def test_only_members_borrow(self):
        other = self._create_association(groups=5, per_group=5)
        self.assertCallRefused(
            ValidationError,
            "is not a member of",
            self.env["promujer.internal.loan"].create,
            {
                "association_id": self.association.id,
                "partner_id": other.member_ids[0].id,
                "amount": 50.0,
                "date": LENT_ON,
            },
        )

    def test_an_entry_is_refused_with_all_its_problems(self):
        """A wrong entry is refused with every problem at once, and nothing is recorded:
        a zero amount; an interest without its loan, out of the fund; a loan of another
        association."""
        Entry = self.env["promujer.internal.entry"]
        self.assertCallRefused(
            ValidationError,
            "These entries of the internal account are not valid:\n.*: its amount cannot be zero.",
            self._contribute,
            0.0,
        )
        self.assertCallRefused(
            ValidationError,
            "(?s)not valid:.*Interest received: .*-.*5.00: an entry of this kind is positive "
            "\\(into the fund\\); a loan, repayment or interest needs its loan\\.",
            Entry.sudo().create,
            {"association_id": self.association.id, "kind": "interest", "amount": -5.0},
        )
        self._contribute(100.0)
        other = self._create_association()
        self._contribute(100.0, association=other)
        loan = self._loan(0, 50.0, association=other)
        self.assertCallRefused(
            ValidationError,
            f"loan {re.escape(loan.display_name)} belongs to another association",
            Entry.sudo().create,
            {
                "association_id": self.association.id,
                "kind": "repayment",
                "amount": 5.0,
                "internal_loan_id": loan.id,
            },
        )
        self.assertEqual(self.association.internal_balance, 100.0)
        self.assertEqual(len(self.association.internal_entry_ids), 1)

    def test_one_currency_per_internal_account(self):
        """An association's internal account is kept in the currency of its first entry:
        an entry in another currency is refused, and the balance stays."""
        self._contribute(100.0)
        kept = self.association.internal_currency_id
        other = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("id", "!=", kept.id)], limit=1)
        )
        self.assertCallRefused(
            ValidationError,
            f"The internal account of {re.escape(self.association.name)} is kept in "
            f"{kept.name}, not in {other.name}",
            self.env["promujer.internal.entry"].create,
            {
                "association_id": self.association.id,
                "kind": "contribution",
                "amount": 10.0,
                "currency_id": other.id,
            },
        )
        self.assertEqual(self.association.internal_balance, 100.0)

    def test_cancel_puts_the_money_back(self):
        self._contribute(200.0)
        loan = self._loan(0, 150.0)
        loan.action_open()
        self._repay(loan, 5.0, date(2024, 3, 5))
        self.assertCallRefused(UserError, "has repayments: reverse them first", loan.action_cancel)
        loan.entry_ids.filtered(lambda e: e.kind == "interest").action_reverse()
        loan.action_cancel()
        self.assertEqual(loan.state, "cancelled")
        self.assertEqual(self.association.internal_balance, 200.0)

    # ------------------------------------------------------------------ immutability

    def test_entries_are_immutable_and_reversed(self):
        contribution = self._contribute(300.0)
        with self.assertRaisesRegex(UserError, r"cannot be changed \(amount\)"):
            with self.cr.savepoint():
                contribution.amount = 30.0
        self.assertCallRefused(
            UserError, "never deleted", contribution.with_user(self.manager).unlink
        )
        self.assertCallRefused(
            UserError,
            "recorded by the internal loans",
            self.env["promujer.internal.entry"].create,
            {"association_id": self.association.id, "kind": "interest", "amount": 5.0},
        )
        self.assertCallRefused(ValidationError, "positive", self._contribute, -5.0)

        loan = self._loan(1, 100.0, term=1)
        loan.action_open()
        self._repay(loan, 102.0, date(2024, 3, 1))
        self.assertEqual(loan.state, "repaid")
        self.assertCallRefused(
            UserError,
            "cancel that internal loan instead",
            loan.entry_ids.filtered(lambda e: e.kind == "loan").action_reverse,
        )
        # Reversing a repayment makes the loan owed again.
        loan.entry_ids.filtered(lambda e: e.kind == "repayment").with_user(
            self.officer
        ).action_reverse()
        self.assertRecordValues(loan, [{"state": "open", "residual": 100.0}])
        # The 100.00 is still lent out: the fund holds 202.00, not the 300.00 contributed.
        self.assertCallRefused(UserError, r"would hold .*-.*98\.00", contribution.action_reverse)
        self._repay(loan, 100.0, date(2024, 3, 2))
        self.assertEqual(loan.state, "repaid")

        contribution.with_user(self.officer).action_reverse()
        self.assertTrue(contribution.is_reversed)
        self.assertEqual(contribution.reversal_entry_ids.amount, -300.0)
        self.assertEqual(contribution.amount, 300.0)
        self.assertEqual(self.association.internal_balance, 2.0)  # the interest received
        self.assertCallRefused(UserError, "it was already reversed", contribution.action_reverse)

    # ------------------------------------------------------------------ profit sharing

    def test_profit_sharing_in_proportion_to_savings(self):
        cycle = self._disbursed_cycle(self.association)
        meeting = self._meeting(
            cycle,
            date(2024, 1, 22),
            {0: {"voluntary_deposit": 10.0}, 1: {"voluntary_deposit": 30.0}},
        )
        meeting.action_post()
        self.moves_before = self.env["account.move"].search_count([])
        # Savings: 1.25 compulsory each; 11.25 and 31.25 for the first two.
        self._contribute(500.0)
        loan = self._loan(2, 250.0, term=3)  # 250 x 2% x 3 = 15.00 interest
        loan.action_open()
        self._repay(loan, 265.0, date(2024, 4, 5))

        share = (
            self.env["promujer.internal.share"]
            .with_user(self.officer)
            .create({"association_id": self.association.id, "date": date(2024, 4, 30)})
        )
        share.action_compute()
        self.assertRecordValues(share, [{"earnings": 15.0, "split_method": "savings"}])
        amounts = {line.partner_id: line.amount for line in share.line_ids}
        basis = {line.partner_id: line.savings_basis for line in share.line_ids}
        self.assertEqual((basis[self.members[0]], basis[self.members[1]]), (11.25, 31.25))
        # 15.00 over weights 1125, 3125 and 23 x 125 cents: largest remainders get a cent.
        self.assertEqual(amounts[self.members[0]], 2.37)
        self.assertEqual(amounts[self.members[1]], 6.58)
        others = [amounts[m] for m in self.members[2:]]
        self.assertEqual(others, [0.27] * 7 + [0.26] * 16)
        self.assertAlmostEqual(sum(amounts.values()), 15.0, 2)

        share.with_user(self.officer).action_confirm()
        self.assertEqual(share.state, "confirmed")
        paid = share.entry_ids.filtered(lambda e: e.kind == "profit_share")
        self.assertEqual(len(paid), 25)
        self.assertAlmostEqual(sum(paid.mapped("amount")), -15.0, 2)
        interest = loan.entry_ids.filtered(lambda e: e.kind == "interest")
        self.assertEqual(share.entry_ids.filtered(lambda e: e.kind == "interest"), interest)
        self.assertEqual(self.association.internal_balance, 500.0)
        self.assertIn("paid out to 25 members", share.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "Only interest not shared yet"):
            with self.cr.savepoint():
                interest.share_id = False
        for action in (share.action_compute, share.action_confirm):
            self.assertCallRefused(UserError, "its state is Confirmed", action)
        self.assertEqual(len(share.entry_ids.filtered(lambda e: e.kind == "profit_share")), 25)

        again = self.env["promujer.internal.share"].create(
            {"association_id": self.association.id, "date": date(2024, 5, 31)}
        )
        self.assertCallRefused(UserError, "no earnings to share", again.action_compute)

    def test_profit_sharing_evenly_without_savings(self):
        self._contribute(200.0)
        loan = self._loan(0, 130.0, term=1, interest_rate=1.0)  # 1.30 interest
        loan.action_open()
        self._repay(loan, 131.3, date(2024, 3, 5))
        share = self.env["promujer.internal.share"].create(
            {"association_id": self.association.id, "date": date(2024, 3, 31)}
        )
        share.action_compute()
        self.assertEqual(share.split_method, "even")
        self.assertIn("split evenly among its 25 members", share.message_ids[0].body)
        amounts = share.line_ids.sorted(lambda line: line.partner_id.name).mapped("amount")
        self.assertEqual(amounts, [0.05] * 24 + [0.10])
        share.action_confirm()
        self.assertAlmostEqual(self.association.internal_balance, 200.0, 2)

    def test_no_sharing_while_the_money_is_lent(self):
        self._contribute(10.0)
        loan = self._loan(0, 10.0, term=2)  # 0.40 interest
        loan.action_open()
        self._repay(loan, 0.4, date(2024, 3, 5))  # the interest only
        self.env["promujer.internal.entry"].create(
            {"association_id": self.association.id, "kind": "expense", "amount": -0.1}
        )
        share = self.env["promujer.internal.share"].create(
            {"association_id": self.association.id, "date": date(2024, 3, 31)}
        )
        share.action_compute()
        self.assertCallRefused(
            UserError, r"holds .*0\.30, less than the earnings", share.action_confirm
        )

    # ------------------------------------------------------------------ statement

    def test_statement_for_the_treasurer(self):
        self._contribute(1000.0)
        loan = self._loan(3, 600.0)
        loan.action_open()
        self._repay(loan, 100.0, date(2024, 3, 5))
        html = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render_qweb_html(
                "promujer_credit.action_report_internal_statement", self.association.ids
            )[0]
            .decode()
        )
        self.assertIn(self.association.name, html)
        self.assertIn(self.members[3].name, html)  # the borrower, in the open loans
        self.assertIn(loan.name, html)
        for figure in ("1,000.00", "400.00", "436.00", "500.00", "536.00"):
            self.assertIn(figure, html)
        self.assertIn("No profit sharing yet", html)

    # ------------------------------------------------------------------ rights

    def test_rights(self):
        self._contribute(100.0)
        loan = self._loan(0, 50.0)
        loan.action_open()
        with self.assertRaises(AccessError):
            self.env["promujer.internal.loan"].with_user(self.accountant).create(
                {
                    "association_id": self.association.id,
                    "partner_id": self.members[1].id,
                    "amount": 10.0,
                }
            )
        self.assertEqual(loan.with_user(self.accountant).residual, 53.0)  # reads it

        officer_b = promujer_user(
            self.env, "t_officer_b", "promujer_credit.group_loan_officer", self.branch_b
        )
        for model in ("promujer.internal.loan", "promujer.internal.entry"):
            self.assertFalse(self.env[model].with_user(officer_b).search([]))
        with self.assertRaises(AccessError):
            loan.with_user(officer_b).read(["amount"])
        with self.assertRaises(AccessError):
            self.env["promujer.internal.entry"].with_user(officer_b).create(
                {"association_id": self.association.id, "kind": "contribution", "amount": 5.0}
            )
