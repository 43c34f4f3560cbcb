# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import date

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PromujerReportsCommon


@tagged("post_install", "-at_install")
class TestOperationalReport(PromujerReportsCommon):
    def test_past_date_before_the_first_installment(self):
        report = self._report(date(2024, 1, 20))
        total = report._total_line()
        self.assertRecordValues(
            total,
            [
                {
                    "branches": 2,
                    "associations": 2,
                    "clients": 50,
                    "women": 49,
                    "borrowers": 50,
                    "portfolio": 10000.0,
                    "par30": 0.0,
                }
            ],
        )
        self.assertAlmostEqual(total.female_pct, 98.0, 2)

    def test_past_date_with_arrears_differs_from_today(self):
        report = self._report(date(2024, 2, 25))
        alpha = report.line_ids.filtered(lambda line: line.company_id == self.branch_a)
        beta = report.line_ids.filtered(lambda line: line.company_id == self.branch_b)
        # Alpha: 24 x 187.50 paid once + 200 unpaid since 22 January (34 days late);
        # the others are 27 days late. Beta: nothing paid, 34 days late: all at risk.
        self.assertRecordValues(
            alpha, [{"portfolio": 4700.0, "par30": 200.0, "par1": 4700.0, "borrowers": 25}]
        )
        self.assertRecordValues(beta, [{"portfolio": 5000.0, "par30": 5000.0}])
        total = report._total_line()
        self.assertAlmostEqual(total.par30_pct, 100.0 * 5200.0 / 9700.0, 4)
        region = report.line_ids.filtered(lambda line: line.level == "region")
        self.assertEqual(region.portfolio, 9700.0)

        # Today: the stored days late (once the daily update ran) say all are late.
        self.env["promujer.loan"]._update_arrears(date.today())
        today = self._report(date.today())._total_line()
        self.assertEqual(today.portfolio, 9700.0)
        self.assertEqual(today.par30, 9700.0)

        # A meeting posted after the date does not change what was true then.
        self._meeting(self.cycle_b, date(2024, 3, 4)).action_post()
        again = self._report(date(2024, 2, 25))._total_line()
        self.assertEqual(again.portfolio, 9700.0)
        self.assertEqual(again.par30, 5200.0)

    def test_write_off_leaves_the_portfolio_from_its_date(self):
        self.env["promujer.loan"]._update_arrears(date(2024, 9, 1))
        loan = self.cycle_b.loan_ids[0]
        self._write_off(loan, date(2024, 9, 1), "Gone.")
        self.assertEqual(self._report(date(2024, 8, 31))._total_line().portfolio, 9700.0)
        self.assertEqual(self._report(date(2024, 9, 1))._total_line().portfolio, 9500.0)

    def test_branch_manager_sees_only_her_branches(self):
        report = self._report(date(2024, 1, 20), user=self.manager)
        self.assertEqual(
            report.line_ids.filtered(lambda line: line.level == "branch").company_id,
            self.branch_a,
        )
        self.assertEqual(report._total_line().portfolio, 5000.0)
        with self.assertRaisesRegex(UserError, "allowed in no branch"):
            with self.cr.savepoint():
                other = self.env["res.company"].create({"name": "Elsewhere"})
                self.env["promujer.operational.report"].with_user(self.manager).create(
                    {"as_of": date(2024, 1, 20), "company_id": other.id}
                ).action_compute()

    def test_pdf_and_xlsx_show_the_same_figures(self):
        report = self._report(date(2024, 2, 25))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("promujer_reports.action_report_operational_data", report.ids)[0]
            .decode()
        )
        self.assertIn("Operational Data", html)
        self.assertIn("9,700.00", html)
        self.assertIn("5,200.00", html)
        self.assertIn("53.61", html)  # 5,200 / 9,700

        workbook = openpyxl.load_workbook(io.BytesIO(report._xlsx_content()))
        sheet = workbook.active
        header = [cell.value for cell in sheet[4]]
        total_row = next(
            [cell.value for cell in row]
            for row in sheet.iter_rows(min_row=5)
            if row[0].value == self.root.name
        )
        values = dict(zip(header, total_row, strict=True))
        self.assertEqual(values["Gross portfolio (USD)"], 9700.0)
        self.assertEqual(values["PAR > 30 amount"], 5200.0)
        self.assertEqual(values["Community associations"], 2)
        action = report.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        self.assertEqual(base64.b64decode(attachment.datas)[:2], b"PK")

    def test_pivot_lines(self):
        report = self._report(date(2024, 1, 20))
        action = report.action_open_lines()
        groups = self.env[action["res_model"]].read_group(
            action["domain"] + [("level", "=", "branch")], ["portfolio:sum"], ["company_id"]
        )
        self.assertEqual(
            {g["company_id"][0]: g["portfolio"] for g in groups},
            {
                self.branch_a.id: 5000.0,
                self.branch_b.id: 5000.0,
            },
        )

    def test_pivot_percentages_of_the_totals(self):
        """The pivot's PAR > 30 (%) and share of women of the institution are those of its
        totals, not the average of the two Focal Centers' percentages."""
        report = self._report(date(2024, 2, 23))
        action = report.action_open_lines()
        Line = self.env[action["res_model"]]
        domain = action["domain"] + [("level", "=", "branch")]
        branches = Line.search(domain)
        self.assertEqual(len(branches), 2)
        # Beta is all at risk, Alpha only in part: their percentages differ, so the
        # average of the two is not the percentage of the total.
        self.assertNotAlmostEqual(branches[0].par30_pct, branches[1].par30_pct, 2)
        [total] = Line.read_group(domain, ["par30_pct:avg", "female_pct:avg"], [])
        portfolio, par30 = sum(branches.mapped("portfolio")), sum(branches.mapped("par30"))
        self.assertAlmostEqual(total["par30_pct"], round(100.0 * par30 / portfolio, 2), 2)
        women, clients = sum(branches.mapped("women")), sum(branches.mapped("clients"))
        self.assertAlmostEqual(total["female_pct"], round(100.0 * women / clients, 2), 2)
        self.assertNotIn("promujer_sum_par30", total)
        # The pivot's total equals the institution's own line of the report.
        self.assertAlmostEqual(total["par30_pct"], report._total_line().par30_pct, 2)
