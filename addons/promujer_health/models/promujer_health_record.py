# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PromujerHealthRecord(models.AbstractModel):
    """What visits and referrals share: a reference from the sequence of their model, a
    date, and actions that the health staff allowed to write the record take from the
    states in `_promujer_action_states` ({verb: states it starts from}), which the buttons
    (can_<verb>) and the checks read."""

    _name = "promujer.health.record"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Health post record"

    name = fields.Char(
        string="Reference",
        readonly=True,
        copy=False,
        index=True,
        default=lambda self: self.env._("New"),
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(self._name)
        return super().create(vals_list)
