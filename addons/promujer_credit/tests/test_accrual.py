# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import PromujerCreditCommon

CLOSING = date(2024, 1, 31)
FEBRUARY = date(2024, 2, 29)


@tagged("post_install", "-at_install")
class TestAccrual(PromujerCreditCommon):
    """A boliviano institution (Bolivia's chart) lending dollars at 6.96: 25 loans of
    200 USD disbursed on 15 January 2024 in Focal Center Alpha, 16 weekly installments of
    12.50 principal and 1.50 interest from 22 January. At the meetings of 22 and 29
    January every woman pays but the seventh, who pays nothing."""

    @classmethod
    @AccountTestInvoicingCommon.setup_country("bo")
    def setUpClass(cls):
        super().setUpClass()
        cls.usd = cls.setup_other_currency("USD", rates=[("2023-01-01", 1 / 6.96)])
        cls.usd_product = cls.product.copy({"name": "Banca comunal USD", "currency_id": cls.usd.id})
        cls.account_accrued = cls.chart.ref("promujer_account_accrued_interest")
        cls.bob = cls.root.currency_id

    def setUp(self):
        super().setUp()
        self.association = self._create_association()
        self.women = self.association.member_ids.sorted("id")
        self.late = self.women[6]
        self.cycle = self._disbursed_cycle(self.association, product=self.usd_product)
        for day in (date(2024, 1, 22), date(2024, 1, 29)):
            self._meeting(self.cycle, day, {6: {"amount_paid": 0.0}}).with_user(
                self.officer
            ).action_post()
        self.Run = self.env["promujer.accrual.run"]

    def _run(self, day=CLOSING, user=None):
        run = self.Run.with_user(user or self.accountant).create(
            {"company_id": self.branch_a.id, "date": day}
        )
        run.action_post()
        return run

    def _accrued(self, partner, day):
        """(USD, BOB) of her accrued interest receivable at the end of `day`."""
        [(foreign, booked)] = self.env["account.move.line"]._read_group(
            [
                ("account_id", "=", self.account_accrued.id),
                ("partner_id", "=", partner.id),
                ("parent_state", "=", "posted"),
                ("date", "<=", day),
            ],
            [],
            ["amount_currency:sum", "balance:sum"],
        )
        return foreign, booked

    def _assert_ties(self):
        _totals, differences = self.env["promujer.ledger.check"]._tie_out(self.root)
        self.assertEqual(differences, [])

    def test_month_end_accrues_interest_receivable_per_woman_against_income(self):
        run = self._run()
        self.assertEqual(run.state, "posted")
        move = run.move_id
        self.assertRecordValues(
            move,
            [{"state": "posted", "date": CLOSING, "company_id": self.branch_a.id}],
        )
        receivable = move.line_ids.filtered(lambda line: line.account_id == self.account_accrued)
        self.assertEqual(self.account_accrued.code, "PM1315")
        self.assertEqual(receivable.partner_id, self.women)
        # Those who paid: 2 of the 7 days of the installment of 5 February, 1.50 x 2 / 7
        # = 0.43 USD, 2.99 BOB at 6.96.
        self.assertRecordValues(
            receivable.filtered(lambda line: line.partner_id == self.women[0]),
            [
                {
                    "currency_id": self.usd.id,
                    "amount_currency": 0.43,
                    "debit": 2.99,
                    "credit": 0.0,
                }
            ],
        )
        # She paid nothing: the interest of 22 and 29 January too, 3.43 USD, 23.87 BOB.
        self.assertRecordValues(
            receivable.filtered(lambda line: line.partner_id == self.late),
            [{"currency_id": self.usd.id, "amount_currency": 3.43, "debit": 23.87, "credit": 0}],
        )
        income = move.line_ids - receivable
        self.assertRecordValues(
            income,
            [
                {
                    "account_id": self.account_interest.id,
                    "partner_id": False,
                    "currency_id": self.usd.id,
                    "amount_currency": -13.75,
                    "debit": 0.0,
                    "credit": 95.63,
                }
            ],
        )
        self.assertEqual(self.account_interest.code, "PM4110")
        self.assertEqual(run.total, 95.63)
        self.assertEqual((run.loan_count, run.non_accrual_count), (25, 0))
        line = run.line_ids.filtered(lambda line: line.partner_id == self.late)
        self.assertRecordValues(
            line,
            [{"days_late": 9, "non_accrual": False, "amount": 3.43, "amount_company": 23.87}],
        )
        self.assertEqual(self._accrued(self.late, CLOSING), (3.43, 23.87))
        self._assert_ties()

    def test_the_accrual_is_reversed_on_the_first_of_the_next_month(self):
        run = self._run()
        reversal = run.reversal_move_id
        self.assertRecordValues(
            reversal,
            [
                {
                    "state": "posted",
                    "date": date(2024, 2, 1),
                    "reversed_entry_id": run.move_id.id,
                    "company_id": self.branch_a.id,
                }
            ],
        )
        self.assertEqual(reversal.promujer_origin_id, run.id)
        mirrored = reversal.line_ids.filtered(
            lambda line: line.account_id == self.account_accrued and line.partner_id == self.late
        )
        self.assertRecordValues(
            mirrored,
            [{"currency_id": self.usd.id, "amount_currency": -3.43, "debit": 0, "credit": 23.87}],
        )
        self.assertRecordValues(
            reversal.line_ids.filtered(lambda line: line.account_id == self.account_interest),
            [{"amount_currency": 13.75, "debit": 95.63, "credit": 0.0}],
        )
        # Matched with the accrual: what the women pay in February is income when paid.
        self.assertTrue(
            all(run.move_id.line_ids.filtered("account_id.reconcile").mapped("reconciled"))
        )
        for woman in self.women:
            self.assertEqual(self._accrued(woman, date(2024, 2, 1)), (0.0, 0.0))
        self._assert_ties()

    def test_a_loan_late_beyond_the_non_accrual_days_stops_accruing(self):
        january = self._run()
        self.assertEqual(self._accrued(self.late, CLOSING), (3.43, 23.87))
        # From February the institution stops accruing loans over 30 days late: she is
        # 38 days late on 29 February (22 January unpaid), the others 24 (5 February).
        self.root.promujer_non_accrual_days = 30
        february = self._run(FEBRUARY)
        line = february.line_ids.filtered(lambda line: line.partner_id == self.late)
        self.assertRecordValues(line, [{"days_late": 38, "non_accrual": True, "amount": 0.0}])
        self.assertEqual((february.loan_count, february.non_accrual_count), (24, 1))
        receivable = february.move_id.line_ids.filtered(
            lambda line: line.account_id == self.account_accrued
        )
        self.assertNotIn(self.late, receivable.partner_id)
        # What January accrued for her was reversed on 1 February, and nothing since.
        self.assertTrue(january.reversal_move_id)
        self.assertEqual(self._accrued(self.late, FEBRUARY), (0.0, 0.0))
        # The others: four installments due in February and 3 of the 7 days of the one
        # of 4 March: 6.00 + 0.64 = 6.64 USD, 46.21 BOB.
        self.assertRecordValues(
            receivable.filtered(lambda line: line.partner_id == self.women[0]),
            [{"currency_id": self.usd.id, "amount_currency": 6.64, "debit": 46.21}],
        )
        self.assertEqual(self._accrued(self.women[0], FEBRUARY), (6.64, 46.21))
        self._assert_ties()

    def test_compute_shows_what_post_books(self):
        run = self.Run.with_user(self.accountant).create(
            {"company_id": self.branch_a.id, "date": CLOSING}
        )
        run.action_compute()
        self.assertEqual(run.state, "draft")
        self.assertFalse(run.move_id)
        self.assertEqual(len(run.line_ids), 25)
        self.assertEqual(run.total, 95.63)
        run.action_post()
        self.assertEqual(len(run.move_id.line_ids), 26)

    def test_the_cash_basis_accrues_nothing(self):
        self.root.promujer_interest_basis = "cash"
        run = self.Run.with_user(self.accountant).create(
            {"company_id": self.branch_a.id, "date": CLOSING}
        )
        with self.assertRaisesRegex(UserError, "cash basis"):
            run.action_post()
        with self.assertRaisesRegex(UserError, "cash basis"):
            run.action_compute()
        self.assertEqual(run.state, "draft")
        self.assertFalse(self.Run._cron_monthly_accrual(CLOSING))

    def test_a_closed_period_refuses_the_accrual_and_its_reversal(self):
        run = self.Run.with_user(self.accountant).create(
            {"company_id": self.branch_a.id, "date": CLOSING}
        )
        self.root.fiscalyear_lock_date = date(2024, 1, 31)
        with self.assertRaisesRegex(UserError, "01/31/2024 is in a closed period"):
            run.action_post()
        self.root.fiscalyear_lock_date = False
        run.action_post()
        # The accrual's month closed, its cancellation too.
        self.root.fiscalyear_lock_date = date(2024, 2, 1)
        with self.assertRaisesRegex(UserError, "02/01/2024 is in a closed period"):
            run.with_user(self.accountant).action_cancel()
        self.assertEqual(run.state, "posted")

    def test_one_accrual_per_branch_and_month(self):
        with self.assertRaisesRegex(UserError, "has not come"):
            self._run(fields.Date.today() + timedelta(days=1))
        self._run()
        with self.assertRaisesRegex(UserError, "already accrued for this month"):
            self._run(date(2024, 1, 30))

    def test_cancel_reverses_the_entry_and_its_reversal(self):
        run = self._run()
        run.with_user(self.accountant).action_cancel()
        self.assertEqual(run.state, "cancelled")
        self.assertTrue(run.move_id.reversal_move_ids - run.reversal_move_id)
        self.assertTrue(run.reversal_move_id.reversal_move_ids)
        self.assertEqual(self._accrued(self.late, CLOSING), (0.0, 0.0))
        self.assertEqual(self._accrued(self.late, date(2024, 2, 1)), (0.0, 0.0))
        with self.assertRaisesRegex(UserError, "cannot be cancelled:\n.*: its state is Cancelled"):
            run.with_user(self.accountant).action_cancel()
        # Cancelled, the month can be accrued again.
        self.assertEqual(self._run().state, "posted")
        self._assert_ties()

    def test_only_accountants_accrue(self):
        run = self._accountant_draft_run(self.Run, CLOSING)
        self.assertFalse(run.line_ids)
        run.action_post()
        with self.assertRaises(AccessError):
            run.with_user(self.accountant).unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            run.sudo().unlink()
        with self.assertRaisesRegex(UserError, "Date can no longer change for .*current state"):
            run.with_user(self.accountant).write({"date": date(2024, 1, 30)})
        self.assertEqual(run.date, CLOSING)

    def test_monthly_cron_accrues_each_branch_once(self):
        runs = self.Run._cron_monthly_accrual(CLOSING)
        self.assertEqual(runs.company_id, self.branch_a)
        self.assertEqual(runs.state, "posted")
        self.assertEqual(runs.total, 95.63)
        self.assertFalse(self.Run._cron_monthly_accrual(CLOSING))

    def test_the_monthly_cron_waits_for_the_month_to_end_in_the_institution(self):
        """The scheduled action runs as OdooBot, in Europe/Brussels by Odoo's data. At
        23:30 UTC on 29 February Brussels is in March, and La Paz (the timezone of the
        institution's working hours) still in February: February is accrued once its
        last day has ended in La Paz, not while its meetings are still being held."""
        cron = self._cron_in_la_paz("promujer_credit.ir_cron_monthly_accrual")
        with freeze_time("2024-02-29 23:30:00"):
            cron.method_direct_trigger()
        runs = self.Run.search([("company_id", "=", self.branch_a.id), ("state", "=", "posted")])
        self.assertEqual(runs.mapped("date"), [CLOSING])
        with freeze_time("2024-03-01 04:30:00"):  # 00:30 on 1 March in La Paz
            cron.method_direct_trigger()
        runs = self.Run.search([("company_id", "=", self.branch_a.id), ("state", "=", "posted")])
        self.assertEqual(sorted(runs.mapped("date")), [CLOSING, FEBRUARY])

    def test_the_non_accrual_days_are_not_negative(self):
        with self.assertRaisesRegex(ValidationError, "0 or more"):
            self.root.promujer_non_accrual_days = -1
