# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PromujerReportsCommon


@tagged("post_install", "-at_install")
class TestPortfolioQuality(PromujerReportsCommon):
    def test_par_by_branch_and_aging(self):
        self.env["promujer.loan"]._update_arrears(date(2024, 2, 25))
        Report = self.env["promujer.portfolio.report"].with_context(
            allowed_company_ids=(self.root | self.region | self.branch_a | self.branch_b).ids,
            promujer_as_of=date(2024, 2, 25),
        )
        groups = Report.read_group([], ["outstanding:sum", "par30:sum"], ["company_id"])
        by_branch = {g["company_id"][0]: (g["outstanding"], g["par30"]) for g in groups}
        self.assertEqual(by_branch[self.branch_a.id], (4700.0, 200.0))
        self.assertEqual(by_branch[self.branch_b.id], (5000.0, 5000.0))
        aging = {
            g["aging"]: g["loan_count"]
            for g in Report.read_group([], ["loan_count:sum"], ["aging"])
        }
        self.assertEqual(aging, {"1_1_30": 24, "2_31_60": 26})

    def test_rescheduled_loans_are_at_risk(self):
        loan = self.cycle_a.loan_ids.sorted("id")[-1]
        self._reschedule(loan, 2, 0, date(2024, 3, 4), "Harvest lost.", date(2024, 2, 26))
        row = self.env["promujer.portfolio.report"].search([("loan_id", "=", loan.id)])
        self.assertEqual(row.par30, loan.principal_outstanding)
        self.assertTrue(row.rescheduled)

    def test_branch_manager_sees_only_her_branches(self):
        rows = self.env["promujer.portfolio.report"].with_user(self.manager).search([])
        self.assertEqual(rows.company_id, self.branch_a)
        collection = self.env["promujer.collection.report"].with_user(self.manager_b).search([])
        self.assertFalse(collection)

    def test_expected_versus_collected(self):
        groups = self.env["promujer.collection.report"].read_group(
            [("meeting_id", "=", self.meeting.id)], ["expected:sum", "collected:sum"], []
        )
        self.assertEqual((groups[0]["expected"], groups[0]["collected"]), (350.0, 336.0))

    def test_institutional_ratios(self):
        expense_account = self.company_data["default_account_expense"]
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "date": date(2024, 2, 1),
                "journal_id": self.company_data["default_journal_misc"].id,
                "line_ids": [
                    Command.create({"account_id": expense_account.id, "balance": 100.0}),
                    Command.create({"account_id": self.account_cash.id, "balance": -100.0}),
                ],
            }
        )
        move.action_post()
        self.env["promujer.loan"]._update_arrears(date(2024, 2, 29))
        report, ratio = self._ratios()
        self.assertAlmostEqual(ratio["oss"].numerator, 24 * 1.5, 2)  # interest received
        self.assertAlmostEqual(ratio["oss"].denominator, 100.0, 2)
        self.assertAlmostEqual(ratio["oss"].value, 0.36, 4)
        # The gross portfolio is the General Ledger's: nothing at the start, 9,700 at the end.
        self.assertAlmostEqual(ratio["yield"].denominator, (0.0 + 9700.0) / 2, 2)
        # 36 received in 60 days on 4,850, a year: 365 / 60 times that.
        self.assertAlmostEqual(ratio["yield"].value, 36.0 / 4850.0 * 365 / 60, 4)
        self.assertAlmostEqual(ratio["par30"].value, 9700.0 / 9700.0, 4)
        self.assertAlmostEqual(ratio["par90"].value, 0.0, 4)  # 29 to 38 days late
        self.assertAlmostEqual(ratio["portfolio_ledger"].value, 1.0, 4)  # one currency
        self.assertEqual(ratio["borrowers_per_officer"].numerator, 50)
        self.assertEqual(ratio["borrowers_per_officer"].denominator, 1)  # Beta has no officer
        self.assertAlmostEqual(ratio["portfolio_per_officer"].value, 9700.0, 2)
        self.assertAlmostEqual(ratio["cost_per_borrower"].value, 100.0 / 25.0 * 365 / 60, 4)
        # 100 of operating expense on the average portfolio (4,850) and on the average 25
        # loans (none at the start, 50 at the end), a year.
        self.assertAlmostEqual(ratio["opex_ratio"].value, 100.0 / 4850.0 * 365 / 60, 4)
        self.assertAlmostEqual(ratio["cost_per_loan"].value, 100.0 / 25.0 * 365 / 60, 4)
        # No provision booked yet: the allowance covers nothing of the 9,700 at risk.
        self.assertAlmostEqual(ratio["risk_coverage"].denominator, 9700.0, 2)
        self.assertEqual(ratio["risk_coverage"].value, 0.0)
        # The period lost 64 (36 in, 100 out), over the average assets, a year. (The test
        # books lent cash they never received: their assets are below zero.)
        roa = ratio["roa"]
        self.assertAlmostEqual(roa.numerator, 36.0 - 100.0, 2)
        # (numerator and denominator are shown rounded to the cent: compared within 0.1 %)
        expected_roa = roa.numerator / roa.denominator * 365 / 60
        self.assertAlmostEqual(roa.value, expected_roa, delta=abs(expected_roa) * 1e-3)
        # Equity is what the assets leave after the liabilities.
        liabilities, equity = (
            ratio["debt_to_equity"].numerator,
            ratio["debt_to_equity"].denominator,
        )
        self.assertAlmostEqual(equity, ratio["portfolio_to_assets"].denominator - liabilities, 2)
        self.assertAlmostEqual(ratio["portfolio_to_assets"].numerator, 9700.0, 2)
        # Without adjustments the financial self-sufficiency is the operational one; with
        # 10 % inflation on the average equity and a subsidy of 20 it falls.
        self.assertAlmostEqual(ratio["fss"].value, ratio["oss"].value, 4)
        report.write({"inflation_rate": 10.0, "subsidy_adjustment": 20.0})
        report.action_compute()
        ratio = {line.code: line for line in report.line_ids}
        equity = ratio["roe"].denominator
        self.assertAlmostEqual(ratio["fss"].denominator, 100.0 + 0.10 * equity * 60 / 365 + 20.0, 2)
        self.assertAlmostEqual(
            ratio["real_yield"].value, (36.0 / 4850.0 * 365 / 60 - 0.10) / 1.10, 4
        )
        report.write({"inflation_rate": 0.0, "subsidy_adjustment": 0.0})
        # An account configured explicitly replaces the defaults.
        expense_account.promujer_ratio_category = "operating_expense"
        report.action_compute()
        ratio = {line.code: line for line in report.line_ids}
        self.assertAlmostEqual(ratio["oss"].denominator, 100.0, 2)
        self.assertEqual(ratio["oss"].numerator, 0.0)  # no revenue account configured

    def test_pilot_compares_its_branches_with_the_others(self):
        pilot = (
            self.env["promujer.pilot"]
            .with_user(self.admin)
            .create(
                {
                    "name": "Village banking in Alpha",
                    "company_id": self.root.id,
                    "service_ref": f"promujer.loan.product,{self.product.id}",
                    "branch_ids": [Command.set(self.branch_a.ids)],
                    "start_date": date(2024, 1, 1),
                }
            )
        )
        pilot.action_start()
        self.assertCallRefused(
            UserError, "record the operational efficiency", pilot.action_evaluate
        )
        pilot.write(
            {
                "operational_efficiency": "<p>One officer for 25 women.</p>",
                "quality_of_delivery": "<p>Good.</p>",
                "weaknesses": "<p>Late meetings.</p>",
            }
        )
        pilot.action_evaluate()
        figures = {(f.side, f.measure): f.value for f in pilot.figure_ids}
        self.assertEqual(figures[("pilot", "Loans disbursed")], 25)
        self.assertEqual(figures[("others", "Loans disbursed")], 25)
        self.assertEqual(figures[("pilot", "Amount lent")], 5000.0)
        pilot.decision = "roll_out"
        pilot.action_decide()
        self.assertEqual(pilot.state, "decided")

    def test_ratios_of_a_branch_manager_are_her_branches(self):
        self.env["promujer.loan"]._update_arrears(date(2024, 2, 29))
        _report, ratio = self._ratios(user=self.manager)
        self.assertAlmostEqual(ratio["par30"].denominator, 4700.0, 2)  # Alpha only
        self.assertEqual(ratio["borrowers_per_officer"].numerator, 25)

    def test_write_off_ratio(self):
        self.env["promujer.loan"]._update_arrears(date(2024, 9, 1))
        loan = self.cycle_b.loan_ids[0]
        self._write_off(loan, date(2024, 9, 1), "Gone.")
        report = self.env["promujer.ratio.report"].create(
            {
                "company_id": self.root.id,
                "date_from": date(2024, 9, 1),
                "date_to": date(2024, 9, 30),
            }
        )
        report.action_compute()
        ratio = {line.code: line for line in report.line_ids}
        self.assertEqual(ratio["write_off"].numerator, 200.0)
