# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .promujer_fields import reference_field, state_field


class PromujerJointLiability(models.Model):
    """What a woman owes to a member of her group or association who covered her
    shortfall at a meeting (joint liability): her debt stays hers, owed to them."""

    _name = "promujer.joint.liability"
    _description = "Joint liability cover"
    _inherit = ["mail.thread", "promujer.workflow.mixin"]
    _order = "id desc"
    # Recorded by the posting of a meeting; settled by its action.
    _promujer_action_only = True
    _promujer_action_states = {"settle": ("open",)}

    meeting_id = reference_field("promujer.meeting")
    line_id = fields.Many2one("promujer.meeting.line", index=True, ondelete="restrict")
    association_id = fields.Many2one(related="meeting_id.association_id", store=True, index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="meeting_id.currency_id", store=True)
    date = fields.Date(related="meeting_id.date", store=True)
    debtor_id = reference_field("res.partner", string="Covered member")
    creditor_id = reference_field("res.partner", string="Covered by")
    amount = fields.Monetary(required=True)
    cover_kind = fields.Selection(
        [("group", "Solidarity group"), ("association", "Association")], required=True
    )
    source = fields.Selection([("savings", "From savings"), ("cash", "In cash")], required=True)
    state = state_field(
        [("open", "Owed"), ("settled", "Settled"), ("cancelled", "Cancelled")], default="open"
    )
    settled_date = fields.Date(readonly=True)

    def action_settle(self):
        """The covered member paid back those who covered her (outside the institution)."""
        return self._promujer_run("settle", fields.Date.context_today(self))

    def _check_can_settle(self, date):
        # Credit staff record it; nobody writes a cover (it moves no money of the books).
        self._promujer_check_group(
            "promujer_credit.group_loan_officer", self.env._("Only credit staff settle covers.")
        )
        self.check_access("read")
        self._promujer_check_action_state("settle", self.env._("Settling the cover"))

    def _do_settle(self, date):
        self._promujer_write({"state": "settled", "settled_date": date})
        self._promujer_post(self.env._("Settled: she paid back those who covered her."))
