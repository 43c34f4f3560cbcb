# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PromujerLoanWriteOff(models.TransientModel):
    """The branch manager proposes to write off loans long in arrears, against the
    allowance; a credit administrator approves the proposal."""

    _name = "promujer.loan.write.off"
    _description = "Write off member loans"

    loan_ids = fields.Many2many("promujer.loan", string="Loans", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    reason = fields.Text(required=True)

    def action_write_off(self):
        self.ensure_one()
        proposal = self.loan_ids._propose_write_off(self.date, self.reason)
        return proposal._promujer_form_action()
