# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

OPENING_STATES = [
    ("draft", "Draft"),
    ("open", "Open"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]


class PromujerJobOpening(models.Model):
    """A job an employer offers through the employment office of a branch."""

    _name = "promujer.job.opening"
    _description = "Job opening"
    _inherit = ["mail.thread", "mail.activity.mixin", "promujer.workflow.mixin"]
    _promujer_protected_fields = ("state",)
    _order = "date_open desc, id desc"
    _check_company_auto = True

    name = fields.Char("Position", required=True, tracking=True)
    employer_id = fields.Many2one("res.partner", required=True, index=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Branch",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.company,
    )
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
    state = fields.Selection(
        OPENING_STATES, default="draft", required=True, tracking=True, copy=False, index=True
    )

    @api.depends("places", "placement_ids.state")
    def _compute_placements(self):
        for opening in self:
            hired = len(opening.placement_ids.filtered(lambda p: p.state == "hired"))
            opening.candidate_count = len(opening.placement_ids)
            opening.hired_count = hired
            opening.places_left = max(opening.places - hired, 0)

    @api.constrains("places", "date_open", "date_close")
    def _check_places_and_dates(self):
        for opening in self:
            if opening.places < 1:
                raise ValidationError(
                    self.env._("%(opening)s needs at least one place.", opening=opening.name)
                )
            if opening.date_close and opening.date_close < opening.date_open:
                raise ValidationError(
                    self.env._(
                        "%(opening)s closes on %(close)s, before it opens on %(open)s.",
                        opening=opening.name,
                        close=opening.date_close,
                        open=opening.date_open,
                    )
                )

    @api.depends("name", "employer_id")
    def _compute_display_name(self):
        for opening in self:
            opening.display_name = (
                f"{opening.name} ({opening.employer_id.name})"
                if opening.employer_id
                else opening.name
            )

    # ------------------------------------------------------------------ transitions

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        published = self.filtered(lambda o: o.state != "draft" or o.placement_ids)
        if published:
            raise UserError(
                self.env._(
                    "Published openings and openings with candidates are closed or cancelled, "
                    "not deleted: %(names)s.",
                    names=", ".join(published.mapped("display_name")),
                )
            )

    def _check_can_manage_office(self):
        if not self.env.su and not self.env.user.has_group(
            "promujer_training.group_training_manager"
        ):
            raise UserError(self.env._("Only a training manager manages job openings."))

    def _transition(self, from_states, to_state, action):
        self._check_can_manage_office()
        self.check_access("write")
        self._promujer_check_state(from_states, action)
        self._promujer_write({"state": to_state})
        return True

    def action_open(self):
        return self._transition(("draft",), "open", self.env._("Publishing"))

    def action_close(self):
        return self._transition(("open",), "closed", self.env._("Closing"))

    def action_cancel(self):
        hired = self.filtered("hired_count")
        if hired:
            raise UserError(
                self.env._(
                    "Openings where women were hired are closed, not cancelled: %(openings)s.",
                    openings=", ".join(hired.mapped("display_name")),
                )
            )
        return self._transition(("draft", "open"), "cancelled", self.env._("Cancelling"))

    def action_draft(self):
        return self._transition(("cancelled", "closed"), "draft", self.env._("Resetting"))
