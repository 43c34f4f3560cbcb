# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

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
    promujer_health_visit_count = fields.Integer(
        compute="_compute_promujer_health_visit_count", string="Health visits", groups=CLINICAL
    )

    def _compute_promujer_health_visit_count(self):
        counts = dict(
            self.env["promujer.health.visit"]._read_group(
                [("patient_id", "in", self.ids)], ["patient_id"], ["__count"]
            )
        )
        for partner in self:
            partner.promujer_health_visit_count = counts.get(partner, 0)

    def action_promujer_view_health_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "promujer_health.promujer_health_visit_action"
        )
        action["domain"] = [("patient_id", "=", self.id)]
        action["context"] = {"default_patient_id": self.id}
        return action
