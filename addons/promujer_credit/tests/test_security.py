# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PromujerCreditCommon


@tagged("post_install", "-at_install")
class TestCreditSecurity(PromujerCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.association_a = cls._create_association(cls.branch_a, name="Alpha women")
        cls.association_b = cls._create_association(cls.branch_b, name="Beta women")
        cls.cycle_a = cls._create_cycle(cls.association_a)

    def test_officers_and_managers_see_only_their_branches(self):
        for user in (self.officer, self.manager):
            Association = self.env["promujer.association"].with_user(user)
            self.assertEqual(Association.search([]), self.association_a)
            self.assertEqual(
                self.env["promujer.loan.cycle"].with_user(user).search([]), self.cycle_a
            )
            with self.assertRaises(AccessError):
                self.association_b.with_user(user).read(["name"])
        self.assertEqual(
            self.env["promujer.association"].with_user(self.manager_b).search([]),
            self.association_b,
        )
        # The suite administrator, allowed in every branch, sees both.
        self.assertEqual(
            self.env["promujer.association"]
            .with_user(self.admin)
            .with_context(allowed_company_ids=self.admin.company_ids.ids)
            .search([("id", "in", (self.association_a | self.association_b).ids)]),
            self.association_a | self.association_b,
        )

    def test_officer_cannot_configure_products(self):
        product = self.env["promujer.loan.product"].with_user(self.officer).browse(self.product.id)
        with self.assertRaises(AccessError):
            product.write({"interest_rate": 1.0})
        # ... but reads them, from her branch, though they belong to the institution.
        self.assertEqual(product.interest_rate, 3.0)

    def test_accountant_reads_but_does_not_form_associations(self):
        self.assertEqual(self.association_a.with_user(self.accountant).name, "Alpha women")
        with self.assertRaises(AccessError):
            self.env["promujer.association"].with_user(self.accountant).create(
                {"name": "By the accountant", "company_id": self.branch_a.id}
            )

    def test_officer_cannot_delete_associations_nor_write_installments_schedule(self):
        with self.assertRaises(AccessError):
            self.association_a.with_user(self.officer).unlink()
        with self.assertRaises(AccessError):
            self.env["promujer.loan.installment"].with_user(self.officer).create(
                {
                    "loan_id": self.cycle_a.loan_ids[0].id,
                    "sequence": 1,
                    "due_date": "2024-01-22",
                }
            )

    def test_officer_works_her_associations(self):
        association = self.association_a.with_user(self.officer)
        association.meeting_place = "Parish hall"
        self.assertEqual(association.meeting_place, "Parish hall")
        self.cycle_a.with_user(self.officer).action_submit()
        self.assertEqual(self.cycle_a.state, "submitted")
