# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

SESSION_STATES = [
    ("planned", "Planned"),
    ("done", "Held"),
    ("cancelled", "Cancelled"),
]


class PromujerTrainingSession(models.Model):
    """One session of a course, with one attendance line per participant: the trainer
    marks everyone present, then unticks the absent, and records the session as held."""

    _name = "promujer.training.session"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Training session"
    _order = "date, sequence, id"
    _promujer_protected_fields = ("state",)

    course_id = fields.Many2one(
        "promujer.training.course", required=True, index=True, ondelete="cascade"
    )
    course_state = fields.Selection(related="course_id.state", string="Course state")
    program_id = fields.Many2one(related="course_id.program_id", store=True)
    company_id = fields.Many2one(
        related="course_id.company_id", string="Branch", store=True, index=True
    )
    trainer_id = fields.Many2one(related="course_id.trainer_id", store=True)
    association_id = fields.Many2one(related="course_id.association_id", store=True)
    sequence = fields.Integer("Number", default=1)
    syllabus_id = fields.Many2one(
        "promujer.training.syllabus",
        domain="[('program_id', '=', program_id)]",
    )
    name = fields.Char(
        "Topic",
        required=True,
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
    )
    content = fields.Text(related="syllabus_id.content")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    place = fields.Char(compute="_compute_place", store=True, readonly=False, precompute=True)
    state = fields.Selection(SESSION_STATES, default="planned", required=True, index=True)
    attendance_ids = fields.One2many("promujer.training.attendance", "session_id")
    present_count = fields.Integer("Present", compute="_compute_counts", store=True)
    absent_count = fields.Integer("Absent", compute="_compute_counts", store=True)
    note = fields.Text()
    can_manage = fields.Boolean(compute="_compute_can_manage")

    @api.depends("syllabus_id")
    def _compute_name(self):
        for session in self:
            if session.syllabus_id:
                session.name = session.syllabus_id.name

    @api.depends("course_id.place")
    def _compute_place(self):
        for session in self:
            if not session.place:
                session.place = session.course_id.place

    @api.depends("attendance_ids.present")
    def _compute_counts(self):
        for session in self:
            present = len(session.attendance_ids.filtered("present"))
            session.present_count = present
            session.absent_count = len(session.attendance_ids) - present

    @api.depends_context("uid")
    @api.depends("course_id")
    def _compute_can_manage(self):
        for session in self:
            session.can_manage = session.course_id.can_manage

    @api.depends("course_id.name", "sequence", "name")
    def _compute_display_name(self):
        for session in self:
            session.display_name = f"{session.course_id.name} #{session.sequence} {session.name}"

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        closed = sessions.course_id.filtered(lambda c: c.state not in ("draft", "in_progress"))
        if closed:
            raise UserError(
                self.env._(
                    "Sessions cannot be added to a course that is done or cancelled: %(courses)s.",
                    courses=", ".join(closed.mapped("name")),
                )
            )
        sessions._sync_attendance()
        return sessions

    def write(self, vals):
        if {"date", "course_id"} & set(vals) and self.filtered(lambda s: s.state == "done"):
            raise UserError(
                self.env._(
                    "A held session keeps its date and course; set it back to planned first."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        held = self.filtered(lambda s: s.state == "done")
        if held:
            raise UserError(
                self.env._(
                    "Held sessions keep their attendance and cannot be deleted: %(sessions)s.",
                    sessions=", ".join(held.mapped("display_name")),
                )
            )

    def _sync_attendance(self):
        """One attendance line per participant on every session not cancelled; a woman
        enrolled after a session was held is absent from it until the trainer says
        otherwise."""
        existing = {
            (line.session_id.id, line.participant_id.id)
            for line in self.env["promujer.training.attendance"].search(
                [("session_id", "in", self.ids)]
            )
        }
        self.env["promujer.training.attendance"].create(
            [
                {"session_id": session.id, "participant_id": participant.id}
                for session in self.filtered(lambda s: s.state != "cancelled")
                for participant in session.course_id.participant_ids
                if (session.id, participant.id) not in existing
            ]
        )

    # ------------------------------------------------------------------ attendance

    def _check_attendance_open(self, action):
        """Attendance is taken by the course's trainer, on sessions not cancelled of a
        course in progress."""
        self.course_id._check_can_manage(action)
        wrong = self.filtered(
            lambda s: s.course_id.state != "in_progress" or s.state == "cancelled"
        )
        if wrong:
            raise UserError(
                self.env._(
                    "Attendance is taken on sessions not cancelled of a course in progress: "
                    "%(sessions)s.",
                    sessions=", ".join(wrong.mapped("display_name")),
                )
            )

    def action_mark_all_present(self):
        """First step of the grid: everyone present; the trainer then unticks the absent."""
        self._check_attendance_open(self.env._("take the attendance of"))
        self.attendance_ids.write({"present": True})
        return True

    def action_done(self):
        """The session was held: its attendance counts toward completion."""
        self._check_attendance_open(self.env._("take the attendance of"))
        today = fields.Date.context_today(self)
        messages = []
        for session in self:
            if session.state != "planned":
                messages.append(
                    self.env._("%(session)s was already held.", session=session.display_name)
                )
            elif session.date > today:
                messages.append(
                    self.env._(
                        "%(session)s is dated %(date)s, in the future.",
                        session=session.display_name,
                        date=session.date,
                    )
                )
        if messages:
            raise UserError(
                self.env._("These sessions cannot be recorded as held:\n") + "\n".join(messages)
            )
        self._promujer_write({"state": "done"})
        return True

    def action_cancel(self):
        """The session did not take place; it counts for nobody, and the course needs a
        replacement session to cover the program."""
        self.course_id._check_can_manage(self.env._("cancel the sessions of"))
        wrong = self.filtered(
            lambda s: s.state != "planned" or s.course_id.state not in ("draft", "in_progress")
        )
        if wrong:
            raise UserError(
                self.env._(
                    "Only planned sessions of draft courses and courses in progress can be "
                    "cancelled (set a held session back to planned first): %(sessions)s.",
                    sessions=", ".join(wrong.mapped("display_name")),
                )
            )
        self._promujer_write({"state": "cancelled"})
        return True

    def action_plan(self):
        """Back to planned: to correct a held session, or to hold a cancelled one after all."""
        self.course_id._check_can_manage(self.env._("change the sessions of"))
        wrong = self.filtered(
            lambda s: (
                s.state == "planned"
                or s.course_id.state not in ("draft", "in_progress")
                or (s.state == "done" and s.course_id.state != "in_progress")
            )
        )
        if wrong:
            raise UserError(
                self.env._(
                    "Only held or cancelled sessions of a course not closed go back to "
                    "planned: %(sessions)s.",
                    sessions=", ".join(wrong.mapped("display_name")),
                )
            )
        self._promujer_write({"state": "planned"})
        self._sync_attendance()
        return True

    def action_open_attendance(self):
        """Open the session's attendance grid."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.display_name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
