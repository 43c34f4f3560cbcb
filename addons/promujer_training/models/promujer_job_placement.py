# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PLACEMENT_STATES = [
    ("proposed", "Proposed"),
    ("interviewed", "Interviewed"),
    ("hired", "Hired"),
    ("not_hired", "Not hired"),
]


class PromujerJobPlacement(models.Model):
    """A young woman who completed the job-skills training, proposed for a job opening,
    and what came of it."""

    _name = "promujer.job.placement"
    _description = "Job placement"
    _inherit = ["mail.thread", "mail.activity.mixin", "promujer.workflow.mixin"]
    _promujer_protected_fields = ("state",)
    _order = "date desc, id desc"
    _check_company_auto = True

    opening_id = fields.Many2one(
        "promujer.job.opening",
        string="Job opening",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
        domain="[('state', '=', 'open')]",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Candidate",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('promujer_job_skills_date', '!=', False)]",
    )
    job_skills_date = fields.Date(related="partner_id.promujer_job_skills_date")
    company_id = fields.Many2one(
        related="opening_id.company_id", string="Branch", store=True, index=True
    )
    employer_id = fields.Many2one(related="opening_id.employer_id", store=True)
    state = fields.Selection(
        PLACEMENT_STATES, default="proposed", required=True, tracking=True, copy=False, index=True
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        copy=False,
        help="Date of the current state: proposed, interviewed, hired or not hired on.",
    )
    note = fields.Text()

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
        if untrained:
            raise ValidationError(
                self.env._(
                    "The employment office proposes women who completed the job-skills "
                    "training; these have not: %(names)s.",
                    names=", ".join(untrained.mapped("name")),
                )
            )

    @api.depends("partner_id", "opening_id")
    def _compute_display_name(self):
        for placement in self:
            placement.display_name = (
                f"{placement.partner_id.name or ''} - {placement.opening_id.display_name or ''}"
            )

    # ------------------------------------------------------------------ transitions

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        decided = self.filtered(lambda p: p.state != "proposed")
        if decided:
            raise UserError(
                self.env._(
                    "Placements interviewed or decided are kept for the employment office's "
                    "figures: %(names)s.",
                    names=", ".join(decided.mapped("display_name")),
                )
            )

    def _move_to(self, from_states, to_state, action):
        self.check_access("write")
        self._promujer_check_state(from_states, action)
        self._promujer_write({"state": to_state, "date": fields.Date.context_today(self)})
        return True

    def action_interview(self):
        return self._move_to(("proposed",), "interviewed", self.env._("Recording an interview"))

    def action_hire(self):
        action = self.env._("Hiring")
        self._promujer_check_state(("proposed", "interviewed"), action)
        self._check_can_hire()
        return self._move_to(("proposed", "interviewed"), "hired", action)

    def _check_can_hire(self):
        messages = []
        for opening in self.opening_id:
            hires = self.filtered(lambda p, o=opening: p.opening_id == o and p.state != "hired")
            if opening.state != "open":
                messages.append(
                    self.env._("%(opening)s is not open.", opening=opening.display_name)
                )
            elif len(hires) > opening.places_left:
                messages.append(
                    self.env._(
                        "%(opening)s has %(left)s of its %(places)s places left.",
                        opening=opening.display_name,
                        left=opening.places_left,
                        places=opening.places,
                    )
                )
        if messages:
            raise UserError(self.env._("These women cannot be hired:\n") + "\n".join(messages))

    def action_not_hired(self):
        return self._move_to(("proposed", "interviewed"), "not_hired", self.env._("Closing"))

    def action_propose(self):
        return self._move_to(("hired", "not_hired"), "proposed", self.env._("Reopening"))
