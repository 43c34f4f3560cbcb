"""The village bank's papers, printed in the user's language (Bolivian Spanish here) by
wkhtmltopdf, and read back with pdftotext: the women's names, amounts that match the
ledger, Spanish headings."""

import os
import shutil
import subprocess
import tempfile

import polib
from promujer_demo_case import DemoCase

from odoo.tests import tagged

SUITE = ("promujer_credit", "promujer_training", "promujer_health", "promujer_reports")
ADDONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "addons")


@tagged("post_install", "-at_install")
class TestDocuments(DemoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for tool in ("wkhtmltopdf", "pdftotext"):
            assert shutil.which(tool), f"{tool} is missing: setup/ installs it (Debian package)"
        cls.lang = cls.env["res.lang"]._activate_lang("es_BO")
        cls.env["ir.module.module"].search([("name", "in", SUITE)])._update_translations(
            filter_lang="es_BO", overwrite=True
        )
        cls.env.user.lang = "es_BO"
        cls.meeting = cls.env["promujer.meeting"].search(
            [("company_id", "=", cls.branch.id), ("state", "=", "posted")],
            order="date desc",
            limit=1,
        )

    def _pdf_text(self, report, records, env=None):
        pdf, kind = (
            (env or self.env)["ir.actions.report"]
            .with_context(lang="es_BO", force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf did not produce a PDF")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", handle.name, "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        return " ".join(text.split())

    def _money(self, amount):
        """An amount as Bolivian Spanish prints it (1.234,56)."""
        return self.lang.format("%.2f", amount, grouping=True)

    def _spanish(self, english, module="promujer_credit"):
        """The Spanish of a heading, from the addon's es_419.po (what the PDF must show)."""
        entry = polib.pofile(os.path.join(ADDONS, module, "i18n", "es_419.po")).find(english)
        self.assertTrue(entry and entry.msgstr, f"{english!r} has no Spanish translation")
        self.assertNotEqual(entry.msgstr, english)
        return " ".join(entry.msgstr.split())

    def test_collection_sheet_before_and_after_posting(self):
        meeting = self.meeting
        text = self._pdf_text("promujer_credit.action_report_collection_sheet", meeting)
        self.assertIn(self._spanish("Collection sheet (posted)"), text)
        self.assertIn(self._spanish("Signature"), text)
        for line in meeting.line_ids:
            self.assertIn(line.partner_id.name, text)
        # The total paid is what the meeting's entry took in cash.
        cash = meeting.move_id.line_ids.filtered(
            lambda line: line.account_id == self.product.journal_id.default_account_id
        )
        self.assertAlmostEqual(
            abs(sum(cash.mapped("amount_currency"))), meeting.amount_paid + meeting.amount_saved, 2
        )
        self.assertIn(self._money(meeting.amount_paid), text)
        draft = self.env["promujer.meeting"].create(
            {"association_id": meeting.association_id.id, "cycle_id": meeting.cycle_id.id}
        )
        text = self._pdf_text("promujer_credit.action_report_collection_sheet", draft)
        self.assertIn(self._spanish("Collection sheet"), text)
        self.assertNotIn(self._spanish("Collection sheet (posted)"), text)
        self.assertIn(self._spanish("Solidarity group"), text)

    def test_receipts_of_a_posted_meeting(self):
        meeting = self.meeting
        text = self._pdf_text("promujer_credit.action_report_meeting_receipts", meeting)
        self.assertIn(self._spanish("Receipts of the meeting"), text)
        paying = meeting.line_ids.filtered("amount_paid")[:1]
        self.assertIn(paying.partner_id.name, text)
        self.assertIn(self._money(paying.loan_id.principal_outstanding), text)
        self.assertIn(
            self._spanish("<strong>Principal still owed</strong>")
            .removeprefix("<strong>")
            .removesuffix("</strong>"),
            text,
        )

    def test_cycle_papers(self):
        cycle = self.demo_cycle
        minutes = self._pdf_text("promujer_credit.action_report_committee_minutes", cycle)
        self.assertIn(self._spanish("Minutes of the credit committee"), minutes)
        for member in cycle.committee_member_ids:
            self.assertIn(member.name, minutes)
        sheet = self._pdf_text("promujer_credit.action_report_disbursement_sheet", cycle)
        self.assertIn(self._spanish("Disbursement sheet"), sheet)
        # The total lent is the portfolio the disbursement entry debited.
        portfolio = cycle.disbursement_move_id.line_ids.filtered(
            lambda line: line.account_id == self.product.portfolio_account_id
        )
        self.assertAlmostEqual(sum(portfolio.mapped("amount_currency")), cycle.amount_total, 2)
        self.assertIn(self._money(cycle.amount_total), sheet)
        loan = cycle.loan_ids.sorted("id")[0]
        schedule = self._pdf_text("promujer_credit.action_report_loan_schedule", loan)
        self.assertIn(self._spanish("Repayment schedule"), schedule)
        self.assertIn(loan.partner_id.name, schedule)
        first = loan.installment_ids.sorted("sequence")[0]
        self.assertIn(self._money(first.principal_due + first.interest_due), schedule)

    def test_ratios_and_portfolio_at_risk(self):
        report = (
            self.env["promujer.ratio.report"]
            .with_context(lang="es_BO")
            .create({"company_id": self.root.id})
        )
        report.action_compute()
        text = self._pdf_text("promujer_reports.action_report_ratios", report)
        self.assertIn(self._spanish("Institutional ratios (SEEP)", "promujer_reports"), text)
        self.assertIn(self._spanish("Operational self-sufficiency", "promujer_reports"), text)
        lines = self.env["promujer.portfolio.report"].search([])
        text = self._pdf_text("promujer_reports.action_report_portfolio_at_risk", lines)
        self.assertIn(self._spanish("Portfolio at risk", "promujer_reports"), text)
        self.assertIn(self._money(sum(lines.mapped("outstanding"))), text)
        self.assertIn(self.branch.name, text)

    def test_a_branch_manager_prints_the_reports_of_her_branch(self):
        """The demo's branch manager, allowed in her Focal Center only, prints the
        portfolio at risk and the Operational Data: the headers name her regional office
        and the institution, which she does not read otherwise."""
        manager = self.env.ref("promujer_credit.user_demo_manager")
        env = self.env(user=manager, context={"allowed_company_ids": manager.company_ids.ids})
        lines = env["promujer.portfolio.report"].search([])
        self.assertEqual(lines.company_id, self.branch)
        text = self._pdf_text("promujer_reports.action_report_portfolio_at_risk", lines, env)
        self.assertIn(self._money(sum(lines.mapped("outstanding"))), text)
        report = env["promujer.operational.report"].create(
            {"company_id": self.root.id, "as_of": self.today}
        )
        report.action_compute()
        text = self._pdf_text("promujer_reports.action_report_operational_data", report, env)
        self.assertIn(self.root.name, text)  # the institution's letterhead
        # Her branch's row (its name wraps in its column).
        self.assertIn(self.branch.name.split(" (")[0], text)
