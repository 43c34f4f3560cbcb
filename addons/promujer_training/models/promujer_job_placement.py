# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import LazyTranslate

from odoo.addons.promujer_credit.models.promujer_fields import (
    can_field,
    reference_field,
    state_field,
)

_lt = LazyTranslate(__name__)

PLACEMENT_STATES = [
    ("proposed", "Proposed"),
    ("interviewed", "Interviewed"),
    ("hired", "Hired"),
    ("not_hired", "Not hired"),
]

# Each action: the states it starts from (the buttons, can_<verb>, and the checks read
# them), the state it leads to, its name.
TRANSITIONS = {
    "interview": (("proposed",), "interviewed", _lt("Recording an interview")),
    "hire": (("proposed", "interviewed"), "hired", _lt("Hiring")),
    "not_hired": (("proposed", "interviewed"), "not_hired", _lt("Recording as not hired")),
    "propose": (("hired", "not_hired"), "proposed", _lt("Reopening")),
}


class PromujerJobPlacement(models.Model):
    """A young woman who completed the job-skills training, proposed for a job opening,
    and what came of it."""

    _name = "promujer.job.placement"
    _description = "Job placement"
    _inherit = ["mail.thread", "mail.activity.mixin", "promujer.workflow.mixin"]
    _promujer_protected_fields = ("state",)
    _promujer_transitions = TRANSITIONS
    # Each action records its date, that of the placement's new state.
    _promujer_transition_dates = dict.fromkeys(TRANSITIONS, "date")
    _order = "date desc, id desc"
    _check_company_auto = True
    _promujer_deletable_states = ("proposed",)
    _promujer_kept_text = _lt(
        "Placements interviewed or decided are kept for the employment office's figures: "
        "%(records)s."
    )

    opening_id = reference_field(
        "promujer.job.opening",
        string="Job opening",
        tracking=True,
        check_company=True,
        domain="[('state', '=', 'open')]",
    )
    partner_id = reference_field(
        "res.partner",
        string="Candidate",
        tracking=True,
        domain="[('promujer_job_skills_date', '!=', False)]",
    )
    job_skills_date = fields.Date(related="partner_id.promujer_job_skills_date")
    company_id = fields.Many2one(
        related="opening_id.company_id", string="Branch", store=True, index=True
    )
    employer_id = fields.Many2one(related="opening_id.employer_id", store=True)
    state = state_field(PLACEMENT_STATES, default="proposed")
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        copy=False,
        help="Date of the current state: proposed, interviewed, hired or not hired on.",
    )
    note = fields.Text()
    # What the current user may do now (the buttons); the checks say why not.
    can_interview = can_field("Can record an interview")
    can_hire = can_field("Can hire")
    can_not_hired = can_field("Can record as not hired")
    can_propose = can_field("Can go back to proposed")

    _sql_constraints = [
        (
            "opening_partner_unique",
            "unique(opening_id, partner_id)",
            "A woman is proposed once for a job opening.",
        ),
    ]

    @api.constrains("partner_id")
    def _check_candidate_trained(self):
        untrained = self.partner_id.filtered(lambda p: not p.promujer_job_skills_date)
        untrained._promujer_refuse_naming(
            self.env._(
                "The employment office proposes women who completed the job-skills "
                "training; these have not: %(names)s."
            ),
            "names",
            "name",
            error=ValidationError,
        )

    @api.depends("partner_id", "opening_id")
    def _compute_display_name(self):
        for placement in self:
            placement.display_name = (
                f"{placement.partner_id.name or ''} - {placement.opening_id.display_name or ''}"
            )

    # ------------------------------------------------------------------ transitions

    def action_interview(self):
        return self._promujer_run("interview", fields.Date.context_today(self))

    def action_hire(self):
        return self._promujer_run("hire", fields.Date.context_today(self))

    def action_not_hired(self):
        return self._promujer_run("not_hired", fields.Date.context_today(self))

    def action_propose(self):
        return self._promujer_run("propose", fields.Date.context_today(self))

    def _check_can_hire(self, date=None):
        """The opening is open and has a place for each of these women (on any `date`)."""
        self._promujer_check_transition("hire")
        self.opening_id._promujer_raise_problems(
            self.env._("These women cannot be hired:"), "hire", self
        )
