# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import logging
import time
from datetime import date
from decimal import Decimal
from unittest.mock import patch

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..tools import portfolio_import as parser
from .common import PromujerCreditCommon

_logger = logging.getLogger(__name__)

OPENING = date(2024, 3, 1)


def portfolio_rows(associations=20, per_group=5, groups=4, product="Village banking"):
    """The rows of a generated Focal Center: `associations` of `groups` x `per_group`
    women, one open cycle each (their second), disbursed on 15 January 2024 for four
    months, each woman having paid part of her loan; a savings balance per woman and
    an internal balance per association."""
    rows = {file: [] for file in parser.FILES}
    n = 0
    for a in range(associations):
        name = f"Imported association {a + 1:02d}"
        for g in range(groups):
            for _m in range(per_group):
                n += 1
                id_number = f"IMP-{n:05d}"
                rows["clients"].append(
                    {
                        "name": f"Imported woman {n:04d}",
                        "id_number": id_number,
                        "gender": "F",
                        "birth_date": date(1970 + n % 30, 1 + n % 12, 1 + n % 28),
                        "phone": f"7{n:07d}",
                    }
                )
                rows["groups"].append(
                    {
                        "association": name,
                        "meeting_weekday": "Monday",
                        "group": f"Group {g + 1}",
                        "id_number": id_number,
                    }
                )
                amount = Decimal(200 + (n % 5) * 50)
                paid = (amount * (n % 8) / 16).quantize(Decimal("0.01"))
                rows["loans"].append(
                    {
                        "association": name,
                        "cycle_number": 2,
                        "product": product,
                        "disbursement_date": date(2024, 1, 15),
                        "id_number": id_number,
                        "amount": amount,
                        "term_months": 4,
                        "principal_paid": paid,
                        "interest_paid": (paid * Decimal("0.12")).quantize(Decimal("0.01")),
                    }
                )
                rows["savings"].append(
                    {"association": name, "id_number": id_number, "balance": 20 + n % 7 * 5}
                )
        rows["internal"].append({"association": name, "balance": 150})
    return rows


def xlsx(file, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(parser.header(file))
    for row in rows:
        sheet.append([row.get(name) for name in parser.header(file)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class PortfolioImportCommon(PromujerCreditCommon):
    def _import_record(self, rows, user=None, xlsx_files=("clients", "loans")):
        """A draft import of `rows` in Focal Center Alpha: some files XLSX, the others CSV."""
        values = {"company_id": self.branch_a.id, "opening_date": OPENING, "name": "Alpha"}
        for file, file_rows in rows.items():
            if not file_rows:
                continue
            if file in xlsx_files:
                content, filename = xlsx(file, file_rows), f"{file}.xlsx"
            else:
                content, filename = parser.write_csv(file, file_rows), f"{file}.csv"
            values[f"{file}_file"] = base64.b64encode(content)
            values[f"{file}_filename"] = filename
        return self.env["promujer.portfolio.import"].with_user(user or self.manager).create(values)

    @staticmethod
    def _expected(rows):
        outstanding = sum(r["amount"] - r["principal_paid"] for r in rows["loans"])
        savings = sum(Decimal(r["balance"]) for r in rows["savings"])
        return float(outstanding), float(savings)


@tagged("post_install", "-at_install")
class TestPortfolioImport(PortfolioImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager.company_ids = [(4, cls.root.id)]

    def test_a_focal_center_imports_and_the_ledger_ties(self):
        rows = portfolio_rows()
        record = self._import_record(rows)
        started = time.perf_counter()
        record.action_check()
        checked = time.perf_counter()
        self.assertEqual(record.problem_ids.mapped("message"), [])
        self.assertEqual(record.state, "checked")
        # The dry run imported nothing.
        Partner = self.env["res.partner"]
        self.assertFalse(Partner.search_count([("promujer_national_id", "=like", "IMP-%")]))
        imported = time.perf_counter()
        record.action_import()
        self.assertEqual(record.state, "done")
        _logger.info(
            "Portfolio import of 400 women: dry run %.1fs, import %.1fs",
            checked - started,
            time.perf_counter() - imported,
        )

        loans = self.env["promujer.loan"].search(
            [("partner_id.promujer_national_id", "=like", "IMP-%")]
        )
        self.assertEqual(len(loans), 400)
        self.assertEqual(set(loans.mapped("state")), {"active"})
        self.assertEqual(loans.company_id, self.branch_a)
        associations = loans.association_id
        self.assertEqual(len(associations), 20)
        self.assertEqual(set(associations.mapped("state")), {"active"})
        self.assertEqual(set(associations.mapped("member_count")), {20})
        self.assertEqual(set(associations.mapped("group_count")), {4})
        self.assertEqual(set(loans.cycle_id.mapped("cycle_number")), {2})
        self.assertEqual(set(loans.cycle_id.mapped("state")), {"disbursed"})

        outstanding, savings = self._expected(rows)
        self.assertAlmostEqual(sum(loans.mapped("principal_outstanding")), outstanding, 2)
        # One woman: her paid installments are paid, no new cash entry.
        woman = loans.filtered(lambda loan: loan.partner_id.promujer_national_id == "IMP-00007")
        her_row = rows["loans"][6]
        self.assertEqual(her_row["id_number"], "IMP-00007")
        her_outstanding = float(her_row["amount"] - her_row["principal_paid"])
        self.assertAlmostEqual(woman.principal_paid, float(her_row["principal_paid"]), 2)
        self.assertAlmostEqual(woman.principal_outstanding, her_outstanding, 2)
        self.assertEqual(woman.installment_ids[0].state, "paid")
        self.assertEqual(woman.installment_ids[-1].state, "open")
        self.assertFalse(woman.cycle_id.disbursement_move_id)

        # ONE opening entry for the branch, against PM3900.
        move = record.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.company_id, self.branch_a)
        opening = self.chart.ref("promujer_account_opening")
        self.assertEqual(opening.code, "PM3900")
        portfolio_lines = move.line_ids.filtered(lambda ml: ml.account_id == self.account_portfolio)
        savings_lines = move.line_ids.filtered(lambda ml: ml.account_id == self.account_savings)
        opening_lines = move.line_ids.filtered(lambda ml: ml.account_id == opening)
        self.assertEqual(len(portfolio_lines), 400)
        self.assertEqual(len(savings_lines), 400)
        self.assertAlmostEqual(sum(portfolio_lines.mapped("amount_currency")), outstanding, 2)
        self.assertAlmostEqual(sum(savings_lines.mapped("amount_currency")), -savings, 2)
        self.assertAlmostEqual(sum(opening_lines.mapped("balance")), savings - outstanding, 2)
        line = portfolio_lines.filtered(lambda ml: ml.partner_id == woman.partner_id)
        self.assertAlmostEqual(line.amount_currency, her_outstanding, 2)
        self.assertEqual(line.currency_id, woman.currency_id)
        self.assertAlmostEqual(self._savings_total(), savings, 2)
        self.assertEqual(set(associations.mapped("internal_balance")), {150.0})

        # The General Ledger ties to the loans and the savings on day one.
        totals, differences = self.env["promujer.ledger.check"]._tie_out(self.root)
        self.assertEqual(differences, [])
        currency = woman.currency_id
        ledger, suite = totals[("portfolio", currency)]
        self.assertAlmostEqual(ledger, outstanding, 2)
        self.assertAlmostEqual(suite, outstanding, 2)
        ledger, suite = totals[("savings", currency)]
        self.assertAlmostEqual(ledger, savings, 2)

    def test_ten_bad_rows_are_reported_and_nothing_is_imported(self):
        rows = portfolio_rows(associations=3)
        rows["clients"][0]["name"] = ""  # row 2
        rows["clients"][4]["gender"] = "X"  # row 6
        rows["clients"][9]["birth_date"] = "31/31/1980"  # row 11
        rows["groups"][2]["meeting_weekday"] = "Someday"  # row 4
        rows["groups"][30]["group"] = ""  # row 32
        rows["loans"][1]["term_months"] = "four"  # row 3
        rows["loans"][5]["amount"] = Decimal(5000)  # row 7: above the maximum
        rows["loans"][7]["disbursement_date"] = "someday"  # row 9
        rows["savings"][3]["balance"] = -5  # row 5
        rows["internal"][1]["association"] = "Unknown association"  # row 3
        record = self._import_record(rows)
        record.action_check()
        self.assertEqual(record.state, "failed")
        self.assertEqual(
            [
                (p.file, p.row, p.column)
                for p in record.problem_ids.sorted(lambda p: (p.file, p.row))
            ],
            [
                ("clients", 2, "name"),
                ("clients", 6, "gender"),
                ("clients", 11, "birth_date"),
                ("groups", 4, "meeting_weekday"),
                ("groups", 32, "group"),
                ("internal", 3, "association"),
                ("loans", 3, "term_months"),
                ("loans", 7, "amount"),
                ("loans", 9, "disbursement_date"),
                ("savings", 5, "balance"),
            ],
        )
        with self.assertRaisesRegex(UserError, "not possible"):
            record.action_import()
        self.assertFalse(
            self.env["res.partner"].search_count([("promujer_national_id", "=like", "IMP-%")])
        )
        self.assertFalse(
            self.env["promujer.association"].search_count([("name", "=like", "Imported%")])
        )

    def test_unknown_product_and_paid_beyond_the_schedule(self):
        rows = portfolio_rows(associations=1)
        for row in rows["loans"]:
            row["product"] = "No such product"
        record = self._import_record(rows)
        record.action_check()
        self.assertEqual(len(record.problem_ids), 20)
        self.assertEqual(set(record.problem_ids.mapped("message")), {"no such loan product"})
        rows = portfolio_rows(associations=1)
        rows["loans"][3]["interest_paid"] = Decimal(500)
        record = self._import_record(rows)
        record.action_check()
        self.assertEqual(
            [(p.file, p.row, p.column, p.message) for p in record.problem_ids],
            [("loans", 5, "interest_paid", "she paid more interest than the loan asks")],
        )

    def test_an_error_during_the_import_leaves_nothing(self):
        record = self._import_record(portfolio_rows(associations=2))
        record.action_check()
        self.assertEqual(record.state, "checked")
        Import = type(self.env["promujer.portfolio.import"])
        with (
            patch.object(Import, "_import_internal", side_effect=UserError("Broken")),
            self.assertRaisesRegex(UserError, "Broken"),
        ):
            record.action_import()
        self.assertEqual(record.state, "checked")
        self.assertFalse(record.move_id)
        for model, domain in (
            ("res.partner", [("promujer_national_id", "=like", "IMP-%")]),
            ("promujer.association", [("name", "=like", "Imported%")]),
            ("promujer.loan.cycle", [("association_id.name", "=like", "Imported%")]),
            ("account.move", [("ref", "=like", "Opening balances%")]),
        ):
            self.assertFalse(self.env[model].search_count(domain), model)

    def test_a_queued_import_runs_in_the_background(self):
        rows = portfolio_rows(associations=2)
        record = self._import_record(rows)
        record.action_check()
        cron = self.env.ref("promujer_credit.ir_cron_portfolio_import")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        record.with_user(self.manager).action_queue()
        self.assertEqual(record.state, "queued")
        self.assertEqual(record.queued_uid, self.manager)
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers + 1
        )
        Partner = self.env["res.partner"]
        self.assertFalse(Partner.search_count([("promujer_national_id", "=like", "IMP-%")]))
        # A queued import is not imported twice by hand.
        with self.assertRaises(UserError):
            record.with_user(self.manager).action_import()
        self.env["promujer.portfolio.import"]._cron_run_queued()
        self.assertEqual(record.state, "done")
        self.assertEqual(record.move_id.state, "posted")
        outstanding, _savings = self._expected(rows)
        loans = self.env["promujer.loan"].search(
            [("partner_id.promujer_national_id", "=like", "IMP-%")]
        )
        self.assertEqual(len(loans), 40)
        self.assertAlmostEqual(sum(loans.mapped("principal_outstanding")), outstanding, 2)
        self.assertEqual(self.env["promujer.ledger.check"]._tie_out(self.root)[1], [])
        message = record.message_ids[:1]
        self.assertIn(record.move_id.name, message.body)
        self.assertIn(self.manager.partner_id, message.partner_ids)
        self.assertEqual(message.author_id, self.manager.partner_id)

    def test_a_queued_import_that_fails_leaves_nothing_and_says_why(self):
        record = self._import_record(portfolio_rows(associations=2))
        record.action_check()
        record.with_user(self.manager).action_queue()
        Import = type(self.env["promujer.portfolio.import"])
        with patch.object(Import, "_import_internal", side_effect=UserError("Broken")):
            self.env["promujer.portfolio.import"]._cron_run_queued()
        self.assertEqual(record.state, "failed")
        self.assertFalse(record.move_id)
        self.assertEqual(record.problem_ids.mapped("message"), ["Broken"])
        self.assertIn("Broken", record.message_ids[:1].body)
        self.assertFalse(
            self.env["res.partner"].search_count([("promujer_national_id", "=like", "IMP-%")])
        )

    def test_her_remaining_schedule_from_the_file(self):
        rows = portfolio_rows(associations=1)
        loan_row = rows["loans"][0]
        remaining = loan_row["amount"] - loan_row["principal_paid"]
        third = (remaining / 3).quantize(Decimal("0.01"))
        rows["schedule"] = [
            {
                "id_number": "IMP-00001",
                "due_date": date(2024, 3, 4),
                "principal": third,
                "interest": 5,
            },
            {
                "id_number": "IMP-00001",
                "due_date": date(2024, 3, 11),
                "principal": third,
                "interest": 5,
            },
            {
                "id_number": "IMP-00001",
                "due_date": date(2024, 3, 18),
                "principal": remaining - 2 * third,
                "interest": 5,
            },
        ]
        record = self._import_record(rows)
        record.action_check()
        self.assertEqual(record.problem_ids.mapped("message"), [])
        record.action_import()
        loan = self.env["promujer.loan"].search(
            [("partner_id.promujer_national_id", "=", "IMP-00001")]
        )
        self.assertRecordValues(
            loan.installment_ids.sorted("sequence"),
            [
                {
                    "principal_due": float(loan_row["principal_paid"]),
                    "interest_due": float(loan_row["interest_paid"]),
                    "state": "paid",
                },
                {"principal_due": float(third), "interest_due": 5.0, "state": "open"},
                {"principal_due": float(third), "interest_due": 5.0, "state": "open"},
                {
                    "principal_due": float(remaining - 2 * third),
                    "interest_due": 5.0,
                    "state": "open",
                },
            ],
        )
        self.assertAlmostEqual(loan.principal_outstanding, float(remaining), 2)
        self.assertEqual(self.env["promujer.ledger.check"]._tie_out(self.root)[1], [])
        # A remaining schedule that does not add up to her loan is a problem of her loan row.
        rows = portfolio_rows(associations=1)
        for row in rows["clients"] + rows["groups"] + rows["loans"] + rows["savings"]:
            row["id_number"] = row["id_number"].replace("IMP", "NEW")
        for row in rows["groups"] + rows["loans"] + rows["savings"] + rows["internal"]:
            row["association"] = "Another association"
        rows["schedule"] = [
            {"id_number": "NEW-00002", "due_date": date(2024, 3, 4), "principal": 1, "interest": 0}
        ]
        record = self._import_record(rows)
        record.action_check()
        self.assertEqual(
            [(p.file, p.row, p.column) for p in record.problem_ids],
            [("loans", 3, "principal_paid")],
        )

    def test_existing_clients_and_associations_are_problems(self):
        rows = portfolio_rows(associations=1)
        self._create_association(name="Imported association 01")
        self.env["res.partner"].create(
            {"name": "Already", "promujer_is_client": True, "promujer_national_id": "IMP-00003"}
        )
        record = self._import_record(rows)
        record.action_check()
        self.assertEqual(
            [(p.file, p.row, p.column, p.message) for p in record.problem_ids],
            [
                ("clients", 4, "id_number", "she is already a client"),
                ("groups", 2, "association", "this association already exists"),
            ],
        )

    def test_a_loan_officer_cannot_import(self):
        with self.assertRaises(AccessError):
            self._import_record(portfolio_rows(associations=1), user=self.officer)
        record = self._import_record(portfolio_rows(associations=1))
        with self.assertRaisesRegex(UserError, "Only a branch manager"):
            record.with_user(self.officer).action_check()
        record.action_check()
        with self.assertRaisesRegex(UserError, "Only a branch manager"):
            record.with_user(self.officer).action_import()
        self.assertEqual(record.state, "checked")

    def test_templates_have_the_header_row(self):
        record = self._import_record({})
        action = record.with_context(promujer_file="loans").action_template()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
        self.assertEqual([c.value for c in book.active[1]], parser.header("loans"))
