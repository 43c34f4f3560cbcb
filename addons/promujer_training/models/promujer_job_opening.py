# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import LazyTranslate

from odoo.addons.promujer_credit.models.promujer_fields import (
    branch_field,
    can_field,
    reference_field,
    state_field,
)

_lt = LazyTranslate(__name__)

OPENING_STATES = [
    ("draft", "Draft"),
    ("open", "Open"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]

# Each action: the states it starts from (the buttons, can_<verb>, and the checks read
# them), the state it leads to, its name.
TRANSITIONS = {
    "open": (("draft",), "open", _lt("Publishing the opening")),
    "close": (("open",), "closed", _lt("Closing the opening")),
    "cancel": (("draft", "open"), "cancelled", _lt("Cancelling the opening")),
    "draft": (("cancelled", "closed"), "draft", _lt("Resetting the opening")),
}


class PromujerJobOpening(models.Model):
    """A job an employer offers through the employment office of a branch."""

    _name = "promujer.job.opening"
    _description = "Job opening"
    _inherit = ["mail.thread", "mail.activity.mixin", "promujer.workflow.mixin"]
    _promujer_protected_fields = ("state",)
    _promujer_transitions = TRANSITIONS
    _promujer_action_groups = dict.fromkeys(
        TRANSITIONS, ("promujer_training.group_training_manager",)
    )
    _promujer_groups_refusal = _lt("Only a training manager manages job openings.")
    _order = "date_open desc, id desc"
    _check_company_auto = True
    _promujer_deletable_states = ("draft",)
    _promujer_kept_text = _lt(
        "Published openings and openings with candidates are closed or cancelled, not "
        "deleted: %(records)s."
    )

    name = fields.Char("Position", required=True, tracking=True)
    employer_id = reference_field("res.partner", tracking=True)
    company_id = branch_field()
    region_id = fields.Many2one(
        related="company_id.promujer_region_id", string="Regional office", store=True
    )
    places = fields.Integer(required=True, default=1, tracking=True)
    date_open = fields.Date(
        "Open from", required=True, default=fields.Date.context_today, tracking=True
    )
    date_close = fields.Date("Apply until", tracking=True)
    description = fields.Html()
    placement_ids = fields.One2many("promujer.job.placement", "opening_id", string="Candidates")
    candidate_count = fields.Integer(
        "Number of candidates", compute="_compute_placements", store=True
    )
    hired_count = fields.Integer("Hired", compute="_compute_placements", store=True)
    places_left = fields.Integer(compute="_compute_placements", store=True)
    state = state_field(OPENING_STATES)
    # What the current user may do now (the buttons); the checks say why not.
    can_open = can_field("Can publish")
    can_close = can_field("Can close")
    can_cancel = can_field("Can cancel")
    can_draft = can_field("Can go back to draft")

    @api.depends("places", "placement_ids.state")
    def _compute_placements(self):
        for opening in self:
            hired = len(opening.placement_ids.filtered(lambda p: p.state == "hired"))
            opening.candidate_count = len(opening.placement_ids)
            opening.hired_count = hired
            opening.places_left = max(opening.places - hired, 0)

    @api.constrains("places", "date_open", "date_close")
    def _check_places_and_dates(self):
        self._promujer_raise_problems(
            self.env._("These job openings are not valid:"), "places", error=ValidationError
        )

    def _get_places_problems(self):
        """What is wrong with the opening's places and dates."""
        problems = []
        if self.places < 1:
            problems.append(self.env._("it needs at least one place"))
        if self.date_close and self.date_close < self.date_open:
            problems.append(
                self.env._(
                    "it closes on %(close)s, before it opens on %(open)s",
                    close=self._promujer_date(self.date_close),
                    open=self._promujer_date(self.date_open),
                )
            )
        return problems

    @api.depends("name", "employer_id")
    def _compute_display_name(self):
        for opening in self:
            opening.display_name = (
                f"{opening.name} ({opening.employer_id.name})"
                if opening.employer_id
                else opening.name
            )

    # ------------------------------------------------------------------ transitions

    def _promujer_kept(self):
        return super()._promujer_kept() | self.filtered(lambda opening: opening.placement_ids)

    def _promujer_acting_records(self):
        """Training managers manage the employment office's openings."""
        if self.env.su or self.env.user.has_group("promujer_training.group_training_manager"):
            return self
        return self.browse()

    def action_open(self):
        return self._promujer_run("open")

    def action_close(self):
        return self._promujer_run("close")

    def action_cancel(self):
        return self._promujer_run("cancel")

    def action_draft(self):
        return self._promujer_run("draft")

    def _get_cancel_problems(self):
        self.ensure_one()
        if self.hired_count:
            return [self.env._("women were hired through it: it is closed, not cancelled")]
        return []

    # ------------------------------------------------------------------ hiring

    def _get_hire_problems(self, placements):
        """Why `placements` of this opening cannot be hired: it is not open, or it has
        too few places left."""
        self.ensure_one()
        if self.state != "open":
            return [self.env._("it is not open")]
        hires = placements.filtered(lambda p: p.opening_id == self and p.state != "hired")
        if len(hires) > self.places_left:
            return [
                self.env._(
                    "it has %(left)s of its %(places)s places left",
                    left=self.places_left,
                    places=self.places,
                )
            ]
        return []
