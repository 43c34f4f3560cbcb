# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PromujerReportsCommon


@tagged("post_install", "-at_install")
class TestRatioReport(PromujerReportsCommon):
    """The SEEP ratios of one Focal Center or regional office, their XLSX and their
    12-month trend, on the known portfolio: Alpha's women paid 36 of interest at the
    meeting of 22 January 2024 (one did not pay), Beta's nothing."""

    def setUp(self):
        super().setUp()
        self.env["promujer.loan"]._update_arrears(date(2024, 2, 29))

    def test_ratios_of_one_focal_center(self):
        _report, alpha = self._ratios(branch_id=self.branch_a.id)
        self.assertAlmostEqual(alpha["oss"].numerator, 36.0, 2)  # interest received
        self.assertAlmostEqual(alpha["par30"].denominator, 4700.0, 2)
        self.assertEqual(alpha["borrowers_per_officer"].numerator, 25)
        _report, beta = self._ratios(branch_id=self.branch_b.id)
        self.assertEqual(beta["oss"].numerator, 0.0)
        self.assertAlmostEqual(beta["par30"].denominator, 5000.0, 2)
        self.assertAlmostEqual(beta["par30"].value, 1.0, 4)
        _report, region = self._ratios(branch_id=self.region.id)
        self.assertAlmostEqual(region["par30"].denominator, 9700.0, 2)
        self.assertEqual(region["borrowers_per_officer"].numerator, 50)
        # A branch manager allowed in Alpha only cannot read Beta's ratios.
        report = (
            self.env["promujer.ratio.report"]
            .with_user(self.manager)
            .create(
                {
                    "company_id": self.root.id,
                    "branch_id": self.branch_b.id,
                    "date_from": date(2024, 1, 1),
                    "date_to": date(2024, 2, 29),
                }
            )
        )
        self.assertNotIn(self.branch_b, self.manager.company_ids)
        with self.assertRaisesRegex(UserError, "allowed in no branch of"):
            report.action_compute()

    def test_xlsx_shows_the_ratios_of_the_screen(self):
        report, ratio = self._ratios()
        sheet = openpyxl.load_workbook(io.BytesIO(report._xlsx_content())).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        header = rows.index(["Ratio", "Value", "Numerator", "Denominator", "Formula"])
        by_name = {row[0]: row for row in rows[header + 1 :]}
        self.assertEqual(len(by_name), len(report.line_ids))
        oss = by_name[ratio["oss"].name]
        self.assertAlmostEqual(oss[1], ratio["oss"].value, 6)
        self.assertAlmostEqual(oss[2], 36.0, 2)
        self.assertEqual(rows[3][:2], ["From", "2024-01-01"])
        action = report.action_export_xlsx()
        self.assertIn("/web/content/", action["url"])

    def test_trend_is_each_month_on_its_own(self):
        report, _ratio = self._ratios(inflation_rate=10.0)
        action = report.action_trend()
        trend = report.env["promujer.ratio.trend"].search(action["domain"])
        months = sorted(set(trend.mapped("month")))
        self.assertEqual(len(months), 12)
        self.assertEqual((months[0], months[-1]), (date(2023, 3, 1), date(2024, 2, 1)))
        self.assertEqual(len(trend), 12 * len(report.line_ids))
        _jan, january = self._ratios(date(2024, 1, 1), date(2024, 1, 31), inflation_rate=10.0)
        for code in ("oss", "yield", "par30", "fss"):
            line = trend.filtered(lambda t, c=code: t.month == date(2024, 1, 1) and t.code == c)
            self.assertAlmostEqual(line.value, january[code].value, 6)
        self.assertGreater(
            trend.filtered(lambda t: t.month == date(2024, 1, 1) and t.code == "yield").value, 0
        )
        before = trend.filtered(lambda t: t.month == date(2023, 12, 1) and t.code == "par30")
        self.assertEqual(before.value, 0.0)  # nothing lent before January
        # Asking again replaces the trend, it does not add to it.
        report.action_trend()
        self.assertEqual(
            report.env["promujer.ratio.trend"].search_count([("report_id", "=", report.id)]),
            len(trend),
        )

    def test_ratios_read_the_accrued_interest(self):
        """On the accrual basis January's financial revenue is the interest received (36)
        and the interest earned by 31 January and not yet paid: the installment of 29
        January (no meeting held) and 2 of the 7 days of the one of 5 February, 1.93 for
        each of the 24 who paid on 22 January, 3.43 for the one who did not."""
        _report, before = self._ratios(date(2024, 1, 1), date(2024, 1, 31))
        self.assertAlmostEqual(before["oss"].numerator, 36.0, 2)
        run = (
            self.env["promujer.accrual.run"]
            .with_user(self.accountant)
            .create({"company_id": self.branch_a.id, "date": date(2024, 1, 31)})
        )
        run.action_post()
        self.assertAlmostEqual(run.total, 24 * 1.93 + 3.43, 2)
        _report, january = self._ratios(date(2024, 1, 1), date(2024, 1, 31))
        self.assertAlmostEqual(january["oss"].numerator, 36.0 + 49.75, 2)
        self.assertAlmostEqual(january["yield"].numerator, 36.0 + 49.75, 2)
        # Reversed on 1 February: over January and February (February not yet accrued)
        # the revenue is again what was received.
        _report, both = self._ratios()
        self.assertAlmostEqual(both["oss"].numerator, 36.0, 2)
