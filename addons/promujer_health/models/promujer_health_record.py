# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class PromujerHealthRecord(models.AbstractModel):
    """What visits and referrals share: a reference from the sequence of their model, a
    date, and actions that the health staff allowed to write the record take from the
    states in `_action_states` ({verb: states it starts from}), which the buttons
    (can_<verb>) and the checks read."""

    _name = "promujer.health.record"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Health post record"

    _action_states = {}

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

    @api.depends_context("uid")
    @api.depends("state")
    def _compute_can_act(self):
        writable = self._filtered_access("write")
        for record in self:
            for verb, states in self._action_states.items():
                record[f"can_{verb}"] = record in writable and record.state in states

    def _check_health_action(self, verb, action):
        """The checks every action starts with: the right to write the records, then the
        state `verb` starts from (`action`: the action's name in the refusal)."""
        self.check_access("write")
        self._promujer_check_state(self._action_states[verb], action)

    def _refuse_naming(self, message, key, field="display_name"):
        """Refuse these records, if any: `message` (translated) names them in its
        %(<key>)s placeholder, by their `field`."""
        if self:
            raise UserError(message % {key: ", ".join(self.mapped(field))})
