# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.promujer_credit.models.promujer_fields import parent_field, reference_field

from .promujer_health_visit import CLINICAL

REFERRAL_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("attended", "Attended"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]

# The states each action starts from: the buttons (can_<verb>) and the checks read them.
ACTION_STATES = {
    "send": ("draft",),
    "attend": ("sent",),
    "close": ("sent", "attended"),
    "cancel": ("draft", "sent"),
}


class PromujerHealthReferral(models.Model):
    """A referral of a patient, from a visit, to a health facility of the region.

    Only the health staff work with referrals; the reason and the outcome are clinical
    content besides."""

    _name = "promujer.health.referral"
    _inherit = ["promujer.health.record"]
    _description = "Referral to a health facility"
    _order = "date desc, id desc"
    _check_company_auto = True
    _promujer_protected_fields = ("state",)
    _promujer_action_states = ACTION_STATES
    _promujer_deletable_states = ("draft", "cancelled")

    visit_id = parent_field("promujer.health.visit", check_company=True)
    patient_id = fields.Many2one(related="visit_id.patient_id", store=True, index=True)
    post_id = fields.Many2one(related="visit_id.post_id", store=True, index=True)
    company_id = fields.Many2one(
        related="visit_id.company_id", store=True, index=True, string="Focal Center"
    )
    facility_id = reference_field(
        "res.partner",
        string="Health facility",
        domain="[('promujer_is_health_facility', '=', True)]",
    )
    urgency = fields.Selection(
        [("routine", "Routine"), ("urgent", "Urgent")],
        default="routine",
        required=True,
        groups=CLINICAL,
    )
    reason = fields.Text(groups=CLINICAL)
    attended_date = fields.Date(string="Attended on", copy=False)
    outcome = fields.Text(copy=False, groups=CLINICAL)
    state = fields.Selection(
        REFERRAL_STATES, default="draft", required=True, copy=False, index=True, readonly=True
    )
    # What the current user may do now (the buttons); the checks say why not.
    can_send = fields.Boolean("Can send", compute="_compute_can_act")
    can_attend = fields.Boolean("Can record the attendance", compute="_compute_can_act")
    can_close = fields.Boolean("Can close", compute="_compute_can_act")
    can_cancel = fields.Boolean("Can cancel", compute="_compute_can_act")

    def _promujer_kept_message(self):
        return self.env._("Sent referrals are closed or cancelled, never deleted: %(records)s.")

    # ------------------------------------------------------------------ transitions

    def action_send(self):
        """Send the patient to the facility with the reason of the referral."""
        return self._promujer_run("send")

    def _check_can_send(self):
        self._promujer_check_write_state("send", self.env._("Sending the referral"))
        self._promujer_raise_problems(self.env._("Sending the referral is not possible:"), "send")

    def _do_send(self):
        self._promujer_write({"state": "sent"})

    def _get_send_problems(self):
        self.ensure_one()
        problems = []
        if not (self.reason or "").strip():
            problems.append(self.env._("write the reason of the referral"))
        if self.visit_id.state == "cancelled":
            problems.append(self.env._("its visit was cancelled"))
        return problems

    def action_attend(self):
        """The facility attended the patient (today, unless a date was recorded)."""
        self._check_can_attend()
        self._do_attend(fields.Date.context_today(self))
        return True

    def _check_can_attend(self):
        self._promujer_check_write_state("attend", self.env._("Recording the attendance"))

    def _do_attend(self, date):
        for referral in self:
            referral._promujer_write(
                {"state": "attended", "attended_date": referral.attended_date or date}
            )

    def action_close(self):
        """Close the referral with its outcome (also when the patient never went)."""
        return self._promujer_run("close")

    def _check_can_close(self):
        self._promujer_check_write_state("close", self.env._("Closing the referral"))
        self._promujer_raise_problems(self.env._("Closing the referral is not possible:"), "close")

    def _do_close(self):
        self._promujer_write({"state": "closed"})

    def _get_close_problems(self):
        self.ensure_one()
        if not (self.outcome or "").strip():
            return [self.env._("write the outcome")]
        return []

    def action_cancel(self):
        return self._promujer_run("cancel")

    def _check_can_cancel(self):
        self._promujer_check_write_state("cancel", self.env._("Cancelling the referral"))

    def _do_cancel(self):
        self._promujer_write({"state": "cancelled"})
