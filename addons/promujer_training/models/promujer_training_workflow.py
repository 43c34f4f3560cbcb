# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class PromujerTrainingWorkflow(models.AbstractModel):
    """The workflow of the training records: each action starts from the states in
    `_action_states` ({verb: states}); its button shows (can_<verb>) to the users who may
    act on the record (`_acting_records`) in those states, and its check refuses the
    others with the same rule."""

    _name = "promujer.training.workflow"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Training workflow"

    _action_states = {}

    def _acting_records(self):
        """The records the current user may act on: those she may write by default."""
        return self._filtered_access("write")

    def _action_possible(self, verb):
        """Whether `verb` is possible on this record beyond its state (a model may
        say more, for its buttons; its check says why not)."""
        return True

    @api.depends_context("uid")
    @api.depends("state")
    def _compute_can_act(self):
        allowed = self._acting_records()
        for record in self:
            for verb, states in self._action_states.items():
                record[f"can_{verb}"] = (
                    record in allowed and record.state in states and record._action_possible(verb)
                )

    def _check_action_state(self, verb, action):
        """Refuse `verb` on records outside the states it starts from (`action`: the
        action's name in the refusal)."""
        self._promujer_check_state(self._action_states[verb], action)

    def _refuse_naming(self, message, key, field="display_name"):
        """Refuse these records, if any: `message` (translated) names them in its
        %(<key>)s placeholder, by their `field`."""
        if self:
            raise UserError(message % {key: ", ".join(self.mapped(field))})
