# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PromujerClientMove(models.TransientModel):
    """A branch manager moves clients (and their family) to another branch."""

    _name = "promujer.client.move"
    _description = "Move clients to another branch"

    partner_ids = fields.Many2many("res.partner", string="Clients", required=True)
    branch_id = fields.Many2one(
        "res.company",
        string="New branch",
        required=True,
        domain="[('promujer_center_kind', 'in', ('focal', 'neighborhood'))]",
    )
    reason = fields.Text(required=True)

    def action_move(self):
        self.ensure_one()
        self.partner_ids._promujer_move_branch(self.branch_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
