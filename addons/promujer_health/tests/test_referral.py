# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PromujerHealthCommon


@tagged("post_install", "-at_install")
class TestReferral(PromujerHealthCommon):
    def _referral(self, visit, **values):
        return (
            self.env["promujer.health.referral"]
            .with_user(self.health_a)
            .create({"visit_id": visit.id, "facility_id": self.facility.id, **values})
        )

    def test_referral_flow(self):
        visit = self._done_visit(systolic=180, diastolic=110)
        referral = self._referral(visit, reason="Blood pressure 180/110.", urgency="urgent")
        self.assertRecordValues(
            referral,
            [
                {
                    "state": "draft",
                    "patient_id": self.women[0].id,
                    "post_id": self.post_a.id,
                    "company_id": self.branch_a.id,
                }
            ],
        )
        self.assertTrue(referral.name.startswith("REF-"))
        self.assertEqual(visit.with_user(self.health_a).referral_ids, referral)
        referral.action_send()
        self.assertEqual(referral.state, "sent")
        self.assertCallRefused(
            UserError,
            "Closing the referral is not possible:\n.*write the outcome",
            referral.action_close,
        )
        referral.action_attend()
        self.assertTrue(referral.attended_date)
        referral.outcome = "Hypertension confirmed; treatment started."
        referral.action_close()
        self.assertEqual(referral.state, "closed")
        self.assertCallRefused(
            UserError, "Sent referrals are closed or cancelled, never deleted", referral.unlink
        )

    def test_a_referral_needs_its_reason(self):
        referral = self._referral(self._done_visit())
        self.assertCallRefused(
            UserError,
            "Sending the referral is not possible:\nREF-.*: write the reason",
            referral.action_send,
        )
        self.assertEqual(referral.state, "draft")

    def test_she_never_went(self):
        referral = self._referral(self._done_visit(), reason="Ultrasound.")
        referral.action_send()
        self.assertCallRefused(
            UserError,
            "Sending the referral is not possible for REF-.* in their current state",
            referral.action_send,
        )
        referral.write({"outcome": "She did not go: no money for the trip."})
        referral.action_close()
        self.assertRecordValues(referral, [{"state": "closed", "attended_date": False}])

    def test_cancelled_visits_are_not_referred(self):
        visit = self._visit()
        referral = self._referral(visit, reason="Ultrasound.")
        visit.with_user(self.health_a).action_cancel()
        self.assertCallRefused(UserError, "its visit was cancelled", referral.action_send)
        referral.action_cancel()
        self.assertEqual(referral.state, "cancelled")
        referral.unlink()
