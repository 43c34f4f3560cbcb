# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Settings of the institution, read on its root company.
    promujer_training_required = fields.Boolean(
        "Association training before the first loan",
        default=True,
        help="An association becomes active, and its first loan cycle is disbursed, only "
        "once its members completed the association-management training.",
    )
    promujer_training_min_completed_percent = fields.Integer(
        "Members trained to activate an association (%)",
        default=100,
        help="Share of the members who must have completed the association-management "
        "training before the association becomes active.",
    )

    @api.constrains("promujer_training_min_completed_percent")
    def _check_promujer_training_min_completed_percent(self):
        for company in self:
            if not 1 <= company.promujer_training_min_completed_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "The share of members trained to activate an association must be "
                        "between 1 and 100%%, not %(percent)s%%.",
                        percent=company.promujer_training_min_completed_percent,
                    )
                )
