# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PromujerInternalRepayment(models.TransientModel):
    """A member repays her internal loan: interest first, then principal."""

    _name = "promujer.internal.repayment"
    _description = "Internal loan repayment"

    loan_id = fields.Many2one("promujer.internal.loan", string="Internal loan", required=True)
    partner_id = fields.Many2one(related="loan_id.partner_id")
    currency_id = fields.Many2one(related="loan_id.currency_id")
    principal_residual = fields.Monetary(related="loan_id.principal_residual")
    interest_residual = fields.Monetary(related="loan_id.interest_residual")
    residual = fields.Monetary(related="loan_id.residual")
    amount = fields.Monetary(
        compute="_compute_amount", store=True, readonly=False, precompute=True, required=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)

    @api.constrains("loan_id")
    def _check_loan_id(self):
        # Its related fields read the loan as superuser: only a loan she may repay.
        self.loan_id.check_access("write")

    @api.depends("loan_id")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = wizard.loan_id.residual

    def action_confirm(self):
        self.ensure_one()
        self.loan_id._register_repayment(self.amount, self.date)
        return {"type": "ir.actions.act_window_close"}
