# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.promujer_credit.models.promujer_fields import count_field

PROGRAM_CATEGORIES = [
    ("potentialities", "Development of potentialities"),
    ("business", "Business skills"),
    ("association", "Association management"),
    ("health", "Health"),
    ("job_skills", "Job skills"),
]

PROGRAM_TARGETS = [
    ("association", "An association's members"),
    ("cohort", "An open cohort at a branch"),
]


class PromujerTrainingProgram(models.Model):
    """What is taught: a program of sessions, each with its syllabus, delivered many times
    as courses. Programs are the institution's configuration, shared by its branches."""

    _name = "promujer.training.program"
    _description = "Training program"
    _inherit = ["mail.thread", "promujer.catalog.mixin"]

    name = fields.Char(tracking=True)
    code = fields.Char(help="Short code used in course references.")
    company_id = fields.Many2one(
        default=False, help="Leave empty to share the program with the whole institution."
    )
    category = fields.Selection(PROGRAM_CATEGORIES, required=True, tracking=True)
    target = fields.Selection(
        PROGRAM_TARGETS,
        required=True,
        default="association",
        tracking=True,
        help="Delivered to the members of one association, or to an open cohort of women "
        "at a branch.",
    )
    session_count = fields.Integer(
        "Sessions", required=True, default=1, tracking=True, help="Sessions of a course."
    )
    min_sessions_attended = fields.Integer(
        "Minimum sessions attended",
        tracking=True,
        help="A participant completes a course of this program when she attended this many "
        "of its sessions. Zero: every session held.",
    )
    syllabus_ids = fields.One2many("promujer.training.syllabus", "program_id", copy=True)
    description = fields.Html()
    course_ids = fields.One2many("promujer.training.course", "program_id", string="Courses")
    course_count = count_field("promujer.training.course", "program_id")

    @api.constrains("session_count", "min_sessions_attended", "syllabus_ids")
    def _check_sessions(self):
        self._promujer_raise_problems(
            self.env._("These training programs are not valid:"), "sessions", error=ValidationError
        )

    def _get_sessions_problems(self):
        """What is wrong with the program's sessions, its syllabus and its minimum."""
        count = self.session_count
        problems = []
        if count < 1:
            problems.append(self.env._("it needs at least one session"))
        if not 0 <= self.min_sessions_attended <= count:
            problems.append(
                self.env._(
                    "the minimum sessions attended must be between 0 (every session) and its "
                    "%(count)s sessions",
                    count=count,
                )
            )
        lines = len(self.syllabus_ids)
        if lines and lines != count:
            problems.append(
                self.env._(
                    "it has %(count)s sessions but a syllabus of %(lines)s: give one syllabus "
                    "line per session",
                    count=count,
                    lines=lines,
                )
            )
        return problems

    def _required_sessions(self, held):
        """How many of `held` sessions a participant must attend to complete a course."""
        self.ensure_one()
        return self.min_sessions_attended or held

    def action_view_courses(self):
        return self._promujer_list_action(
            "promujer_training.promujer_training_course_action", "program_id"
        )
