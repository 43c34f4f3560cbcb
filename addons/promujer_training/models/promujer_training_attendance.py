# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.promujer_credit.models.promujer_fields import parent_field


class PromujerTrainingAttendance(models.Model):
    """Whether one participant attended one session."""

    _name = "promujer.training.attendance"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Training attendance"
    _order = "date, session_id, partner_id"

    session_id = parent_field("promujer.training.session")
    participant_id = parent_field("promujer.training.participant", string="Enrolment")
    partner_id = fields.Many2one(
        related="participant_id.partner_id", string="Participant", store=True, index=True
    )
    course_id = fields.Many2one(related="session_id.course_id", store=True, index=True)
    company_id = fields.Many2one(
        related="session_id.company_id", string="Branch", store=True, index=True
    )
    date = fields.Date(related="session_id.date", store=True)
    session_state = fields.Selection(related="session_id.state", store=True)
    present = fields.Boolean()

    _sql_constraints = [
        (
            "session_participant_unique",
            "unique(session_id, participant_id)",
            "A participant has one attendance line per session.",
        ),
    ]

    @api.constrains("session_id", "participant_id")
    def _check_same_course(self):
        for line in self:
            if line.participant_id.course_id != line.session_id.course_id:
                raise ValidationError(
                    self.env._(
                        "%(woman)s is not a participant of the course of %(session)s.",
                        woman=line.partner_id.name,
                        session=line.session_id.display_name,
                    )
                )

    def write(self, vals):
        if "present" in vals:
            self.check_access("write")
            self.session_id._promujer_check("mark_all_present")
        return super().write(vals)
