# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import PromujerReportsCommon


@tagged("post_install", "-at_install")
class TestOperationalReportHistory(PromujerReportsCommon):
    def _branch_line(self, report, branch):
        return report.line_ids.filtered(
            lambda line: line.level == "branch" and line.company_id == branch
        )

    def test_a_woman_who_left_her_group_is_not_counted_after(self):
        woman = self.association_a.member_ids.sorted("id")[-1]
        self.env["promujer.group.leave"].with_user(self.officer).create(
            {
                "group_id": woman.promujer_group_id.id,
                "partner_ids": [Command.set(woman.ids)],
                "date": date(2024, 2, 1),
                "reason": "Moved away",
            }
        ).action_leave()
        self.assertRecordValues(
            woman.promujer_membership_ids,
            [{"date_left": date(2024, 2, 1), "leave_reason": "Moved away"}],
        )

        before = self._report(date(2024, 1, 31))
        self.assertRecordValues(
            self._branch_line(before, self.branch_a), [{"clients": 25, "women": 25}]
        )
        self.assertRecordValues(before._total_line(), [{"clients": 50, "women": 49}])

        after = self._report(date(2024, 2, 10))
        self.assertRecordValues(
            self._branch_line(after, self.branch_a),
            [{"clients": 24, "women": 24, "female_pct": 100.0}],
        )
        total = after._total_line()
        self.assertRecordValues(total, [{"clients": 49, "women": 48, "associations": 2}])
        self.assertAlmostEqual(total.female_pct, 100.0 * 48 / 49, 4)

    def test_a_neighborhood_center_counts_as_focal_from_its_consolidation(self):
        center = self.env["res.company"].create(
            {
                "name": "NC Lajastambo",
                "parent_id": self.region.id,
                "promujer_center_kind": "neighborhood",
            }
        )
        (self.env.user | self.admin).company_ids = [Command.link(center.id)]
        association = self._create_association(center, name="Lajastambo women")
        association.formation_date = date(2001, 1, 1)
        self.env["promujer.center.consolidate"].with_user(self.admin).create(
            {"company_id": center.id, "date": date(2001, 6, 1)}
        ).action_consolidate()
        self.assertEqual(center.promujer_consolidation_date, date(2001, 6, 1))
        self.assertRecordValues(
            center.promujer_history_ids.filtered(lambda h: h.change == "consolidation"),
            [{"date": date(2001, 6, 1), "kind_before": "neighborhood", "kind_after": "focal"}],
        )

        may = self._report(date(2001, 5, 31))
        self.assertRecordValues(
            self._branch_line(may, center),
            [{"branches": 0, "associations": 1, "clients": 25, "region_id": self.region.id}],
        )
        july = self._report(date(2001, 7, 31))
        self.assertRecordValues(
            self._branch_line(july, center), [{"branches": 1, "associations": 1}]
        )
        self.assertEqual(july._total_line().branches, may._total_line().branches + 1)

    def test_an_empty_report_says_why(self):
        report = self._report(date(2023, 10, 1))
        self.assertFalse(report.line_ids)
        self.assertEqual(
            report.empty_reason,
            "Nothing to report as of 10/01/2023: no loan was disbursed before that date: the "
            "first loan of your branches was disbursed on 01/15/2024.",
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("promujer_reports.action_report_operational_data", report.ids)[0]
            .decode()
        )
        self.assertIn("the first loan of your branches was disbursed on 01/15/2024", html)

        before_books = self._report(date(1989, 12, 31))
        self.assertFalse(before_books.line_ids)
        self.assertIn(
            "before 01/01/1990, the first day of the institution", before_books.empty_reason
        )

        # A date with figures has no such message.
        self.assertFalse(self._report(date(2024, 1, 20)).empty_reason)
