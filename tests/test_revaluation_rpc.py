"""The exchange revaluation tried from outside: a loan officer of Villa Adela can neither
create nor post one over XML-RPC; the accountant's posts the demo's dollar portfolio at
the new rate, and the General Ledger still ties to the loans and savings.

HttpCase tests: pytest-odoo runs them only with --odoo-http."""

from test_controls_rpc import ControlsCase

from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestRevaluationRpc(ControlsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.usd = cls.env.ref("base.USD")
        cls.env["res.currency.rate"].create(
            {
                "currency_id": cls.usd.id,
                "name": cls.today,
                "company_id": cls.root.id,
                "inverse_company_rate": 7.50,
            }
        )
        cls.portfolio = (
            cls.env["account.chart.template"]
            .with_company(cls.root)
            .ref("promujer_account_portfolio")
        )

    def _portfolio(self):
        """(dollars, bolivianos) of Villa Adela's dollar portfolio."""
        self.env.invalidate_all()
        [(foreign, booked)] = self.env["account.move.line"]._read_group(
            [
                ("account_id", "=", self.portfolio.id),
                ("company_id", "=", self.branch.id),
                ("currency_id", "=", self.usd.id),
                ("parent_state", "=", "posted"),
            ],
            [],
            ["amount_currency:sum", "balance:sum"],
        )
        return foreign, booked

    def test_a_loan_officer_cannot_revalue_and_the_ledger_ties(self):
        model = "promujer.revaluation.run"
        run_id = self.accountant_run(model, "promujer.revaluation.line")
        run = self.env[model].browse(run_id)
        self.assertFalse(run.move_id)

        foreign, booked = self._portfolio()
        self.assertNotEqual(booked, self.root.currency_id.round(foreign * 7.50))
        self.rpc("accountant", model, "action_post", [run_id])
        self.env.invalidate_all()
        self.assertEqual(run.state, "posted")
        self.assertEqual(run.move_id.company_id, self.branch)
        foreign_after, booked_after = self._portfolio()
        self.assertEqual(foreign_after, foreign)
        self.assertAlmostEqual(booked_after, self.root.currency_id.round(foreign * 7.50), places=2)
        self.assertLedgerTies()
        # Nothing to book a second time at the same rate.
        vals = {"company_id": self.branch.id, "date": str(self.today)}
        again = self.rpc("accountant", model, "create", vals)
        self.rpc("accountant", model, "action_post", [again])
        self.assertFalse(self.env[model].browse(again).move_id)
        self.assertRefused("officer", model, "action_cancel", [run_id])
        self.assertLedgerTies()
