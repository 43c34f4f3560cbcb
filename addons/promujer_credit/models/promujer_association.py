# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from .promujer_fields import can_field, count_field, role_field

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]

ASSOCIATION_STATES = [
    ("forming", "Forming"),
    ("training", "In training"),
    ("active", "Active"),
    ("consolidated", "Consolidated"),
    ("suspended", "Suspended"),
    ("closed", "Closed"),
]

# The states in which an association may borrow.
BORROWING_STATES = ("active", "consolidated")
# The loan cycles that keep an association from closing.
OPEN_CYCLE_STATES = ("draft", "submitted", "approved", "disbursed")

_lt = LazyTranslate(__name__)

# Each action: the states it starts from (the buttons, can_<verb>, and the checks read
# them), the state it leads to (resuming: the state it was suspended from), its name.
TRANSITIONS = {
    "start_training": (("forming",), "training", _lt("Starting the training")),
    "activate": (("forming", "training"), "active", _lt("Activation")),
    "consolidate": (("active",), "consolidated", _lt("Consolidation")),
    "suspend": (("training", "active", "consolidated"), "suspended", _lt("Suspension")),
    "resume": (("suspended",), None, _lt("Resuming")),
    "close": (
        ("training", "active", "consolidated", "suspended"),
        "closed",
        _lt("Closing the association"),
    ),
}
# The transitions a branch manager of the association's branch takes: {verb: her action}.
MANAGER_VERBS = {
    "consolidate": _lt("consolidate"),
    "suspend": _lt("suspend"),
    "resume": _lt("resume"),
    "close": _lt("close"),
}


class PromujerAssociation(models.Model):
    """A community association (communal bank) of 25-30 women in 5-6 solidarity groups.

    It secures its members' loans and manages them through its board and its credit
    committee; it repays weekly until consolidated, bi-weekly after.
    """

    _name = "promujer.association"
    _description = "Community association"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "promujer.workflow.mixin",
        "promujer.branch.mixin",
    ]
    _order = "name"
    _check_company_auto = True
    _promujer_protected_fields = (
        "state",
        "suspended_from_state",
        "consolidation_date",
        "closed_date",
        "repayment_frequency",
        "member_ids",
        "member_count",
        "group_count",
    )
    _promujer_fixed_fields = ("code",)
    _promujer_transitions = TRANSITIONS
    _promujer_transition_dates = {"consolidate": "consolidation_date", "close": "closed_date"}
    _promujer_groups_refusal = _lt("Only credit staff change the state of an association.")
    _promujer_action_groups = {
        **dict.fromkeys(("start_training", "activate"), ("promujer_credit.group_loan_officer",)),
        **dict.fromkeys(MANAGER_VERBS, ("promujer_credit.group_branch_manager",)),
    }

    name = fields.Char(required=True, tracking=True)
    can_start_training = can_field()
    can_activate = can_field()
    can_consolidate = can_field()
    can_suspend = can_field()
    can_resume = can_field()
    can_close = can_field()
    code = fields.Char(
        readonly=True, copy=False, default=lambda self: self.env._("New"), index=True
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(tracking=True)
    officer_id = fields.Many2one(
        "hr.employee",
        string="Loan officer",
        tracking=True,
        index=True,
        check_company=True,
    )
    officer_user_id = fields.Many2one(related="officer_id.user_id", string="Officer user")
    meeting_weekday = fields.Selection(WEEKDAYS, string="Meeting day", default="0", required=True)
    meeting_place = fields.Char(string="Meeting place")
    formation_date = fields.Date(default=fields.Date.context_today, tracking=True)
    consolidation_date = fields.Date(readonly=True, copy=False, tracking=True)
    closed_date = fields.Date(readonly=True, copy=False, tracking=True)
    state = fields.Selection(
        ASSOCIATION_STATES, default="forming", required=True, tracking=True, copy=False
    )
    suspended_from_state = fields.Selection(ASSOCIATION_STATES, readonly=True, copy=False)
    repayment_frequency = fields.Selection(
        [("weekly", "Weekly"), ("biweekly", "Bi-weekly")],
        compute="_compute_repayment_frequency",
        store=True,
        help="Weekly until the association is consolidated, every two weeks after.",
    )

    group_ids = fields.One2many(
        "promujer.solidarity.group", "association_id", string="Solidarity groups"
    )
    member_ids = fields.Many2many(
        "res.partner",
        "promujer_association_member_rel",
        "association_id",
        "partner_id",
        string="Members",
        compute="_compute_member_ids",
        store=True,
    )
    member_count = fields.Integer(compute="_compute_member_ids", store=True)
    group_count = fields.Integer(compute="_compute_group_count", store=True)

    president_id = role_field()
    treasurer_id = role_field()
    secretary_id = role_field()
    committee_member_ids = fields.Many2many(
        "res.partner",
        "promujer_association_committee_rel",
        "association_id",
        "partner_id",
        string="Credit committee",
        domain="[('id', 'in', member_ids)]",
    )

    cycle_ids = fields.One2many("promujer.loan.cycle", "association_id", string="Loan cycles")
    cycle_count = count_field("promujer.loan.cycle", "association_id")
    meeting_ids = fields.One2many("promujer.meeting", "association_id", string="Meetings")
    meeting_count = count_field("promujer.meeting", "association_id")
    loan_ids = fields.One2many("promujer.loan", "association_id", string="Member loans")
    membership_ids = fields.One2many(
        "promujer.group.membership", "association_id", string="Membership history"
    )
    officer_assignment_ids = fields.One2many(
        "promujer.officer.assignment", "association_id", string="Loan officers"
    )
    note = fields.Html()
    meets_today = fields.Boolean(
        compute="_compute_meets_today",
        search="_search_meets_today",
        help="It borrows and today is its meeting day.",
    )

    _sql_constraints = [
        ("code_company_unique", "unique(code, company_id)", "The association code must be unique."),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends("consolidation_date")
    def _compute_repayment_frequency(self):
        for association in self:
            association.repayment_frequency = (
                "biweekly" if association.consolidation_date else "weekly"
            )

    @api.depends("group_ids.member_ids", "group_ids.active")
    def _compute_member_ids(self):
        for association in self:
            members = association.group_ids.filtered("active").member_ids
            association.member_ids = members
            association.member_count = len(members)

    @api.depends("group_ids.active")
    def _compute_group_count(self):
        for association in self:
            association.group_count = len(association.group_ids.filtered("active"))

    def _compute_meets_today(self):
        weekday = str(fields.Date.context_today(self).weekday())
        for association in self:
            association.meets_today = (
                association.meeting_weekday == weekday and association.state in BORROWING_STATES
            )

    def _search_meets_today(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        weekday = str(fields.Date.context_today(self).weekday())
        domain = ["&", ("meeting_weekday", "=", weekday), ("state", "in", BORROWING_STATES)]
        return domain if (operator == "=") == bool(value) else ["!", *domain]

    # ------------------------------------------------------------------ constraints

    @api.constrains("president_id", "treasurer_id", "secretary_id", "committee_member_ids")
    def _check_board_members(self):
        for association in self:
            board = (
                association.president_id
                | association.treasurer_id
                | association.secretary_id
                | association.committee_member_ids
            )
            outsiders = board - association.member_ids
            outsiders._promujer_refuse_naming(
                self.env._(
                    "The board and the credit committee of %(association)s must be "
                    "members of it; these are not: %(names)s."
                ),
                "names",
                "name",
                error=ValidationError,
                association=association.name,
            )

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("code") or vals["code"] == self.env._("New"):
                vals["code"] = self.env["ir.sequence"].next_by_code("promujer.association")
        associations = super().create(vals_list)
        self.env["promujer.officer.assignment"]._promujer_record(
            {a: a.officer_id.browse() for a in associations if a.officer_id}
        )
        return associations

    def write(self, vals):
        moved = self.browse()
        if "meeting_weekday" in vals:
            moved = self.filtered(lambda a: a.meeting_weekday != vals["meeting_weekday"])
        formed = {a: a.formation_date for a in self} if "formation_date" in vals else {}
        officers = {a: a.officer_id for a in self} if "officer_id" in vals else {}
        result = super().write(vals)
        for association, old_date in formed.items():
            if not association.formation_date:
                continue
            self.env["promujer.group.membership"]._promujer_redate_founders(
                association, old_date, association.formation_date
            )
            # Her first loan officer had the association from its formation.
            association.officer_assignment_ids.filtered(
                lambda h, d=old_date: not h.officer_from_id and h.date == d
            ).sudo().date = association.formation_date
        if officers:
            self.env["promujer.officer.assignment"]._promujer_record(officers)
        if moved:
            moved._promujer_redate_loans()
        return result

    def _promujer_redate_loans(self):
        """A new meeting day moves the open installments of the active loans."""
        loans = self.env["promujer.loan"].search(
            [("association_id", "in", self.ids), ("state", "=", "active")]
        )
        changed = loans._promujer_redate(self.env._("new meeting day"))
        for association in self:
            count = len(changed.filtered(lambda loan, a=association: loan.association_id == a))
            if count:
                association._promujer_post(
                    self.env._(
                        "Meeting day now %(day)s: the open installments of %(count)s loans "
                        "moved to it.",
                        day=self._promujer_labels("meeting_weekday")[association.meeting_weekday],
                        count=count,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_cycles(self):
        if self.cycle_ids:
            raise UserError(
                self.env._(
                    "An association with loan cycles cannot be deleted; close or archive it."
                )
            )

    # ------------------------------------------------------------------ size rules

    def _size_rules(self):
        # The rules live on the institution, which a branch's staff may not read.
        root = self.company_id.root_id.sudo()
        return {
            "min_members": root.promujer_assoc_min_members,
            "max_members": root.promujer_assoc_max_members,
            "min_groups": root.promujer_assoc_min_groups,
            "max_groups": root.promujer_assoc_max_groups,
            "group_min": root.promujer_group_min_members,
            "group_max": root.promujer_group_max_members,
        }

    def _get_size_problems(self):
        """What keeps this association outside the methodology's size rules."""
        self.ensure_one()
        rules = self._size_rules()
        # (count, minimum, maximum, the problem when outside, the group)
        sizes = [
            (
                self.member_count,
                rules["min_members"],
                rules["max_members"],
                self.env._("%(count)s members (%(min)s to %(max)s needed)"),
                "",
            ),
            (
                self.group_count,
                rules["min_groups"],
                rules["max_groups"],
                self.env._("%(count)s solidarity groups (%(min)s to %(max)s needed)"),
                "",
            ),
        ]
        in_group = self.env._("group %(group)s has %(count)s members (%(min)s to %(max)s needed)")
        sizes += [
            (len(group.member_ids), rules["group_min"], rules["group_max"], in_group, group.name)
            for group in self.group_ids.filtered("active")
        ]
        return [
            problem % {"count": count, "min": low, "max": high, "group": name}
            for count, low, high, problem, name in sizes
            if not low <= count <= high
        ]

    def _get_borrowing_problems(self):
        """Why this association may not borrow now (empty when it may)."""
        self.ensure_one()
        problems = []
        if self.state not in BORROWING_STATES:
            problems.append(
                self.env._(
                    "it is %(state)s; only active or consolidated associations borrow",
                    state=self._promujer_labels("state")[self.state].lower(),
                )
            )
        problems += self._get_size_problems()
        return problems

    # ------------------------------------------------------------------ transitions

    def _promujer_check_rights(self, verb):
        """Credit staff of its branch start the training and activate an association;
        the branch manager of its branch decides the rest (`MANAGER_VERBS`)."""
        if verb in MANAGER_VERBS:
            self._promujer_check_branch_manager(self.env._(MANAGER_VERBS[verb]))
        return super()._promujer_check_rights(verb)

    def action_start_training(self):
        return self._promujer_run("start_training")

    def action_activate(self):
        return self._promujer_run("activate")

    def _get_activate_problems(self):
        """Reasons why this association cannot become active; extended by other addons."""
        self.ensure_one()
        problems = self._get_size_problems()
        missing = [
            label
            for label, person in (
                (self.env._("president"), self.president_id),
                (self.env._("treasurer"), self.treasurer_id),
                (self.env._("secretary"), self.secretary_id),
            )
            if not person
        ]
        if missing:
            problems.append(self.env._("no %(roles)s", roles=", ".join(missing)))
        if not self.committee_member_ids:
            problems.append(self.env._("no credit committee"))
        if not self.officer_id:
            problems.append(self.env._("no loan officer"))
        return problems

    def action_consolidate(self):
        """The branch manager consolidates the association: it repays bi-weekly from now."""
        return self._promujer_run("consolidate", fields.Date.context_today(self))

    def _get_consolidate_problems(self, date):
        """Consolidation is earned: the last N cycles (a setting, 3 by default) closed
        without any loan ever late more than the allowed days (7 by default)."""
        self.ensure_one()
        settings = self.company_id._promujer_settings()
        needed = settings.promujer_consolidation_cycles
        allowed = settings.promujer_consolidation_max_days_late
        closed = self.cycle_ids.filtered(lambda c: c.state == "closed").sorted(
            "cycle_number", reverse=True
        )[:needed]
        if len(closed) < needed:
            return [
                self.env._(
                    "it has closed %(count)s cycles; %(needed)s are needed",
                    count=len(closed),
                    needed=needed,
                )
            ]
        late = closed.loan_ids.filtered(lambda loan: loan.max_days_late > allowed)
        if late:
            return [
                self.env._(
                    "in its last %(needed)s cycles, %(names)s were more than %(allowed)s days late",
                    needed=needed,
                    names=", ".join(late.partner_id.mapped("name")),
                    allowed=allowed,
                )
            ]
        return []

    def action_new_meeting(self):
        """Open the collection sheet of the association's disbursed cycle for today."""
        self.ensure_one()
        cycle = self.cycle_ids.filtered(lambda c: c.state == "disbursed").sorted("id")[-1:]
        if not cycle:
            raise UserError(
                self.env._(
                    "%(association)s has no disbursed loan cycle to repay.", association=self.name
                )
            )
        meeting = self.env["promujer.meeting"].create(
            {"association_id": self.id, "cycle_id": cycle.id}
        )
        return meeting._promujer_form_action()

    def action_view_meetings(self):
        return self._promujer_list_action(
            "promujer_credit.promujer_meeting_action", "association_id"
        )

    def action_suspend(self):
        return self._promujer_run("suspend")

    def _do_suspend(self):
        for association in self:
            association._promujer_write(
                {"suspended_from_state": association.state, "state": "suspended"}
            )

    def action_resume(self):
        """Back to the state it was suspended from."""
        return self._promujer_run("resume")

    def _do_resume(self):
        for association in self:
            association._promujer_write(
                {
                    "state": association.suspended_from_state or "active",
                    "suspended_from_state": False,
                }
            )

    def action_close(self):
        """Close the association: its members are free to join another one."""
        return self._promujer_run("close", fields.Date.context_today(self))

    def _get_close_problems(self, date):
        self.ensure_one()
        open_cycles = self.cycle_ids.filtered(lambda c: c.state in OPEN_CYCLE_STATES)
        if open_cycles:
            return [
                self.env._(
                    "close or cancel its loan cycles first: %(cycles)s",
                    cycles=", ".join(open_cycles.mapped("name")),
                )
            ]
        return []

    # ------------------------------------------------------------------ building

    @api.model
    def _groups_vals(self, women, per_group, name="Grupo %s", leaders=False):
        """Solidarity groups of `per_group` women each, taken in order from `women`, as
        the commands of `group_ids`; `name` numbers them, and with `leaders` the first
        woman of each group leads it."""
        groups = [women[start : start + per_group] for start in range(0, len(women), per_group)]
        return [
            Command.create(
                {
                    "name": name % number,
                    "member_ids": [Command.set(group.ids)],
                    **({"leader_id": group[:1].id} if leaders else {}),
                }
            )
            for number, group in enumerate(groups, start=1)
        ]

    def _set_board(self, president, treasurer, secretary, committee):
        """Elect the association's board: three officers and the credit committee."""
        self.ensure_one()
        self.write(
            {
                "president_id": president.id,
                "treasurer_id": treasurer.id,
                "secretary_id": secretary.id,
                "committee_member_ids": [Command.set(committee.ids)],
            }
        )

    # ------------------------------------------------------------------ buttons

    def action_view_cycles(self):
        return self._promujer_list_action(
            "promujer_credit.promujer_loan_cycle_action", "association_id"
        )

    def action_view_members(self):
        self.ensure_one()
        return self._promujer_action(
            "promujer_credit.res_partner_action_promujer_clients",
            [("id", "in", self.member_ids.ids)],
        )

    def action_new_cycle(self):
        """Open a new loan cycle for the association with a line per member."""
        self.ensure_one()
        return self._promujer_action(
            "promujer_credit.promujer_loan_cycle_action",
            context={"default_association_id": self.id},
            form=True,
        )
