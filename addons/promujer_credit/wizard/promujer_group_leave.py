# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PromujerGroupLeave(models.TransientModel):
    """Women leave their solidarity group on a date, for a reason (the reports stop
    counting them as its clients from that date)."""

    _name = "promujer.group.leave"
    _description = "Leave a solidarity group"

    group_id = fields.Many2one("promujer.solidarity.group", required=True)
    partner_ids = fields.Many2many(
        "res.partner",
        string="Women who leave",
        required=True,
        domain="[('promujer_group_ids', 'in', group_id)]",
    )
    date = fields.Date("Left on", required=True, default=fields.Date.context_today)
    reason = fields.Char("Reason for leaving", required=True)

    def action_leave(self):
        self.ensure_one()
        self.group_id._promujer_remove_members(self.partner_ids, self.date, self.reason)
        return {"type": "ir.actions.act_window_close"}
