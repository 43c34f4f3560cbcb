# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.promujer_credit.models.promujer_fields import parent_field, reference_field

PARTICIPANT_STATES = [
    ("enrolled", "Enrolled"),
    ("completed", "Completed"),
    ("not_completed", "Not completed"),
    ("cancelled", "Course cancelled"),
]


class PromujerTrainingParticipant(models.Model):
    """A woman enrolled in a course. She completes it when the course is closed and she
    attended every session held, or the program's minimum; completion is dated by the
    session at which she reached it."""

    _name = "promujer.training.participant"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Training course participant"
    _order = "course_id, partner_id"

    course_id = parent_field("promujer.training.course")
    partner_id = reference_field(
        "res.partner",
        string="Participant",
        domain="['|', ('promujer_is_client', '=', True), ('promujer_family_of_id', '!=', False)]",
    )
    program_id = fields.Many2one(related="course_id.program_id", store=True, index=True)
    category = fields.Selection(related="course_id.category", store=True)
    company_id = fields.Many2one(
        related="course_id.company_id", string="Branch", store=True, index=True
    )
    association_id = fields.Many2one(related="course_id.association_id", store=True)
    trainer_id = fields.Many2one(related="course_id.trainer_id", store=True)
    enrollment_date = fields.Date("Enrolled on", default=fields.Date.context_today)
    attendance_ids = fields.One2many("promujer.training.attendance", "participant_id")
    attended_count = fields.Integer("Attended", compute="_compute_completion", store=True)
    held_count = fields.Integer("Held", compute="_compute_completion", store=True)
    required_count = fields.Integer("Required", compute="_compute_completion", store=True)
    state = fields.Selection(
        PARTICIPANT_STATES,
        compute="_compute_completion",
        store=True,
        index=True,
        string="Result",
    )
    completion_date = fields.Date(
        "Completed on", compute="_compute_completion", store=True, index=True
    )

    _sql_constraints = [
        (
            "course_partner_unique",
            "unique(course_id, partner_id)",
            "A woman is enrolled once in a course.",
        ),
    ]

    @api.depends(
        "course_id.state",
        "course_id.sessions_held_count",
        "course_id.program_id.min_sessions_attended",
        "attendance_ids.present",
        "attendance_ids.session_state",
        "attendance_ids.date",
    )
    def _compute_completion(self):
        for participant in self:
            course = participant.course_id
            attended = participant.attendance_ids.filtered(
                lambda a: a.present and a.session_state == "done"
            ).sorted(lambda a: (a.date, a.id))
            held = course.sessions_held_count
            required = course.program_id._required_sessions(held) if course.program_id else 0
            participant.attended_count = len(attended)
            participant.held_count = held
            participant.required_count = required
            completed = course.state == "done" and required and len(attended) >= required
            participant.completion_date = attended[required - 1].date if completed else False
            if course.state == "cancelled":
                participant.state = "cancelled"
            elif course.state != "done":
                participant.state = "enrolled"
            else:
                participant.state = "completed" if completed else "not_completed"

    @api.depends("partner_id", "course_id")
    def _compute_display_name(self):
        for participant in self:
            participant.display_name = (
                f"{participant.partner_id.name or ''} ({participant.course_id.name or ''})"
            )

    @api.model_create_multi
    def create(self, vals_list):
        participants = super().create(vals_list)
        participants.course_id._check_participants_open()
        participants.course_id.session_ids._sync_attendance()
        return participants

    def write(self, vals):
        if {"course_id", "partner_id"} & set(vals):
            self.course_id._check_participants_open()
        res = super().write(vals)
        if "course_id" in vals:
            self.course_id._check_participants_open()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_course_closed(self):
        self.course_id._check_participants_open()
