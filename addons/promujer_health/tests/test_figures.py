# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .common import VISIT_DATE, PromujerHealthCommon


@tagged("post_install", "-at_install")
class TestFigures(PromujerHealthCommon):
    def test_per_post_figures_for_a_period(self):
        mother, other, _third = self.women
        self._done_visit(patient=mother, services=self.consultation | self.blood_pressure)
        second = self._done_visit(patient=mother, services=self.blood_pressure)
        self._done_visit(patient=self.son, services=self.consultation)
        self._done_visit(patient=other, services=self.pap_smear, date=date(2024, 2, 28))
        self._visit(patient=other)  # a draft does not count
        cancelled = self._done_visit(patient=other, services=self.blood_pressure)
        cancelled.with_user(self.health_a).action_cancel()
        self._done_visit(user=self.health_b, patient=self.women[2])  # another post
        self.env["promujer.health.referral"].with_user(self.health_a).create(
            {
                "visit_id": second.id,
                "facility_id": self.facility.id,
                "date": VISIT_DATE,
                "reason": "Lab.",
            }
        )

        posts = self.post_a | self.post_b
        figures = posts._get_health_figures(date(2024, 3, 1), date(2024, 3, 31))
        march_a = figures[self.post_a.id]
        self.assertEqual(
            {key: march_a[key] for key in ("visits", "patients", "client_patients")},
            {"visits": 3, "patients": 2, "client_patients": 1},
        )
        self.assertEqual(march_a["family_patients"], 1)
        self.assertEqual(march_a["services"], 4)
        self.assertEqual(march_a["service_counts"], {"T-CONS": 2, "T-BP": 2})
        self.assertEqual(march_a["referrals"], 1)
        self.assertEqual(figures[self.post_b.id]["visits"], 1)

        quarter = posts._get_health_figures(date(2024, 1, 1), VISIT_DATE)[self.post_a.id]
        self.assertEqual((quarter["visits"], quarter["patients"]), (4, 3))
        self.assertEqual(quarter["service_counts"]["T-PAP"], 1)

        empty = posts._get_health_figures(date(2023, 1, 1), date(2023, 12, 31))
        self.assertEqual(empty[self.post_a.id]["visits"], 0)
        self.assertEqual(empty[self.post_a.id]["service_counts"], {})
