# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import VISIT_DATE, PromujerHealthCommon


@tagged("post_install", "-at_install")
class TestInvoicing(PromujerHealthCommon):
    def _pay(self, invoice):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": VISIT_DATE})._create_payments()

    def test_paid_service_invoices_the_client(self):
        self.assertFalse(self.health_a.has_group("account.group_account_invoice"))
        visit = self._done_visit(services=self.consultation | self.pap_smear | self.blood_pressure)
        invoice = visit.invoice_id
        self.assertRecordValues(
            invoice,
            [
                {
                    "move_type": "out_invoice",
                    "state": "posted",
                    "partner_id": self.women[0].id,
                    "company_id": self.branch_a.id,
                    "invoice_date": VISIT_DATE,
                    "invoice_origin": visit.name,
                    "amount_untaxed": 50.0,
                    "payment_state": "not_paid",
                }
            ],
        )
        # Only the paid services are invoiced, on their products' income account; the
        # accounting sees no diagnosis: neither the service nor the patient, no product.
        label = f"Health services, visit {visit.name}"
        income = self.consultation.product_id.product_tmpl_id._get_product_accounts()["income"]
        self.assertRecordValues(
            invoice.invoice_line_ids,
            [
                {
                    "product_id": False,
                    "account_id": income.id,
                    "quantity": 1.0,
                    "price_unit": 50.0,
                    "name": label,
                }
            ],
        )
        self.assertEqual(invoice.ref, label)
        self.assertRecordValues(
            invoice,
            [{"promujer_origin_model": "promujer.health.visit", "promujer_origin_id": visit.id}],
        )
        for text in invoice.line_ids.mapped("name") + [invoice.ref, invoice.invoice_origin]:
            for secret in ("Consultation", "Pap smear", self.women[0].name):
                self.assertNotIn(secret, text or "")
        # The health staff see the invoice's number and payment, not the invoice itself.
        as_staff = visit.with_user(self.health_a)
        self.assertEqual(as_staff.read(["invoice_name"])[0]["invoice_name"], invoice.name)
        with self.assertRaises(AccessError):
            as_staff.read(["invoice_id"])
        with self.assertRaises(AccessError):
            invoice.with_user(self.health_a).read(["amount_total"])
        # The accountant finds the visit's reference on the invoice.
        self.assertEqual(invoice.with_user(self.accountant).invoice_origin, visit.name)

    def test_family_member_services_invoice_her_client(self):
        visit = self._done_visit(patient=self.son, services=self.consultation)
        self.assertEqual(visit.invoice_id.partner_id, self.women[0])
        # Neither the service nor the son appears on his mother's invoice.
        self.assertEqual(
            visit.invoice_id.invoice_line_ids.name, f"Health services, visit {visit.name}"
        )

    def test_free_services_create_no_invoice(self):
        visit = self._done_visit(services=self.blood_pressure)
        self.assertEqual(visit.state, "done")
        self.assertFalse(visit.invoice_id)
        self.assertFalse(self.env["account.move"].search([("invoice_origin", "=", visit.name)]))

    def test_cancel_reverses_the_invoice(self):
        visit = self._done_visit(services=self.consultation)
        invoice = visit.invoice_id
        visit.with_user(self.health_a).action_cancel()
        self.assertEqual(visit.state, "cancelled")
        self.assertEqual(invoice.payment_state, "reversed")
        refund = invoice.reversal_move_ids
        self.assertRecordValues(
            refund, [{"move_type": "out_refund", "state": "posted", "amount_untaxed": 20.0}]
        )

    def test_paid_invoice_blocks_cancellation(self):
        visit = self._done_visit(services=self.consultation)
        self._pay(visit.invoice_id)
        self.assertIn(visit.invoice_id.payment_state, ("paid", "in_payment"))
        self.assertEqual(visit.state, "done")
        self.assertActionRefused(
            visit.with_user(self.health_a),
            "cancel",
            "cannot be cancelled:\n.*its invoice .* is paid; refund the payment",
        )

    def test_no_invoice_in_a_closed_period(self):
        self.root.fiscalyear_lock_date = date(2024, 12, 31)
        visit = self._visit(services=self.consultation)
        self.assertEqual(visit.state, "draft")
        self.assertActionRefused(
            visit.with_user(self.health_a),
            "done",
            "cannot be closed:\n.*03/04/2024 is in a closed period",
        )
        self.assertFalse(visit.invoice_id)
        # Free services need no entry: the visit closes.
        free = self._visit(services=self.blood_pressure)
        free.with_user(self.health_a).action_done()
        self.assertEqual(free.state, "done")

    def test_the_post_may_name_its_invoicing_journal(self):
        journal = self.company_data["default_journal_sale"].copy({"name": "Health", "code": "HLT"})
        self.post_a.journal_id = journal
        visit = self._done_visit(services=self.consultation)
        self.assertEqual(visit.invoice_id.journal_id, journal)
