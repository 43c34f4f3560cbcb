# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import Form, freeze_time, tagged

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

    def test_the_institutions_timezone_is_a_setting(self):
        """The timezone the scheduled actions take today in is set with the other rules of
        the institution: it is the root company's working hours' timezone."""
        self.root.resource_calendar_id.tz = "Europe/Brussels"
        settings = self.env["res.config.settings"].with_company(self.branch_a)
        with Form(settings.create({})) as form:
            self.assertEqual(form.promujer_tz, "Europe/Brussels")
            form.promujer_tz = "America/La_Paz"
        form.record.execute()
        self.assertEqual(self.root.resource_calendar_id.tz, "America/La_Paz")
        with freeze_time("2024-02-01 23:30:00"):  # already 2 February in Brussels
            self.assertEqual(self.branch_a._promujer_today(), date(2024, 2, 1))
