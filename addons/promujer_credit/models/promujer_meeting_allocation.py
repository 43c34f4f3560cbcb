# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .promujer_fields import parent_field, reference_field


class PromujerMeetingAllocation(models.Model):
    """How much of what a woman paid (or was covered for her) at a meeting went to which
    installment: kept so that cancelling the meeting restores installments exactly."""

    _name = "promujer.meeting.allocation"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Meeting payment allocation"
    _order = "line_id, installment_id"
    # Written by the posting of the meeting, read by its cancel.
    _promujer_action_only = True

    line_id = parent_field("promujer.meeting.line")
    meeting_id = fields.Many2one(related="line_id.meeting_id", store=True, index=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    installment_id = reference_field("promujer.loan.installment")
    currency_id = fields.Many2one(related="installment_id.currency_id")
    principal = fields.Monetary()
    interest = fields.Monetary()
    penalty = fields.Monetary()
