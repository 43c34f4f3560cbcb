# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .promujer_fields import parent_field, reference_field


class PromujerInternalShareLine(models.Model):
    """One member's part of a profit sharing, and the savings it was weighed on."""

    _name = "promujer.internal.share.line"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Internal account profit share"
    # Computed by the profit sharing's action.
    _promujer_action_only = True
    _order = "share_id, partner_id"

    share_id = parent_field("promujer.internal.share", string="Profit sharing")
    company_id = fields.Many2one(related="share_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="share_id.currency_id", store=True)
    partner_id = reference_field("res.partner", string="Member")
    savings_basis = fields.Monetary(
        string="Savings", help="Her savings in the association on the date of the sharing."
    )
    amount = fields.Monetary(string="Share")
