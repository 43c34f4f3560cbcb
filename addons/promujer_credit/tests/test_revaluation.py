# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PromujerCreditCommon

CLOSING = date(2024, 1, 31)


@tagged("post_install", "-at_install")
class TestRevaluation(PromujerCreditCommon):
    """A dollar company lending in bolivianos: 25 loans of 1,000 BOB disbursed at 6.96 in
    Focal Center Alpha, and 500 BOB of voluntary savings of the first woman; on 31 January
    the boliviano is at 7.50 to the dollar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bob = cls.setup_other_currency("BOB", rates=[("2023-01-01", 6.96)])
        product = cls.product.copy(
            {
                "name": "Banca comunal",
                "currency_id": cls.bob.id,
                "min_amount": 700,
                "max_amount": 7000,
                "cycle_limit_ids": [],
            }
        )
        product.cycle_limit_ids = [Command.create({"cycle_number": 1, "max_amount": 1400})]
        cls.bob_product = product
        cls.gain_account = cls.root.income_currency_exchange_account_id
        cls.loss_account = cls.root.expense_currency_exchange_account_id

    def setUp(self):
        super().setUp()
        self.association = self._create_association()
        self.women = self.association.member_ids.sorted("id")
        self.cycle = self._approved_cycle(
            self.association, product=self.bob_product, amounts=[1000.0] * 25
        )
        self.cycle.with_user(self.accountant).action_disburse()
        # Her voluntary savings: 500 BOB deposited at the branch, 71.84 USD at 6.96.
        savings = (
            self.env["promujer.savings.account"]
            ._get_accounts([(self.women[0], self.association, "voluntary", self.bob)])
            .popitem()[1]
        )
        self.env["promujer.savings.transaction"].create(
            {
                "account_id": savings.id,
                "amount": 500.0,
                "kind": "deposit",
                "date": date(2024, 1, 20),
                "journal_id": self.cash_journal.id,
            }
        ).with_user(self.officer).action_post()
        self.Run = self.env["promujer.revaluation.run"]

    def _new_rate(self, rate, day=CLOSING):
        self.env["res.currency.rate"].create(
            {"currency_id": self.bob.id, "name": day, "rate": rate, "company_id": self.root.id}
        )

    def _run(self, day=CLOSING, user=None):
        user = user or self.accountant
        run = self.Run.with_user(user).create({"company_id": self.branch_a.id, "date": day})
        run.action_post()
        return run

    def _balances(self, account):
        """{partner id: (amount_currency, balance)} of the account's BOB items."""
        groups = self.env["account.move.line"]._read_group(
            [
                ("account_id", "=", account.id),
                ("company_id", "=", self.branch_a.id),
                ("currency_id", "=", self.bob.id),
                ("parent_state", "=", "posted"),
            ],
            ["partner_id"],
            ["amount_currency:sum", "balance:sum"],
        )
        return {partner.id: (foreign, balance) for partner, foreign, balance in groups}

    def _assert_at_rate(self, account, rate):
        """The account's dollar balance is its boliviano balance at `rate`, and so is
        each woman's, within the cent the account's total takes."""
        balances = self._balances(account)
        foreign = sum(f for f, _b in balances.values())
        booked = sum(b for _f, b in balances.values())
        usd = self.root.currency_id
        self.assertAlmostEqual(booked, usd.round(foreign / rate), places=2)
        for partner, (amount, balance) in balances.items():
            self.assertLessEqual(abs(balance - amount / rate), 0.01, f"partner {partner}")

    def test_revaluation_books_each_difference_against_gain_or_loss(self):
        self.assertEqual(self._balances(self.account_portfolio)[self.women[0].id], (1000.0, 143.68))
        self._new_rate(7.50)
        run = self._run()
        self.assertEqual(run.state, "posted")
        lines = run.move_id.line_ids
        self.assertEqual(run.move_id.state, "posted")
        self.assertEqual(run.move_id.company_id, self.branch_a)
        # Each woman's loan of 1,000 BOB is now worth 133.333 USD: 3,333.33 for the 25,
        # 133.33 for 17 of them and 133.34 for 8, the cents the total takes.
        portfolio = lines.filtered(lambda line: line.account_id == self.account_portfolio)
        self.assertEqual(sorted(portfolio.mapped("balance")), [-10.35] * 17 + [-10.34] * 8)
        last = portfolio.filtered(lambda line: line.partner_id == self.women[-1])
        self.assertRecordValues(
            last, [{"currency_id": self.bob.id, "amount_currency": 0.0, "balance": -10.35}]
        )
        self.assertEqual(portfolio.partner_id, self.women)
        self.assertTrue(
            all(line.amount_currency == 0.0 for line in lines if line.currency_id == self.bob)
        )
        self.assertAlmostEqual(sum(portfolio.mapped("balance")), 3333.33 - 3592.00)
        # Her savings of 500 BOB, owed to her, are worth 66.67 USD instead of 71.84: a gain.
        self.assertRecordValues(
            lines.filtered(lambda line: line.account_id == self.account_savings),
            [
                {
                    "partner_id": self.women[0].id,
                    "currency_id": self.bob.id,
                    "amount_currency": 0.0,
                    "debit": 5.17,
                    "credit": 0.0,
                }
            ],
        )
        gain = lines.filtered(lambda line: line.account_id == self.gain_account)
        loss = lines.filtered(lambda line: line.account_id == self.loss_account)
        self.assertRecordValues(
            gain, [{"currency_id": self.root.currency_id.id, "credit": run.gain_total, "debit": 0}]
        )
        self.assertRecordValues(
            loss, [{"currency_id": self.root.currency_id.id, "debit": run.loss_total, "credit": 0}]
        )
        revalued = lines - gain - loss
        self.assertEqual(
            self.root.currency_id.round(
                sum(revalued.filtered(lambda line: line.balance > 0).mapped("balance"))
            ),
            run.gain_total,
        )
        self.assertEqual(
            self.root.currency_id.round(
                -sum(revalued.filtered(lambda line: line.balance < 0).mapped("balance"))
            ),
            run.loss_total,
        )
        self.assertEqual(len(run.line_ids), len(revalued))
        for account in revalued.account_id:
            self._assert_at_rate(account, 7.50)
        portfolio_after = self._balances(self.account_portfolio).values()
        self.assertAlmostEqual(sum(b for _f, b in portfolio_after), 3333.33)
        # The sub-ledgers still tie: amounts in bolivianos did not move.
        _totals, differences = self.env["promujer.ledger.check"]._tie_out(self.root)
        self.assertEqual(differences, [])

    def test_a_second_run_at_the_same_rate_books_nothing(self):
        self._new_rate(7.50)
        self._run()
        again = self._run()
        self.assertEqual(again.state, "posted")
        self.assertFalse(again.move_id)
        self.assertFalse(again.line_ids)
        self.assertEqual((again.gain_total, again.loss_total), (0.0, 0.0))

    def test_the_next_month_books_only_the_new_difference(self):
        """Cumulative: February's run starts from January's revalued balances."""
        self._new_rate(7.50)
        self._run()
        self._new_rate(6.96, date(2024, 2, 29))
        february = self._run(date(2024, 2, 29))
        first = february.move_id.line_ids.filtered(
            lambda line: (
                line.account_id == self.account_portfolio and line.partner_id == self.women[0]
            )
        )
        # 133.34 in January, back to 143.68 (1,000 / 6.96 is 143.678).
        self.assertEqual(first.balance, 10.34)
        self.assertEqual(self._balances(self.account_portfolio)[self.women[0].id], (1000.0, 143.68))
        # The disbursement booked 25 x 143.68 = 3,592.00; 25,000 BOB at 6.96 is 3,591.95.
        portfolio = self._balances(self.account_portfolio).values()
        self.assertAlmostEqual(sum(b for _f, b in portfolio), 3591.95)
        self._assert_at_rate(self.account_portfolio, 6.96)

    def test_compute_shows_what_post_books(self):
        self._new_rate(7.50)
        run = self.Run.with_user(self.accountant).create(
            {"company_id": self.branch_a.id, "date": CLOSING}
        )
        run.action_compute()
        self.assertEqual(run.state, "draft")
        self.assertFalse(run.move_id)
        line = run.line_ids.filtered(
            lambda line: (
                line.account_id == self.account_portfolio and line.partner_id == self.women[-1]
            )
        )
        self.assertRecordValues(
            line,
            [
                {
                    "amount_currency": 1000.0,
                    "booked": 143.68,
                    "revalued": 133.33,
                    "difference": -10.35,
                    "foreign_currency_id": self.bob.id,
                }
            ],
        )
        run.action_post()
        # What was computed is what was booked.
        booked = run.move_id.line_ids.filtered(
            lambda line: (
                line.account_id == self.account_portfolio and line.partner_id == self.women[-1]
            )
        )
        self.assertEqual(booked.balance, -10.35)
        self.assertEqual(len(run.move_id.line_ids), len(run.line_ids) + 2)

    def test_cancel_reverses_the_entry(self):
        self._new_rate(7.50)
        run = self._run()
        run.with_user(self.accountant).action_cancel()
        self.assertEqual(run.state, "cancelled")
        self.assertTrue(run.move_id.reversal_move_ids)
        self.assertEqual(self._balances(self.account_portfolio)[self.women[0].id], (1000.0, 143.68))

    def test_an_earlier_run_after_a_later_one_is_refused(self):
        self._new_rate(7.50)
        self._run()
        with self.assertRaisesRegex(UserError, "later exchange revaluation"):
            self._run(date(2024, 1, 20))

    def test_a_loan_officer_cannot_revalue(self):
        self._new_rate(7.50)
        run = self._accountant_draft_run(self.Run, CLOSING)
        self.assertFalse(run.line_ids)

    def test_monthly_cron_revalues_each_branch_once(self):
        self._new_rate(7.50)
        runs = self.Run._cron_monthly_revaluation(CLOSING)
        self.assertIn(self.branch_a, runs.company_id)
        self.assertEqual(set(runs.mapped("state")), {"posted"})
        self._assert_at_rate(self.account_portfolio, 7.50)
        self.assertFalse(self.Run._cron_monthly_revaluation(CLOSING))
