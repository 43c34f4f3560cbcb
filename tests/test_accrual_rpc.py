"""The interest accrual tried from outside: a loan officer or a branch manager of Villa
Adela can neither create nor post one over XML-RPC, nor write its state; the accountant's
accrues the demo's dollar portfolio as of today, with its reversal on the 1st, and the
General Ledger still ties to the loans and savings.

HttpCase tests: pytest-odoo runs them only with --odoo-http."""

from dateutil.relativedelta import relativedelta
from test_controls_rpc import ControlsCase

from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestAccrualRpc(ControlsCase):
    def test_only_the_accountant_accrues_and_the_ledger_ties(self):
        model = "promujer.accrual.run"
        run_id = self.accountant_run(model, "promujer.accrual.line", {"total": 1.0})
        run = self.env[model].browse(run_id)

        self.rpc("accountant", model, "action_post", [run_id])
        self.env.invalidate_all()
        self.assertEqual(run.state, "posted")
        self.assertTrue(run.line_ids, "the demo's Villa Adela has loans accruing interest")
        self.assertEqual(run.move_id.company_id, self.branch)
        self.assertEqual(
            run.reversal_move_id.date, self.today.replace(day=1) + relativedelta(months=1)
        )
        self.assertEqual(
            run.move_id.line_ids.filtered("partner_id").partner_id,
            run.line_ids.filtered("amount").partner_id,
        )
        self.assertRefused("accountant", model, "unlink", [run_id])
        self.assertRefused("accountant", model, "write", [run_id], {"date": "2020-01-31"})
        self.assertRefused("manager", model, "action_cancel", [run_id])
        # A second accrual of the month is refused with its reason.
        vals = {"company_id": self.branch.id, "date": str(self.today)}
        again = self.rpc("accountant", model, "create", vals)
        self.assertRefused("accountant", model, "action_post", [again], pattern="already accrued")
        self.assertLedgerTies()
        self.rpc("accountant", model, "action_cancel", [run_id])
        self.env.invalidate_all()
        self.assertEqual(run.state, "cancelled")
        self.assertLedgerTies()
