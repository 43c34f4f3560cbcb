# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.promujer_credit.models.promujer_fields import count_field

from .promujer_health_visit import CLINICAL


class ResPartner(models.Model):
    """Patients are clients and their family members; health facilities of the region,
    to which the posts refer patients, are contacts too."""

    _inherit = "res.partner"

    promujer_is_health_facility = fields.Boolean(
        string="Health facility",
        index=True,
        help="A hospital or health center of the region to which health posts refer patients.",
    )
    promujer_health_visit_count = count_field(
        "promujer.health.visit", "patient_id", "Health visits", groups=CLINICAL
    )

    def action_promujer_view_health_visits(self):
        return self._promujer_list_action(
            "promujer_health.promujer_health_visit_action", "patient_id"
        )
