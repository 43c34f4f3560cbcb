"""What the staff's screens show, on the demo: the branch dashboard, today's meetings, the
warning on a second collection sheet, reports that never add two currencies and say why
they are empty."""

import datetime

from promujer_demo_case import DemoCase

from odoo import fields
from odoo.tests import Form, tagged


@tagged("post_install", "-at_install")
class TestScreens(DemoCase):
    def test_branch_dashboard_figures(self):
        row = self.env["promujer.branch.dashboard"].search([("company_id", "=", self.branch.id)])
        loans = self.env["promujer.loan"].search(
            [("company_id", "=", self.branch.id), ("state", "in", ("active", "rescheduled"))]
        )
        root = self.root
        portfolio = sum(
            loan.currency_id._convert(
                loan.principal_outstanding, root.currency_id, root, self.today, round=False
            )
            for loan in loans
        )
        self.assertAlmostEqual(row.portfolio, portfolio, delta=0.01)
        self.assertEqual(row.borrowers, len(loans.partner_id))
        self.assertEqual(row.currency_id, root.currency_id)
        women = loans.partner_id.filtered(lambda p: p.promujer_gender == "female")
        self.assertTrue(women, "the demo lends to women")
        self.assertEqual(row.women_borrowers, len(women))
        self.assertAlmostEqual(row.women_share, 100 * len(women) / len(loans.partner_id), 2)
        self.assertGreaterEqual(row.par1, row.par30)
        self.assertGreaterEqual(row.par30, row.par90)
        month_start = self.today.replace(day=1)
        month = self.env["promujer.loan"].search(
            [
                ("company_id", "=", self.branch.id),
                ("state", "not in", ("draft", "cancelled")),
                ("disbursement_date", ">=", month_start),
                ("disbursement_date", "<=", self.today),
            ]
        )
        self.assertEqual(row.loans_disbursed_month, len(month))
        lines = self.env["promujer.meeting.line"].search(
            [
                ("meeting_id.company_id", "=", self.branch.id),
                ("meeting_id.state", "=", "posted"),
                ("meeting_id.date", ">=", month_start),
                ("meeting_id.date", "<=", self.today),
            ]
        )
        due = sum(
            line.meeting_id.currency_id._convert(
                line.amount_due, root.currency_id, root, self.today, round=False
            )
            for line in lines
        )
        self.assertAlmostEqual(row.expected_month, due, delta=0.01)
        # The manager of Villa Adela sees her branch only.
        manager = self.env.ref("promujer_credit.user_demo_manager")
        rows = self.env["promujer.branch.dashboard"].with_user(manager).search([])
        self.assertEqual(rows.company_id, self.branch)

    def test_dashboard_percentages_of_a_region_come_from_its_sums(self):
        """The share of women, PAR > 30 (%) and the collection rates of a regional office
        and of the institution are the percentages of their totals, never an average of
        the branches' percentages."""
        Dashboard = self.env["promujer.branch.dashboard"]
        rows = Dashboard.search([("borrowers", ">", 0)])
        self.assertGreater(len(rows), 1, "the demo lends in several Focal Centers")
        measures = ["women_share:avg", "par30_rate:avg", "collection_rate_month:avg"]
        for group in Dashboard.read_group(
            [("borrowers", ">", 0)], measures + ["borrowers:sum"], ["region_id"]
        ) + Dashboard.read_group([("borrowers", ">", 0)], measures, []):
            members = Dashboard.search(group.get("__domain", [("borrowers", ">", 0)]))
            borrowers = sum(members.mapped("borrowers"))
            self.assertAlmostEqual(
                group["women_share"], 100 * sum(members.mapped("women_borrowers")) / borrowers, 2
            )
            portfolio = sum(members.mapped("portfolio"))
            self.assertAlmostEqual(
                group["par30_rate"], 100 * sum(members.mapped("par30")) / portfolio, 2
            )
            expected = sum(members.mapped("expected_month"))
            rate = 100 * sum(members.mapped("collected_month")) / expected if expected else 0
            self.assertAlmostEqual(group["collection_rate_month"], rate, 2)
            self.assertNotIn("promujer_sum_borrowers", group)
        # The average of the branches' shares differs from the share of the total: the
        # test above would catch an average.
        shares = rows.mapped("par30_rate")
        self.assertNotAlmostEqual(
            sum(shares) / len(shares),
            100 * sum(rows.mapped("par30")) / sum(rows.mapped("portfolio")),
            2,
        )

    def test_dashboard_drills_down_to_the_loans_at_risk(self):
        rows = self.env["promujer.branch.dashboard"].search([("par30", ">", 0)])
        self.assertTrue(rows, "the demo has a Focal Center with loans at risk")
        row = rows[0]
        action = row.action_open_loans_at_risk()
        loans = self.env["promujer.loan"].search(action["domain"])
        self.assertTrue(loans)
        self.assertEqual(loans.company_id, row.company_id)
        self.assertTrue(all(loan.days_late > 30 or loan.reschedule_count for loan in loans))
        # Every loan of the Focal Center over 30 days late is in the list.
        late = self.env["promujer.loan"].search(
            [("company_id", "=", row.company_id.id), ("days_late", ">", 30)]
        )
        self.assertLessEqual(late, loans)

    def test_todays_meetings_and_a_second_sheet(self):
        association = self.demo_cycle.association_id
        association.meeting_weekday = str(fields.Date.context_today(association).weekday())
        today = self.env["promujer.association"].search([("meets_today", "=", True)])
        self.assertIn(association, today)
        officer = self.env.ref("promujer_credit.user_demo_officer")
        Meeting = self.env["promujer.meeting"].with_user(officer)
        Meeting.create({"association_id": association.id, "cycle_id": self.demo_cycle.id})
        form = Form(Meeting)
        form.association_id = association
        # The association's disbursed cycle is chosen; the second sheet is warned of.
        self.assertEqual(form.cycle_id, self.demo_cycle)
        warning = Meeting.new(
            {"association_id": association.id, "date": Meeting._fields["date"].default(Meeting)}
        )._onchange_duplicate_warning()
        self.assertIn("already a draft collection sheet", warning["warning"]["message"])

    def test_expected_versus_collected_never_adds_two_currencies(self):
        lines = self.env["promujer.collection.report"].search(
            [("company_id", "child_of", self.root.id)]
        )
        self.assertGreater(len(lines.loan_currency_id), 1, "the demo lends in USD and BOB")
        self.assertEqual(lines.currency_id, self.root.currency_id)
        usd = lines.filtered(lambda line: line.loan_currency_id.name == "USD")[:1]
        rate = usd.loan_currency_id._get_conversion_rate(
            usd.loan_currency_id, self.root.currency_id, self.root, usd.date
        )
        self.assertAlmostEqual(usd.expected, usd.expected_loan_currency * rate, delta=0.01)

    def test_an_empty_report_says_why(self):
        report = self.env["promujer.operational.report"].create(
            {"as_of": datetime.date(2001, 7, 31), "company_id": self.root.id}
        )
        report.action_compute()
        self.assertFalse(report.line_ids)
        self.assertRegex(
            report.empty_reason,
            "Nothing to report as of 07/31/2001: no loan was disbursed before that date: the "
            "first loan of your branches was disbursed on",
        )
        report.as_of = self.today
        action = report.action_compute()
        self.assertEqual((action["res_model"], action["res_id"]), (report._name, report.id))
        self.assertTrue(report._total_line().borrowers)
        self.assertFalse(report.empty_reason)

    def _opened(self, action):
        """The records a window action lists, as the web client would search them."""
        return self.env[action["res_model"]].search(action.get("domain") or [])

    def test_smart_buttons_list_what_they_count(self):
        cycle = self.demo_cycle
        association = cycle.association_id
        woman = cycle.loan_ids[:1].partner_id
        group = woman.promujer_group_id
        visited = self.env["promujer.health.visit"].search([], limit=1)
        course = self.env["promujer.training.course"].search(
            [("session_ids", "!=", False)], limit=1
        )
        buttons = [
            (association, "action_view_cycles", "cycle_count", "association_id"),
            (association, "action_view_meetings", "meeting_count", "association_id"),
            (association, "action_view_members", "member_count", None),
            (cycle, "action_view_loans", "loan_count", "cycle_id"),
            (woman, "action_promujer_view_loans", "promujer_loan_count", "partner_id"),
            (woman, "action_promujer_view_memberships", "promujer_membership_count", None),
            (group, "action_view_memberships", "membership_count", None),
            (visited.post_id, "action_view_visits", "visit_count", "post_id"),
            (
                visited.patient_id,
                "action_promujer_view_health_visits",
                "promujer_health_visit_count",
                "patient_id",
            ),
            (course, "action_view_sessions", "session_count", "course_id"),
            (course.program_id, "action_view_courses", "course_count", "program_id"),
        ]
        if course.association_id:
            buttons.append(
                (
                    course.association_id,
                    "action_view_training_courses",
                    "training_course_count",
                    "association_id",
                )
            )
        for record, method, count, field in buttons:
            with self.subTest(button=f"{record._name}.{method}"):
                action = getattr(record, method)()
                self.assertTrue(record[count], f"the demo has something behind {method}")
                self.assertEqual(len(self._opened(action)), record[count])
                context = action.get("context") or {}
                if field:
                    # A record created from the list belongs to the record it was opened from.
                    self.assertEqual(context.get(f"default_{field}"), record.id)
        # Memberships over time: the list shows those she left too.
        self.assertEqual(woman.action_promujer_view_memberships()["context"], {})
        self.assertEqual(group.action_view_memberships()["context"], {"search_default_current": 0})

    def test_buttons_that_open_one_form(self):
        association = self.demo_cycle.association_id
        new_cycle = association.action_new_cycle()
        self.assertEqual(new_cycle["view_mode"], "form")
        self.assertFalse(new_cycle.get("res_id"), "a new cycle, not an existing one")
        self.assertEqual(new_cycle["context"], {"default_association_id": association.id})
        self.assertEqual(new_cycle["res_model"], "promujer.loan.cycle")
        contribution = association.action_record_internal_contribution()
        self.assertEqual(contribution["target"], "new")
        self.assertEqual(contribution["context"]["default_kind"], "contribution")
        invoiced = self.env["promujer.health.visit"].search([("invoice_id", "!=", False)], limit=1)
        self.assertTrue(invoiced, "the demo invoices a health visit")
        invoice = invoiced.action_view_invoice()
        self.assertEqual(
            (invoice["view_mode"], invoice["res_id"]), ("form", invoiced.invoice_id.id)
        )
        loans = (
            self.env["promujer.branch.dashboard"]
            .search([("company_id", "=", self.branch.id)])
            .action_open_loans()
        )
        self.assertTrue(self._opened(loans))
        self.assertEqual(set(self._opened(loans).mapped("company_id")), {self.branch})
        self.assertIn(self.branch.name, loans["display_name"])
