# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import LazyTranslate

from odoo.addons.promujer_credit.models.promujer_fields import can_field, parent_field

_lt = LazyTranslate(__name__)

SESSION_STATES = [
    ("planned", "Planned"),
    ("done", "Held"),
    ("cancelled", "Cancelled"),
]

# Each action of a session: the states it starts from and the states its course must be
# in (the buttons, can_<verb>, and the checks read them; a held session goes back to
# planned only while its course is in progress), what the user would do (in the refusal
# to those who do not run the course), and its name in the refusals.
SESSION_ACTIONS = {
    "mark_all_present": (
        ("planned", "done"),
        ("in_progress",),
        _lt("take the attendance of"),
        _lt("Taking the attendance"),
    ),
    "done": (
        ("planned",),
        ("in_progress",),
        _lt("take the attendance of"),
        _lt("Recording the session as held"),
    ),
    "cancel": (
        ("planned",),
        ("draft", "in_progress"),
        _lt("cancel the sessions of"),
        _lt("Cancelling a session"),
    ),
    "plan": (
        ("done", "cancelled"),
        ("draft", "in_progress"),
        _lt("change the sessions of"),
        _lt("Going back to planned"),
    ),
}


class PromujerTrainingSession(models.Model):
    """One session of a course, with one attendance line per participant: the trainer
    marks everyone present, then unticks the absent, and records the session as held."""

    _name = "promujer.training.session"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Training session"
    _order = "date, sequence, id"
    _promujer_protected_fields = ("state",)
    _promujer_action_states = {verb: action[0] for verb, action in SESSION_ACTIONS.items()}
    _promujer_action_names = {verb: action[3] for verb, action in SESSION_ACTIONS.items()}
    _promujer_deletable_states = ("planned", "cancelled")
    _promujer_kept_text = _lt(
        "Held sessions keep their attendance and cannot be deleted: %(records)s."
    )
    # A held session keeps its date and course; set it back to planned first.
    _promujer_frozen_fields = ("date", "course_id")
    _promujer_editable_states = ("planned", "cancelled")

    course_id = parent_field("promujer.training.course")
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
    # What the current user may do now (the buttons); the checks say why not.
    can_mark_all_present = can_field("Can mark all present")
    can_done = can_field("Can record as held")
    can_cancel = can_field("Can cancel")
    can_plan = can_field("Can go back to planned")

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
    @api.depends("state", "course_id.state", "course_id.trainer_id", "course_id.company_id")
    def _compute_can_act(self):
        return super()._compute_can_act()

    def _promujer_action_possible(self, verb):
        return not self._get_course_state_problems(verb)

    def _promujer_acting_records(self):
        runs = self.course_id._run_by_current_user()
        return self.filtered(lambda s: s.course_id in runs)

    @api.depends("course_id.name", "sequence", "name")
    def _compute_display_name(self):
        for session in self:
            session.display_name = f"{session.course_id.name} #{session.sequence} {session.name}"

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        sessions.course_id._promujer_check_state(
            ("draft", "in_progress"), self.env._("Adding sessions")
        )
        sessions._sync_attendance()
        return sessions

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

    # ------------------------------------------------------------------ actions

    def _promujer_check_rights(self, verb):
        """Who runs the course acts on its sessions (the refusal says what she would do)."""
        self.course_id._check_user_runs_course(self.env._(SESSION_ACTIONS[verb][2]))

    def _get_course_state_problems(self, verb):
        self.ensure_one()
        course = self.course_id
        course_states = SESSION_ACTIONS[verb][1]
        if verb == "plan" and self.state == "done":
            course_states = ("in_progress",)
        if course.state in course_states:
            return []
        return [
            self.env._(
                "its course %(course)s is %(state)s",
                course=course.name,
                state=course._promujer_labels("state")[course.state].lower(),
            )
        ]

    def action_mark_all_present(self):
        """First step of the grid: everyone present; the trainer then unticks the absent."""
        return self._promujer_run("mark_all_present")

    def _get_mark_all_present_problems(self):
        return self._get_course_state_problems("mark_all_present")

    def _do_mark_all_present(self):
        self.attendance_ids.write({"present": True})

    def action_done(self):
        """The session was held: its attendance counts toward completion."""
        return self._promujer_run("done", fields.Date.context_today(self))

    def _get_done_problems(self, today):
        problems = self._get_course_state_problems("done")
        if self.date > today:
            problems.append(
                self.env._(
                    "it is dated %(date)s, in the future", date=self._promujer_date(self.date)
                )
            )
        return problems

    def _do_done(self, today):
        self._promujer_write({"state": "done"})

    def action_cancel(self):
        """The session did not take place; it counts for nobody, and the course needs a
        replacement session to cover the program."""
        return self._promujer_run("cancel")

    def _get_cancel_problems(self):
        return self._get_course_state_problems("cancel")

    def _do_cancel(self):
        self._promujer_write({"state": "cancelled"})

    def action_plan(self):
        """Back to planned: to correct a held session, or to hold a cancelled one after all."""
        return self._promujer_run("plan")

    def _get_plan_problems(self):
        return self._get_course_state_problems("plan")

    def _do_plan(self):
        self._promujer_write({"state": "planned"})
        self._sync_attendance()

    def action_open_attendance(self):
        """Open the session's attendance grid."""
        self.ensure_one()
        return self._promujer_form_action(name=self.display_name)
