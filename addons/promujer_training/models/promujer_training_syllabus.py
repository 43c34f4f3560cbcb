# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.promujer_credit.models.promujer_fields import parent_field


class PromujerTrainingSyllabus(models.Model):
    """One session of a program: its topic and what it covers."""

    _name = "promujer.training.syllabus"
    _description = "Training program syllabus line"
    _order = "program_id, sequence, id"

    program_id = parent_field("promujer.training.program")
    sequence = fields.Integer("Session", default=1)
    name = fields.Char("Topic", required=True, translate=True)
    content = fields.Text("Contents", translate=True)
    duration_hours = fields.Float("Duration (hours)", default=2.0)

    @api.depends("sequence", "name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.sequence}. {line.name or ''}"
