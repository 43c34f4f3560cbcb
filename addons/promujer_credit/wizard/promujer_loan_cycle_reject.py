# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PromujerLoanCycleReject(models.TransientModel):
    """The branch manager rejects loan cycles, giving the reason."""

    _name = "promujer.loan.cycle.reject"
    _description = "Reject loan cycles"

    cycle_ids = fields.Many2many("promujer.loan.cycle", string="Loan cycles", required=True)
    reason = fields.Text(required=True)

    def action_reject(self):
        self.ensure_one()
        self.cycle_ids._do_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
