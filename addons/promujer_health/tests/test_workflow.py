# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .common import PromujerHealthCommon

REFERRAL_BUTTONS = ("can_send", "can_attend", "can_close", "can_cancel")


@tagged("post_install", "-at_install")
class TestHealthWorkflow(PromujerHealthCommon):
    """The buttons of visits and referrals (can_<verb>) for each role and state, and the
    refusals of the checks behind them, which write nothing."""

    def _buttons(self, record, user, names):
        record = record.with_user(user)
        return {name for name in names if record[name]}

    def _refused(self, record, verb, pattern, *args):
        self.assertCheckRefused(record.with_user(self.health_a), verb, pattern, *args)

    def _referral(self, **values):
        return (
            self.env["promujer.health.referral"]
            .with_user(self.health_a)
            .create({"visit_id": self._done_visit().id, "facility_id": self.facility.id, **values})
        )

    def test_visit_buttons(self):
        visit = self._visit()
        buttons = ("can_done", "can_cancel")
        self.assertEqual(self._buttons(visit, self.health_a, buttons), set(buttons))
        visit.with_user(self.health_a).action_done()
        self.assertEqual(self._buttons(visit, self.health_a, buttons), {"can_cancel"})
        # Credit staff see that the visit happened, and no button.
        self.assertEqual(self._buttons(visit, self.officer, buttons), set())
        visit.with_user(self.health_a).action_cancel()
        self.assertEqual(self._buttons(visit, self.health_a, buttons), set())

    def test_visit_refusals(self):
        visit = self._done_visit(services=self.pap_smear)
        self._refused(visit, "done", "cannot be closed:\nHV-.*: its state is Done")
        # The credit note is dated by the caller: not in a locked period.
        self.root.fiscalyear_lock_date = date(2024, 12, 31)
        self._refused(
            visit,
            "cancel",
            "cannot be cancelled:\nHV-.*06/01/2024 is in a closed period",
            date(2024, 6, 1),
        )
        self.assertEqual(visit.sudo().invoice_id.payment_state, "not_paid")
        visit.with_user(self.health_a)._promujer_check("cancel", date(2025, 1, 2))
        visit.sudo().state = "cancelled"
        self._refused(
            visit, "cancel", "cannot be cancelled:\nHV-.*: its state is Cancelled", date(2025, 1, 2)
        )

    def test_referral_buttons_follow_its_state(self):
        referral = self._referral(reason="Ultrasound.", outcome="Done.")
        expected = {
            "draft": {"can_send", "can_cancel"},
            "sent": {"can_attend", "can_close", "can_cancel"},
            "attended": {"can_close"},
            "closed": set(),
            "cancelled": set(),
        }
        for state, buttons in expected.items():
            referral.sudo().state = state
            self.assertEqual(self._buttons(referral, self.health_a, REFERRAL_BUTTONS), buttons)

    def test_referral_refusals(self):
        referral = self._referral()
        self._refused(referral, "send", "Sending the referral is not possible:\nREF-.*: write the")
        self._refused(referral, "attend", "Recording the attendance is not possible for REF-")
        self._refused(referral, "close", "Closing the referral is not possible for REF-")
        referral.sudo().state = "sent"
        self._refused(referral, "send", "Sending the referral is not possible for REF-")
        self._refused(referral, "close", "Closing the referral is not possible:\nREF-.*: write the")
        referral.sudo().state = "closed"
        self._refused(referral, "cancel", "Cancelling the referral is not possible for REF-")

    def test_the_attendance_is_dated_by_the_caller(self):
        referral = self._referral(reason="Ultrasound.")
        referral.action_send()
        referral._do_attend(date(2024, 3, 11))
        self.assertRecordValues(
            referral, [{"state": "attended", "attended_date": date(2024, 3, 11)}]
        )
