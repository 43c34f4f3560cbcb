# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.tools import LazyTranslate

from odoo.addons.promujer_credit.models.promujer_fields import (
    branch_field,
    can_field,
    reference_field,
    state_field,
)

_lt = LazyTranslate(__name__)

COURSE_STATES = [
    ("draft", "Draft"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]

# Each action: the states it starts from (the buttons, can_<verb>, and the checks read
# them), what the user would do (in the refusal to those who do not run the course), and
# its name in the refusals.
COURSE_ACTIONS = {
    "plan_sessions": (
        ("draft", "in_progress"),
        _lt("plan the sessions of"),
        _lt("Planning sessions"),
    ),
    "add_association_members": (
        ("draft", "in_progress"),
        _lt("enrol participants in"),
        _lt("Changing the participants"),
    ),
    "start": (("draft",), _lt("start"), _lt("Starting the course")),
    "done": (("in_progress",), _lt("close"), _lt("Closing the course")),
    "cancel": (("draft", "in_progress"), _lt("cancel"), _lt("Cancelling")),
    "draft": (("cancelled",), _lt("reset"), _lt("Going back to draft")),
}


class PromujerTrainingCourse(models.Model):
    """One delivery of a program at a branch, by a trainer, to the members of an
    association or to an open cohort: its sessions, participants and attendance."""

    _name = "promujer.training.course"
    _description = "Training course"
    _inherit = ["mail.thread", "mail.activity.mixin", "promujer.workflow.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    # States move through the actions only: "done" opens the gate to a first loan.
    _promujer_protected_fields = ("state",)
    _promujer_action_states = {verb: action[0] for verb, action in COURSE_ACTIONS.items()}
    _promujer_action_names = {verb: action[2] for verb, action in COURSE_ACTIONS.items()}
    _promujer_deletable_states = ("draft", "cancelled")
    _promujer_kept_text = _lt(
        "Courses that started or held sessions cannot be deleted; cancel them: %(records)s."
    )
    # What defines a course cannot change once it started.
    _promujer_frozen_fields = ("program_id", "association_id", "company_id")

    name = fields.Char(
        "Reference",
        readonly=True,
        copy=False,
        index=True,
        default=lambda self: self.env._("New"),
    )
    program_id = reference_field("promujer.training.program", tracking=True, check_company=True)
    category = fields.Selection(related="program_id.category", store=True)
    target = fields.Selection(related="program_id.target")
    company_id = branch_field(
        default=None,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    region_id = fields.Many2one(
        related="company_id.promujer_region_id", string="Regional office", store=True
    )
    trainer_id = reference_field("hr.employee", tracking=True, check_company=True)
    trainer_user_id = fields.Many2one(related="trainer_id.user_id", string="Trainer user")
    association_id = fields.Many2one(
        "promujer.association",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('state', 'not in', ('suspended', 'closed'))]",
        help="The association whose members take the course; empty for an open cohort.",
    )
    place = fields.Char(help="Where the sessions are held, unless a session says otherwise.")
    date_start = fields.Date(
        "Starts on", required=True, tracking=True, default=fields.Date.context_today
    )
    date_end = fields.Date("Ends on", compute="_compute_sessions", store=True)
    session_ids = fields.One2many("promujer.training.session", "course_id", string="Sessions")
    session_count = fields.Integer(
        "Sessions planned", compute="_compute_sessions", store=True, help="Not cancelled."
    )
    sessions_held_count = fields.Integer("Sessions held", compute="_compute_sessions", store=True)
    participant_ids = fields.One2many(
        "promujer.training.participant", "course_id", string="Participants"
    )
    participant_count = fields.Integer(compute="_compute_participants", store=True)
    completed_count = fields.Integer(
        "Completed", compute="_compute_participants", store=True, aggregator="sum"
    )
    state = state_field(COURSE_STATES)
    note = fields.Html()
    # What the current user may do now (the buttons); the checks say why not.
    can_plan_sessions = can_field("Can plan sessions")
    can_add_association_members = can_field("Can enrol the members")
    can_start = can_field("Can start")
    can_done = can_field("Can close")
    can_cancel = can_field("Can cancel")
    can_draft = can_field("Can go back to draft")

    # ------------------------------------------------------------------ computes

    @api.depends("association_id")
    def _compute_company_id(self):
        for course in self:
            course.company_id = (
                course.association_id.company_id or course.company_id or self.env.company
            )

    @api.depends("session_ids.state", "session_ids.date")
    def _compute_sessions(self):
        for course in self:
            live = course.session_ids.filtered(lambda s: s.state != "cancelled")
            course.session_count = len(live)
            course.sessions_held_count = len(live.filtered(lambda s: s.state == "done"))
            course.date_end = max(live.mapped("date"), default=False)

    @api.depends("participant_ids.state")
    def _compute_participants(self):
        for course in self:
            course.participant_count = len(course.participant_ids)
            course.completed_count = len(
                course.participant_ids.filtered(lambda p: p.state == "completed")
            )

    @api.depends_context("uid")
    @api.depends("state", "association_id", "trainer_id", "company_id")
    def _compute_can_act(self):
        return super()._compute_can_act()

    def _promujer_action_possible(self, verb):
        return verb != "add_association_members" or bool(self.association_id)

    @api.depends("name", "program_id", "association_id", "company_id")
    def _compute_display_name(self):
        for course in self:
            audience = course.association_id.name or course.company_id.name
            course.display_name = f"{course.name} {course.program_id.name or ''} ({audience})"

    # ------------------------------------------------------------------ onchange

    @api.onchange("association_id")
    def _onchange_association_id(self):
        """The association's members are the participants, unless the trainer says else."""
        if self.state != "draft" or not self.association_id:
            return
        present = self.participant_ids.partner_id
        self.participant_ids = [
            Command.create({"partner_id": woman.id})
            for woman in self.association_id.member_ids - present
        ]

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("promujer.training.course")
        return super().create(vals_list)

    def _promujer_frozen(self, vals):
        """Started courses whose program, association or branch `vals` would change (the
        form sends them again unchanged)."""
        frozen = self._promujer_frozen_in(vals)
        return (
            super()
            ._promujer_frozen(vals)
            .filtered(lambda course: any(course[f].id != vals[f] for f in frozen))
        )

    def _promujer_kept(self):
        return super()._promujer_kept() | self.filtered(
            lambda course: any(s.state == "done" for s in course.session_ids)
        )

    # ------------------------------------------------------------------ rights

    def _promujer_acting_records(self):
        return self._run_by_current_user()

    def _run_by_current_user(self):
        """The courses the current user runs: the trainer's own, every course of her
        branches for a training manager (all of them for server code in superuser mode)."""
        if self.env.su:
            return self
        user = self.env.user
        is_manager = user.has_group("promujer_training.group_training_manager")
        is_trainer = user.has_group("promujer_training.group_trainer")
        return self.filtered(
            lambda c: (
                c.company_id in user.company_ids
                and (is_manager or (is_trainer and c.trainer_id.user_id == user))
            )
        )

    def _check_user_runs_course(self, action):
        """Only the trainer of a course, or a training manager of its branch, acts on it."""
        refused = self - self._run_by_current_user()
        refused._promujer_refuse_naming(
            self.env._(
                "Only the trainer of a course or a training manager of its branch can "
                "%(action)s it: %(courses)s."
            ),
            "courses",
            "name",
            action=action,
        )

    def _promujer_check_rights(self, verb):
        """Who runs the course acts on it (the refusal says what she would do)."""
        self._check_user_runs_course(self.env._(COURSE_ACTIONS[verb][1]))

    def _check_participants_open(self):
        self._promujer_check_state(
            ("draft", "in_progress"), self.env._("Changing the participants")
        )

    # ------------------------------------------------------------------ sessions

    def action_plan_sessions(self):
        """Plan the sessions the program still needs, one per syllabus line, weekly."""
        return self._promujer_run("plan_sessions")

    def _do_plan_sessions(self):
        for course in self:
            course._plan_missing_sessions()

    def _plan_missing_sessions(self):
        self.ensure_one()
        live = self.session_ids.filtered(lambda s: s.state != "cancelled")
        missing = self.program_id.session_count - len(live)
        if missing <= 0:
            return self.env["promujer.training.session"]
        # Topics of cancelled sessions come back first, in the order of the syllabus.
        topics = self.program_id.syllabus_ids.sorted("sequence") - live.syllabus_id
        last = max(live.mapped("date"), default=False)
        start = last + timedelta(weeks=1) if last else self.date_start
        vals_list = []
        for n in range(missing):
            line = topics[n] if n < len(topics) else topics.browse()
            number = line.sequence or len(live) + n + 1
            vals_list.append(
                {
                    "course_id": self.id,
                    "sequence": number,
                    "syllabus_id": line.id,
                    "name": line.name or self.env._("Session %(number)s", number=number),
                    "date": start + timedelta(weeks=n),
                }
            )
        return self.env["promujer.training.session"].create(vals_list)

    def action_add_association_members(self):
        """Enrol the members of the association who are not participants yet."""
        return self._promujer_run("add_association_members")

    def _do_add_association_members(self):
        for course in self:
            women = course.association_id.member_ids - course.participant_ids.partner_id
            if women:
                self.env["promujer.training.participant"].create(
                    [{"course_id": course.id, "partner_id": woman.id} for woman in women]
                )

    # ------------------------------------------------------------------ start

    def action_start(self):
        """The trainer starts the course; an association in formation enters training."""
        return self._promujer_run("start")

    def _get_start_problems(self):
        self.ensure_one()
        problems = []
        if self.target == "association" and not self.association_id:
            problems.append(
                self.env._(
                    "program %(program)s is given to an association: choose it",
                    program=self.program_id.name,
                )
            )
        if self.association_id.state in ("suspended", "closed"):
            problems.append(
                self.env._(
                    "association %(association)s is suspended or closed",
                    association=self.association_id.name,
                )
            )
        if not self.participant_ids:
            problems.append(self.env._("it has no participants"))
        if not self.session_count:
            problems.append(self.env._("plan its sessions first"))
        return problems

    def _do_start(self):
        self._promujer_write({"state": "in_progress"})
        for course in self.filtered(
            lambda c: c.category == "association" and c.association_id.state == "forming"
        ):
            # Starting the training is the trainer's decision, on an association she
            # may only read.
            association = course.association_id.sudo()
            association.action_start_training()
            association._promujer_post(
                self.env._(
                    "The association-management training started with course %(course)s.",
                    course=course.name,
                )
            )

    # ------------------------------------------------------------------ done

    def action_done(self):
        """Close the course: its participants have completed it, or not."""
        return self._promujer_run("done")

    def _do_done(self):
        self._promujer_write({"state": "done"})
        for course in self:
            course._promujer_post(
                self.env._(
                    "Course closed: %(completed)s of %(count)s participants completed it.",
                    completed=course.completed_count,
                    count=course.participant_count,
                )
            )

    def _get_done_problems(self):
        self.ensure_one()
        problems = []
        planned = self.session_ids.filtered(lambda s: s.state == "planned")
        if planned:
            problems.append(
                self.env._(
                    "these sessions are still planned, take their attendance or cancel them: "
                    "%(sessions)s",
                    sessions=", ".join(planned.sorted("date").mapped("display_name")),
                )
            )
        if self.sessions_held_count < self.program_id.session_count:
            problems.append(
                self.env._(
                    "only %(held)s of the program's %(count)s sessions were held; plan a "
                    "session to replace each cancelled one",
                    held=self.sessions_held_count,
                    count=self.program_id.session_count,
                )
            )
        return problems

    # ------------------------------------------------------------------ cancel / draft

    def action_cancel(self):
        """Cancel the course and its planned sessions."""
        return self._promujer_run("cancel")

    def _do_cancel(self):
        self.session_ids.filtered(lambda s: s.state == "planned")._promujer_write(
            {"state": "cancelled"}
        )
        self._promujer_write({"state": "cancelled"})

    def action_draft(self):
        return self._promujer_run("draft")

    def _do_draft(self):
        self._promujer_write({"state": "draft"})

    # ------------------------------------------------------------------ buttons

    def action_view_sessions(self):
        return self._promujer_list_action(
            "promujer_training.promujer_training_session_action", "course_id"
        )
