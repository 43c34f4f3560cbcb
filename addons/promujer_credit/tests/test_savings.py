# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PromujerCreditCommon


@tagged("post_install", "-at_install")
class TestSavings(PromujerCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.association = cls._create_association()
        cls.woman = cls.association.member_ids.sorted("id")[0]
        cls.Account = cls.env["promujer.savings.account"]

    def _account(self, kind):
        return self.Account._get_accounts(
            [(self.woman, self.association, kind, self.root.currency_id)]
        ).popitem()[1]

    def _transaction(self, account, amount, kind, when=date(2024, 2, 1)):
        transaction = self.env["promujer.savings.transaction"].create(
            {
                "account_id": account.id,
                "amount": amount,
                "kind": kind,
                "date": when,
                "journal_id": self.cash_journal.id,
            }
        )
        transaction.with_user(self.officer).action_post()
        return transaction

    def test_deposit_and_withdrawal_post_to_the_savings_liability(self):
        voluntary = self._account("voluntary")
        deposit = self._transaction(voluntary, 50.0, "deposit")
        self.assertRecordValues(
            deposit.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.account_savings.id,
                    "partner_id": self.woman.id,
                    "debit": 0.0,
                    "credit": 50.0,
                },
                {
                    "account_id": self.account_cash.id,
                    "partner_id": False,
                    "debit": 50.0,
                    "credit": 0.0,
                },
            ],
        )
        self._transaction(voluntary, -20.0, "withdrawal")
        self.assertEqual(voluntary.balance, 30.0)
        self.assertAlmostEqual(-self._balance(self.account_savings), 30.0, 2)
        self.assertAlmostEqual(-self._balance(self.account_savings), self._savings_total(), 2)

    def test_withdrawal_never_makes_a_balance_negative(self):
        voluntary = self._account("voluntary")
        self._transaction(voluntary, 10.0, "deposit")
        self.assertCallRefused(
            UserError,
            "holds \\$\\s10.00, less than \\$\\s10.01",
            self._transaction,
            voluntary,
            -10.01,
            "withdrawal",
        )
        self.assertEqual(voluntary.balance, 10.0)
        self.assertEqual(len(voluntary.transaction_ids), 1)

    def test_compulsory_savings_stay_while_the_loan_is_active(self):
        self._disbursed_cycle(self.association)  # 200 each, 10% compulsory = 20
        compulsory = self._account("compulsory")
        self._transaction(compulsory, 25.0, "deposit")
        self.assertEqual(compulsory.required_minimum, 20.0)
        self._transaction(compulsory, -5.0, "withdrawal")
        self.assertCallRefused(
            UserError,
            "must keep \\$\\s20.00 while her loan is active",
            self._transaction,
            compulsory,
            -0.01,
            "withdrawal",
        )
        self.assertEqual(compulsory.balance, 20.0)

    def test_sign_and_kind_checked(self):
        voluntary = self._account("voluntary")
        self.assertCallRefused(
            UserError,
            "a deposit is positive and a withdrawal negative",
            self._transaction,
            voluntary,
            -5.0,
            "deposit",
        )

    def test_cancel_reverses_and_keeps_the_rules(self):
        voluntary = self._account("voluntary")
        deposit = self._transaction(voluntary, 10.0, "deposit")
        self._transaction(voluntary, -8.0, "withdrawal")
        self.assertCallRefused(
            UserError, "holds \\$\\s2.00, less than \\$\\s10.00", deposit.action_cancel
        )
        self.assertCallRefused(UserError, "cancelled, never deleted", deposit.unlink)
        withdrawal = voluntary.transaction_ids.filtered(lambda t: t.kind == "withdrawal")
        withdrawal.action_cancel()
        deposit.action_cancel()
        self.assertEqual(voluntary.balance, 0.0)
        self.assertAlmostEqual(self._balance(self.account_savings), 0.0, 2)

    def test_only_the_states_an_action_starts_from(self):
        voluntary = self._account("voluntary")
        deposit = self._transaction(voluntary, 10.0, "deposit")
        deposit.with_user(self.manager).action_cancel()
        moves = self.env["account.move"].search_count([])
        for verb in ("cancel", "post"):
            with self.subTest(verb=verb):
                self.assertActionRefused(
                    deposit.with_user(self.manager),
                    verb,
                    f"cannot be {verb}(led|ed):\n.*: its state is Cancelled",
                )
        # A draft is cancelled with nothing to reverse, by the officer who may write it.
        draft = self.env["promujer.savings.transaction"].create(
            {
                "account_id": voluntary.id,
                "amount": 5.0,
                "kind": "deposit",
                "date": date(2024, 2, 1),
                "journal_id": self.cash_journal.id,
            }
        )
        draft.with_user(self.officer).action_cancel()
        self.assertRecordValues(draft, [{"state": "cancelled", "move_id": False}])
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        self.assertEqual(voluntary.balance, 0.0)
        self.assertAlmostEqual(self._balance(self.account_savings), 0.0, 2)

    def test_savings_withheld_at_disbursement(self):
        self.product.savings_withheld = True
        self._disbursed_cycle(self.association)
        compulsory = self._account("compulsory")
        self.assertEqual(compulsory.balance, 20.0)
        self.assertAlmostEqual(-self._balance(self.account_savings), self._savings_total(), 2)
        self.assertAlmostEqual(self._savings_total(), 25 * 20.0, 2)
