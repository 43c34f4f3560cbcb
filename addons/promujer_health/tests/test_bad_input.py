# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PromujerHealthCommon


@tagged("post_install", "-at_install")
class TestBadInput(PromujerHealthCommon):
    """Impossible input is refused with a clear message, and nothing is saved."""

    def _assert_refused(self, pattern, **values):
        Visit = self.env["promujer.health.visit"]
        before = Visit.search_count([])
        with self.assertRaisesRegex(ValidationError, pattern):
            with self.cr.savepoint():
                self._visit(**values)
        self.assertEqual(Visit.search_count([]), before)

    def test_impossible_vitals(self):
        self._assert_refused(
            "Visit of Woman 000 at Health post Alpha on 03/04/2024: the systolic pressure 80 "
            "must be above the diastolic 90",
            systolic=80,
            diastolic=90,
        )
        self._assert_refused(r"Weight \(kg\) -60.0 is impossible", weight_kg=-60.0)
        self._assert_refused(r"Height \(cm\) 400.0 is impossible", height_cm=400.0)
        self._assert_refused(r"Glucose \(mg/dL\) 5000.0 is impossible", glucose_mg_dl=5000.0)
        self._assert_refused("needs both the systolic and diastolic values", systolic=120)
        self._assert_refused("needs both the systolic and diastolic values", diastolic=80)

    def test_every_problem_at_once(self):
        self._assert_refused(
            r"Weight \(kg\) -1.0 is impossible .*; the systolic pressure 70 must be above the "
            "diastolic 70",
            weight_kg=-1.0,
            systolic=70,
            diastolic=70,
        )

    def test_impossible_vitals_are_not_written_either(self):
        visit = self._visit(systolic=120, diastolic=80)
        with self.assertRaisesRegex(ValidationError, "systolic pressure 120 must be above"):
            with self.cr.savepoint():
                visit.with_user(self.health_a).diastolic = 130
        self.assertEqual(visit.diastolic, 80)

    def test_a_visit_dated_in_the_future(self):
        tomorrow = fields.Date.context_today(self.env.user) + timedelta(days=1)
        shown = tomorrow.strftime("%m/%d/%Y")  # as an English (US) user reads it
        self._assert_refused(f"the date {shown} is in the future", date=tomorrow)
        # Today is fine.
        self._visit(date=fields.Date.context_today(self.env.user))

    def test_a_patient_who_is_neither_client_nor_family(self):
        stranger = self.env["res.partner"].create({"name": "Passer-by"})
        self._assert_refused(
            "Passer-by is neither a client nor a family member of a client", patient=stranger
        )

    def test_a_service_the_post_does_not_offer(self):
        self._assert_refused(
            "the post does not offer Prenatal control",
            services=self.consultation | self.prenatal,
        )
        # The post of branch B offers it.
        visit = self._visit(user=self.health_b, services=self.prenatal)
        self.assertEqual(visit.state, "draft")

    def test_staff_of_another_post(self):
        other = self.env["hr.employee"].create(
            {
                "name": "Dr. Outsider",
                "company_id": self.branch_a.id,
                "promujer_health_role": "doctor",
            }
        )
        self._assert_refused("Dr. Outsider is not on the staff of the post", staff_id=other.id)
