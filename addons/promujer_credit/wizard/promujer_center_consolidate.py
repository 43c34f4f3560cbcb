# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PromujerCenterConsolidate(models.TransientModel):
    """A credit administrator consolidates a neighborhood center into a Focal Center on
    a date (the reports count it as a Focal Center from that date)."""

    _name = "promujer.center.consolidate"
    _description = "Consolidate a neighborhood center"

    company_id = fields.Many2one(
        "res.company",
        string="Neighborhood center",
        required=True,
        domain="[('promujer_center_kind', '=', 'neighborhood')]",
    )
    date = fields.Date("Consolidated on", required=True, default=fields.Date.context_today)

    def action_consolidate(self):
        self.ensure_one()
        self.company_id.action_promujer_consolidate(self.date)
        return {"type": "ir.actions.act_window_close"}
