# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common import PromujerCreditCommon


@tagged("post_install", "-at_install")
class TestSettings(PromujerCreditCommon):
    def test_a_branch_administrator_sets_the_institutions_rules(self):
        """Settings opened while working in a Focal Center read and write the rules of the
        institution (the root company), not of the Focal Center."""
        self.root.write({"promujer_assoc_min_members": 20, "promujer_writeoff_min_days": 180})
        settings = self.env["res.config.settings"].with_company(self.branch_a)
        with Form(settings.create({})) as form:
            self.assertEqual(form.promujer_assoc_min_members, 20)
            self.assertEqual(form.promujer_writeoff_min_days, 180)
            form.promujer_assoc_min_members = 22
            form.promujer_allowance_account_id = self.account_portfolio
        form.record.execute()
        self.assertEqual(self.root.promujer_assoc_min_members, 22)
        self.assertEqual(self.root.promujer_allowance_account_id, self.account_portfolio)
        self.assertNotEqual(self.branch_a.promujer_assoc_min_members, 22)
