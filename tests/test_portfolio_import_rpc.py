"""The portfolio import tried from outside: a loan officer can neither queue, import nor
check one over XML-RPC, nobody writes its state or who queued it, and the General Ledger
still ties. HttpCase tests: pytest-odoo runs them only with --odoo-http."""

from test_controls_rpc import ControlsCase

from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestPortfolioImportRpc(ControlsCase):
    def test_an_officer_cannot_queue_an_import_and_the_ledger_ties(self):
        model = "promujer.portfolio.import"
        record = self.env[model].create(
            {"company_id": self.branch.id, "opening_date": str(self.today)}
        )
        for method in ("action_check", "action_import", "action_queue"):
            self.assertRefused("officer", model, method, [record.id])
        for who in ("officer", "manager"):
            self.assertRefused(who, model, "write", [record.id], {"state": "queued"})
            self.assertRefused(who, model, "write", [record.id], {"queued_uid": self.users[who].id})
        # A draft import is not queued, even by a branch manager: it must be checked first.
        self.assertRefused("manager", model, "action_queue", [record.id])
        self.assertEqual(record.state, "draft")
        self.assertFalse(record.queued_uid)
        self.assertLedgerTies()
