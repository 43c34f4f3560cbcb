"""Bolivian Spanish everywhere: every string of the four addons has its Latin American
Spanish translation (Odoo loads es.po, es_419.po, then es_BO.po for es_BO), and each
addon's .pot is the one its code and data produce today, so new strings come with their
translation."""

import base64
import os
import re
from datetime import date

import polib

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

from odoo.addons.promujer_credit.tools import portfolio_import as parser

SUITE = ("promujer_credit", "promujer_training", "promujer_health", "promujer_reports")
ADDONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "addons")


def _msgids(path):
    return {entry.msgid for entry in polib.pofile(path) if not entry.obsolete}


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def _files(self, module):
        folder = os.path.join(ADDONS, module, "i18n")
        return os.path.join(folder, f"{module}.pot"), os.path.join(folder, "es_419.po")

    def test_every_string_has_its_spanish_translation(self):
        for module in SUITE:
            with self.subTest(module=module):
                pot, po = self._files(module)
                self.assertTrue(os.path.isfile(pot), f"{module} has no i18n/{module}.pot")
                self.assertTrue(os.path.isfile(po), f"{module} has no i18n/es_419.po")
                translated = {
                    entry.msgid
                    for entry in polib.pofile(po)
                    if entry.msgstr.strip() and not entry.obsolete and "fuzzy" not in entry.flags
                }
                missing = sorted(_msgids(pot) - translated)
                self.assertEqual(missing, [], f"{module}: strings without a Spanish translation")

    def test_the_templates_are_up_to_date_with_the_code(self):
        for module in SUITE:
            with self.subTest(module=module):
                pot, _po = self._files(module)
                current = {
                    row[4]
                    for row in TranslationModuleReader(self.env.cr, modules=[module])
                    if row[0] == module and row[4]
                }
                committed = _msgids(pot)
                self.assertEqual(
                    sorted(current - committed),
                    [],
                    f"{module}: strings of the code missing from i18n/{module}.pot: "
                    "regenerate it (docs/translations.md) and translate them",
                )
                self.assertEqual(
                    sorted(committed - current),
                    [],
                    f"{module}: i18n/{module}.pot has strings the code no longer has",
                )

    def _load_spanish(self, modules=SUITE):
        """Bolivian Spanish active, with the translations of `modules`."""
        self.env["res.lang"]._activate_lang("es_BO")
        self.env["ir.module.module"].search([("name", "in", modules)])._update_translations(
            filter_lang="es_BO", overwrite=True
        )

    def test_bolivian_spanish_is_loaded(self):
        self._load_spanish()
        es = self.env(context={"lang": "es_BO"})
        self.assertEqual(
            es.ref("promujer_credit.menu_microfinance_root").name,
            polib.pofile(self._files("promujer_credit")[1]).find("Microfinance").msgstr,
        )
        label = es["promujer.association"]._fields["company_id"]._description_string(es)
        self.assertEqual(label, "Centro Focal")
        # A message of the code, raised to a user who works in Spanish.
        spanish = (
            polib.pofile(self._files("promujer_credit")[1])
            .find("Only loan officers submit loan cycles.")
            .msgstr
        )
        accountant = self.env.ref("promujer_credit.user_demo_accountant")
        cycle = self.env["promujer.loan.cycle"].search([("state", "=", "draft")], limit=1)
        with self.assertRaisesRegex(UserError, re.escape(spanish)):
            cycle.with_user(accountant).with_context(lang="es_BO").action_submit()

    def test_the_problems_of_a_portfolio_import_in_spanish(self):
        """The dry run's problems, found by the parser outside Odoo, reach a branch
        manager who works in Spanish in Spanish."""
        self._load_spanish(["promujer_credit"])
        po = polib.pofile(self._files("promujer_credit")[1])
        manager = self.env.ref("promujer_credit.user_demo_manager")
        clients = parser.write_csv(
            "clients",
            [{"name": "Ana", "id_number": "ES-1", "gender": "X", "birth_date": "1980-01-01"}],
        )
        record = (
            self.env["promujer.portfolio.import"]
            .with_user(manager)
            .with_context(lang="es_BO")
            .create(
                {
                    "company_id": manager.company_id.id,
                    "opening_date": "2024-03-01",
                    "clients_file": base64.b64encode(clients),
                    "clients_filename": "clients.csv",
                }
            )
        )
        record.action_check()
        messages = set(record.problem_ids.mapped("message"))
        gender = po.find("%(value)s is not a gender (F or M)").msgstr
        self.assertIn(gender % {"value": "'X'"}, messages)
        self.assertIn(po.find("the file is missing or empty").msgstr, messages)
        self.assertNotIn("the file is missing or empty", messages)

    def test_kinds_are_named_in_spanish(self):
        """What the suite writes for a user who works in Spanish names a kind in Spanish:
        the name of a savings transaction and of an entry of the internal account, the
        label of a savings transaction's journal item."""
        self._load_spanish(["promujer_credit"])
        po = polib.pofile(self._files("promujer_credit")[1])
        es = self.env(context={"lang": "es_BO"})
        transaction = es["promujer.savings.transaction"].search(
            [("kind", "=", "deposit"), ("move_id", "!=", False)], limit=1
        )
        self.assertTrue(transaction, "the demo data has a posted deposit")
        entry = es["promujer.internal.entry"].create(
            {
                "association_id": transaction.partner_id.promujer_association_id.id,
                "kind": "contribution",
                "amount": 10.0,
                "description": "Members pool their money",
            }
        )
        deposit, contribution = po.find("Deposit").msgstr, po.find("Contribution").msgstr
        self.assertNotIn(deposit, ("", "Deposit"))
        self.env.invalidate_all()
        self.assertTrue(transaction.display_name.startswith(f"{deposit} "))
        self.assertIn(f" {contribution} ", entry.display_name)
        label = transaction._prepare_move_vals()["line_ids"][0][2]["name"]
        self.assertTrue(label.startswith(f"{deposit} "), label)

    def test_a_refusal_names_the_records_in_spanish(self):
        """The guard's refusal to a user who works in Spanish names the model in Spanish,
        not by the English of the code."""
        self._load_spanish(["promujer_credit"])
        po = polib.pofile(self._files("promujer_credit")[1])
        member_loan = po.find("Member loan").msgstr
        self.assertNotIn(member_loan, ("", "Member loan"))
        accountant = self.env.ref("promujer_credit.user_demo_accountant")
        loan = self.env["promujer.loan"].search([("state", "=", "active")], limit=1)
        with self.assertRaisesRegex(AccessError, f"^{re.escape(member_loan)}: "):
            loan.with_user(accountant).with_context(lang="es_BO").write({"state": "repaid"})
        self.assertEqual(loan.state, "active")

    def test_a_rule_names_its_fields_in_spanish(self):
        """A methodology rule refused to an administrator who works in Spanish names its
        settings by their Spanish labels."""
        self._load_spanish(["promujer_credit"])
        po = polib.pofile(self._files("promujer_credit")[1])
        minimum = po.find("Minimum members per association").msgstr
        self.assertNotIn(minimum, ("", "Minimum members per association"))
        root = self.env.ref("promujer_credit.company_promujer_bolivia")
        rule = po.find("Size rules: %(low)s must be at least 1 and %(high)s not below it.")
        with self.assertRaisesRegex(
            ValidationError, re.escape(rule.msgstr.split("%")[0] + minimum)
        ):
            with self.env.cr.savepoint():
                root.with_context(lang="es_BO").promujer_assoc_min_members = 0
        self.assertEqual(root.promujer_assoc_min_members, 25)

    def test_dates_in_messages_are_written_the_bolivian_way(self):
        """A message that names a date writes it as the user's language does: 13/01/1990
        in Bolivia (day first), not the ISO 1990-01-13 of the code nor the US 01/13/1990."""
        self._load_spanish(["promujer_credit", "promujer_reports"])
        po = polib.pofile(self._files("promujer_reports")[1])
        root = self.env.ref("promujer_credit.company_promujer_bolivia")
        root.promujer_entry_min_date = date(1990, 1, 14)
        report = (
            self.env["promujer.operational.report"]
            .with_context(lang="es_BO")
            .create({"as_of": date(1990, 1, 13), "company_id": root.id})
        )
        report.action_compute()
        reason = po.find("it is before %(first)s, the first day of the institution's books")
        nothing = po.find("Nothing to report as of %(date)s: %(reason)s.").msgstr
        self.assertEqual(
            report.empty_reason,
            nothing % {"date": "13/01/1990", "reason": reason.msgstr % {"first": "14/01/1990"}},
        )
