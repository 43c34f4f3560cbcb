# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.promujer_credit.models.promujer_fields import institution_setting


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Kept on the root company, like the other rules of the methodology.
    promujer_training_required = institution_setting(fields.Boolean, "promujer_training_required")
    promujer_training_min_completed_percent = institution_setting(
        fields.Integer, "promujer_training_min_completed_percent"
    )
