# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.addons.promujer_credit.tests.common import PromujerCreditCommon


class PromujerReportsCommon(PromujerCreditCommon):
    """A small known portfolio: 25 loans of 200 in each of two Focal Centers, disbursed on
    15 January 2024; at the first meeting (22 January) of Alpha one woman does not pay;
    Beta holds no meeting. One member of Beta is a man."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.association_a = cls._create_association(cls.branch_a, name="Alpha women")
        cls.association_b = cls._create_association(cls.branch_b, name="Beta women")
        cls.association_b.member_ids.sorted("id")[-1].promujer_gender = "male"
        (cls.association_a | cls.association_b).formation_date = date(2023, 11, 1)
        cls.manager.company_ids = [(4, cls.branch_a.id)]
        cls.env["hr.employee"].create({"name": "Officer Beta", "company_id": cls.branch_b.id})

    def setUp(self):
        super().setUp()
        self.cycle_a = self._disbursed_cycle(self.association_a)
        self.cycle_b = self._create_cycle(self.association_b)
        self.cycle_b.action_submit()
        self.cycle_b.with_user(self.admin).action_approve()
        self.cycle_b.action_disburse()
        self.meeting = self._meeting(self.cycle_a, date(2024, 1, 22), {0: {"amount_paid": 0.0}})
        self.meeting.action_post()

    def _report(self, as_of, user=None):
        report = (
            self.env["promujer.operational.report"]
            .with_user(user or self.env.user)
            .create({"as_of": as_of, "company_id": self.root.id})
        )
        report.action_compute()
        return report

    def _ratios(self, date_from=date(2024, 1, 1), date_to=date(2024, 2, 29), user=None, **values):
        """The SEEP ratios of the period computed as `user` (the administrator by default):
        the report and its lines by code."""
        report = (
            self.env["promujer.ratio.report"]
            .with_user(user or self.admin)
            .create(
                {"company_id": self.root.id, "date_from": date_from, "date_to": date_to, **values}
            )
        )
        report.action_compute()
        return report, {line.code: line for line in report.line_ids}
