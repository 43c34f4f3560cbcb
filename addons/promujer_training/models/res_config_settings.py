# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Kept on the root company, like the other rules of the methodology.
    promujer_training_required = fields.Boolean(
        related="company_id.root_id.promujer_training_required", readonly=False
    )
    promujer_training_min_completed_percent = fields.Integer(
        related="company_id.root_id.promujer_training_min_completed_percent", readonly=False
    )
