# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.promujer_credit.models.promujer_fields import count_field

from .res_partner import TRAINING_STAFF


class PromujerAssociation(models.Model):
    """An association enters training when its association-management course starts, and
    becomes active once enough of its members completed it (a setting: all by default)."""

    _inherit = "promujer.association"

    training_course_ids = fields.One2many(
        "promujer.training.course",
        "association_id",
        string="Training courses",
        groups=TRAINING_STAFF,
    )
    training_course_count = count_field(
        "promujer.training.course", "association_id", groups=TRAINING_STAFF
    )
    training_completed_count = fields.Integer(
        "Members trained",
        compute="_compute_training_completion",
        help="Members who completed the association-management training.",
    )
    training_pending_member_ids = fields.Many2many(
        "res.partner",
        string="Members not trained yet",
        compute="_compute_training_completion",
        help="Members who have not completed the association-management training.",
    )

    @api.depends("member_ids.promujer_association_training_date")
    def _compute_training_completion(self):
        for association in self:
            pending = association.member_ids.filtered(
                lambda p: not p.promujer_association_training_date
            )
            association.training_pending_member_ids = pending
            association.training_completed_count = len(association.member_ids - pending)

    # ------------------------------------------------------------------ rules

    def _training_rules(self):
        # The rules live on the institution, which a branch's staff may not read.
        root = self.company_id.root_id.sudo()
        return {
            "required": root.promujer_training_required,
            "min_percent": root.promujer_training_min_completed_percent,
        }

    def _get_activate_problems(self):
        problems = super()._get_activate_problems()
        problems += self._get_training_problems()
        return problems

    def _get_training_problems(self):
        """Too few members completed the association-management training (names them)."""
        self.ensure_one()
        rules = self._training_rules()
        if not rules["required"]:
            return []
        members = self.member_ids
        pending = self.training_pending_member_ids
        trained = len(members) - len(pending)
        # Integer ceiling: 80% of 26 members is 21 women, not 20.8.
        needed = -(-len(members) * rules["min_percent"] // 100)
        if trained >= needed:
            return []
        return [
            self.env._(
                "%(trained)s of %(count)s members completed the association-management "
                "training (%(needed)s needed); not yet: %(names)s",
                trained=trained,
                count=len(members),
                needed=needed,
                names=", ".join(pending.sorted("name").mapped("name")),
            )
        ]

    def action_view_training_courses(self):
        return self._promujer_list_action(
            "promujer_training.promujer_training_course_action", "association_id"
        )
