# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PromujerLoanCycle(models.Model):
    """Before a first loan the association's women take the association-management
    training: a first cycle is not disbursed to women who have not completed it."""

    _inherit = "promujer.loan.cycle"

    def _get_entry_problems(self):
        """Checked as the officer types the proposal and when she submits it."""
        return super()._get_entry_problems() + self._get_training_problems()

    def _get_disburse_problems(self):
        problems = super()._get_disburse_problems()
        if self.state == "approved" and not self.disbursement_move_id:
            problems += self._get_training_problems()
        return problems

    def _is_first_cycle(self):
        self.ensure_one()
        if self.cycle_number == 1:
            return True
        # The accountant may not see every cycle of the association's branch; a cycle
        # being typed has no id yet.
        return not self.sudo().search_count(
            [
                ("association_id", "=", self.association_id.id),
                ("id", "!=", self._origin.id or 0),
                ("state", "in", ("disbursed", "closed")),
            ],
            limit=1,
        )

    def _get_training_problems(self):
        self.ensure_one()
        if not self.association_id._training_rules()["required"] or not self._is_first_cycle():
            return []
        untrained = self._borrowing_loans().partner_id.filtered(
            lambda p: not p.promujer_association_training_date
        )
        if not untrained:
            return []
        return [
            self.env._(
                "it is the association's first loan cycle, and these borrowers have not "
                "completed the association-management training: %(names)s",
                names=", ".join(untrained.sorted("name").mapped("name")),
            )
        ]
