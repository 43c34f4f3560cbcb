# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.promujer_credit.tests.test_portfolio_import import (
    OPENING,
    PortfolioImportCommon,
    portfolio_rows,
)


@tagged("post_install", "-at_install")
class TestImportedPortfolioReport(PortfolioImportCommon):
    def test_operational_data_shows_the_imported_figures(self):
        rows = portfolio_rows()
        record = self._import_record(rows)
        record.action_check()
        record.action_import()
        self.assertEqual(record.state, "done")
        outstanding, _savings = self._expected(rows)

        report = self.env["promujer.operational.report"].create(
            {"as_of": OPENING, "company_id": self.root.id}
        )
        report.action_compute()
        alpha = report.line_ids.filtered(lambda line: line.company_id == self.branch_a)
        self.assertRecordValues(
            alpha,
            [
                {
                    "associations": 20,
                    "clients": 400,
                    "women": 400,
                    "borrowers": 400,
                    "loans": 400,
                }
            ],
        )
        self.assertAlmostEqual(alpha.portfolio, outstanding, 2)
        self.assertAlmostEqual(report._total_line().portfolio, outstanding, 2)
