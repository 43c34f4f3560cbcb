# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import HYPERTENSION, VISIT_DATE, PromujerHealthCommon

FIRST_DUE = date(2024, 1, 22)


@tagged("post_install", "-at_install")
class TestVisit(PromujerHealthCommon):
    def test_visit_of_a_client(self):
        visit = self._visit(services=self.consultation | self.blood_pressure, **HYPERTENSION)
        self.assertRecordValues(
            visit,
            [
                {
                    "state": "draft",
                    "patient_kind": "client",
                    "client_id": self.women[0].id,
                    "company_id": self.branch_a.id,
                    "staff_id": self.doctor_a.id,
                    "amount_total": 20.0,
                }
            ],
        )
        self.assertTrue(visit.name.startswith("HV-"))
        self.assertAlmostEqual(visit.bmi, 26.7, 1)  # 60 kg / (1.50 m)²
        visit.with_user(self.health_a).action_done()
        self.assertEqual(visit.state, "done")

    def test_visit_of_a_family_member(self):
        visit = self._visit(patient=self.son, services=self.blood_pressure)
        self.assertRecordValues(visit, [{"patient_kind": "family", "client_id": self.women[0].id}])
        # She stays a family member's visit if she later becomes a client herself.
        self.son.promujer_is_client = True
        self.assertEqual(visit.patient_kind, "family")

    def test_health_staff_register_family_members(self):
        daughter = (
            self.env["res.partner"]
            .with_user(self.health_a)
            .create(
                {
                    "name": "Daughter",
                    "promujer_family_of_id": self.women[1].id,
                    "promujer_relationship": "child",
                }
            )
        )
        visit = self._visit(patient=daughter, services=self.blood_pressure)
        self.assertEqual(visit.client_id, self.women[1])

    def test_defaults_for_the_health_staff(self):
        defaults = (
            self.env["promujer.health.visit"]
            .with_user(self.health_a)
            .default_get(["post_id", "staff_id", "date", "state"])
        )
        self.assertEqual(defaults["post_id"], self.post_a.id)
        self.assertEqual(defaults["staff_id"], self.doctor_a.id)
        self.assertEqual(defaults["state"], "draft")

    def test_done_needs_services_and_who_attended(self):
        visit = self._visit(services=self.env["promujer.health.service"], staff_id=False)
        self.assertEqual(visit.state, "draft")
        self.assertActionRefused(
            visit.with_user(self.health_a),
            "done",
            "cannot be closed:\n.*record the services given; record who attended her",
        )

    def test_done_visits_are_frozen(self):
        visit = self._done_visit(services=self.blood_pressure)
        with self.assertRaisesRegex(UserError, "Findings can no longer change for HV-"):
            with self.cr.savepoint():
                visit.with_user(self.health_a).findings = "Changed afterwards"
        self.assertCallRefused(
            UserError, "Only draft visits can be deleted", visit.with_user(self.health_a).unlink
        )
        self.assertCallRefused(
            UserError,
            "cannot be closed:\nHV-.*: its state is Done",
            visit.with_user(self.health_a).action_done,
        )
        draft = self._visit()
        draft.with_user(self.health_a).unlink()
        self.assertFalse(draft.exists())

    def test_cancel_a_draft_visit(self):
        visit = self._visit()
        visit.with_user(self.health_a).action_cancel()
        self.assertEqual(visit.state, "cancelled")
        self.assertActionRefused(
            visit.with_user(self.health_a), "cancel", "cancelled:\nHV-.*its state is Cancelled"
        )

    def test_visit_from_a_repayment_meeting(self):
        association = self._create_association()
        cycle = self._disbursed_cycle(association)
        meeting = self._meeting(cycle, FIRST_DUE)
        member = association.member_ids.sorted("id")[0]
        visit = self._visit(patient=member, date=FIRST_DUE, meeting_id=meeting.id)
        self.assertEqual(visit.meeting_id, meeting)
        # Her son came with her: the meeting is his mother's.
        son = self.env["res.partner"].create(
            {"name": "Son", "promujer_family_of_id": member.id, "promujer_relationship": "child"}
        )
        self._visit(patient=son, date=FIRST_DUE, meeting_id=meeting.id)
        self.assertCallRefused(
            ValidationError,
            "was on 01/22/2024, not on the visit's date",
            self._visit,
            patient=member,
            date=VISIT_DATE,
            meeting_id=meeting.id,
        )
        self.assertCallRefused(
            ValidationError,
            "Woman 000 is not on the collection sheet",
            self._visit,
            date=FIRST_DUE,
            meeting_id=meeting.id,
        )

    def test_post_and_its_services(self):
        self.assertEqual(self.post_a.opening_days, "Monday, Tuesday, Wednesday, Thursday, Friday")
        self._done_visit()
        self._visit()
        self.assertEqual(self.post_a.visit_count, 2)
        self.post_a.invalidate_recordset(["visit_count"])
        self.assertEqual(self.post_a.with_user(self.officer).visit_count, 1)  # done ones
        self.assertCallRefused(
            ValidationError,
            "already has the health post Health post",
            self.env["promujer.health.post"].create,
            {"name": "Second post", "company_id": self.branch_a.id},
        )
        # Once the first post is archived, the branch may open another one.
        self.post_a.active = False
        self.env["promujer.health.post"].create(
            {"name": "New post", "company_id": self.branch_a.id}
        )

    def test_seeded_catalogue(self):
        consultation = self.env.ref("promujer_health.service_consultation")
        self.assertEqual(consultation.product_id.type, "service")
        self.assertEqual(consultation.price, consultation.product_id.lst_price)
        self.assertTrue(consultation.is_paid)
        self.assertFalse(self.env.ref("promujer_health.service_blood_pressure").is_paid)
        categories = set(
            self.env["promujer.health.service"].search([("code", "like", "HS-")]).mapped("category")
        )
        self.assertEqual(
            categories,
            {
                "consultation",
                "screening",
                "cancer_screening",
                "family_planning",
                "prenatal",
                "child",
                "other",
            },
        )
        with self.assertRaisesRegex(ValidationError, "Pap smear cannot be negative"):
            with self.cr.savepoint():
                self.pap_smear.price = -1.0

    def test_staff_role_is_public(self):
        # Health staff are no HR officers: they read the role from the public profile.
        doctor = self.doctor_a.with_user(self.health_a)
        self.assertEqual(doctor.promujer_health_role, "doctor")
        self.assertEqual(
            self.post_a.with_user(self.health_a).staff_ids, self.doctor_a | self.nurse_a
        )
        post = self.post_a.with_user(self.health_a)
        post.write({"service_ids": [Command.link(self.prenatal.id)], "open_saturday": True})
        self.assertIn("Saturday", post.opening_days)
