# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import LazyTranslate

from odoo.addons.promujer_credit.models.promujer_fields import (
    can_field,
    parent_field,
    reference_field,
)

from .promujer_health_visit import CLINICAL

_lt = LazyTranslate(__name__)

REFERRAL_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("attended", "Attended"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]

# Each action: the states it starts from (the buttons, can_<verb>, and the checks read
# them), the state it leads to, its name.
TRANSITIONS = {
    "send": (("draft",), "sent", _lt("Sending the referral")),
    "attend": (("sent",), "attended", _lt("Recording the attendance")),
    "close": (("sent", "attended"), "closed", _lt("Closing the referral")),
    "cancel": (("draft", "sent"), "cancelled", _lt("Cancelling the referral")),
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
    _promujer_transitions = TRANSITIONS
    _promujer_deletable_states = ("draft", "cancelled")
    _promujer_kept_text = _lt("Sent referrals are closed or cancelled, never deleted: %(records)s.")

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
    can_send = can_field("Can send")
    can_attend = can_field("Can record the attendance")
    can_close = can_field("Can close")
    can_cancel = can_field("Can cancel")

    # ------------------------------------------------------------------ transitions

    def action_send(self):
        """Send the patient to the facility with the reason of the referral."""
        return self._promujer_run("send")

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
        return self._promujer_run("attend", fields.Date.context_today(self))

    def _do_attend(self, date):
        for referral in self:
            referral._promujer_write(
                {"state": "attended", "attended_date": referral.attended_date or date}
            )

    def action_close(self):
        """Close the referral with its outcome (also when the patient never went)."""
        return self._promujer_run("close")

    def _get_close_problems(self):
        self.ensure_one()
        if not (self.outcome or "").strip():
            return [self.env._("write the outcome")]
        return []

    def action_cancel(self):
        return self._promujer_run("cancel")
