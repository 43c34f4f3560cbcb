# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.promujer_credit.models.promujer_fields import count_field, journal_field

# (field, label) of the opening days, Monday first.
OPENING_DAYS = [
    ("open_monday", "Monday"),
    ("open_tuesday", "Tuesday"),
    ("open_wednesday", "Wednesday"),
    ("open_thursday", "Thursday"),
    ("open_friday", "Friday"),
    ("open_saturday", "Saturday"),
    ("open_sunday", "Sunday"),
]


class PromujerHealthPost(models.Model):
    """The health post of a branch: primary care for the clients who come to their
    repayment meetings or visit the branch, and for their families."""

    _name = "promujer.health.post"
    _description = "Health post"
    _inherit = ["promujer.branch.mixin"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    staff_ids = fields.Many2many(
        "hr.employee",
        "promujer_health_post_staff_rel",
        "post_id",
        "employee_id",
        check_company=True,
        domain="[('promujer_health_role', '!=', False)]",
        help="Doctors, nurses and health educators who attend at this post.",
    )
    service_ids = fields.Many2many(
        "promujer.health.service",
        "promujer_health_post_service_rel",
        "post_id",
        "service_id",
        string="Services offered",
        check_company=True,
    )
    open_monday = fields.Boolean("Monday", default=True)
    open_tuesday = fields.Boolean("Tuesday", default=True)
    open_wednesday = fields.Boolean("Wednesday", default=True)
    open_thursday = fields.Boolean("Thursday", default=True)
    open_friday = fields.Boolean("Friday", default=True)
    open_saturday = fields.Boolean("Saturday")
    open_sunday = fields.Boolean("Sunday")
    opening_days = fields.Char(compute="_compute_opening_days")
    opening_hours = fields.Char(help="e.g. 08:00-12:00 and 14:00-18:00")
    journal_id = journal_field(
        "Invoicing journal",
        "sale",
        check_company=True,
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Sales journal of the invoices of paid services; the branch's first sales "
        "journal when empty.",
    )
    visit_ids = fields.One2many("promujer.health.visit", "post_id", string="Visits")
    visit_count = count_field("promujer.health.visit", "post_id")
    note = fields.Html()

    @api.depends(*[fname for fname, _label in OPENING_DAYS])
    def _compute_opening_days(self):
        for post in self:
            post.opening_days = ", ".join(
                post._promujer_field_label(fname) for fname, _label in OPENING_DAYS if post[fname]
            )

    @api.constrains("company_id", "active")
    def _check_one_post_per_branch(self):
        """A branch has at most one (active) health post."""
        posts = self.filtered("active")
        others = self.sudo().search(
            [("company_id", "in", posts.company_id.ids), ("id", "not in", posts.ids)]
        )
        for post in posts:
            same = others.filtered(lambda p, post=post: p.company_id == post.company_id)
            same |= (posts - post).filtered(lambda p, post=post: p.company_id == post.company_id)
            if same:
                raise ValidationError(
                    self.env._(
                        "%(branch)s already has the health post %(other)s; a branch has one "
                        "health post (archive the other one first).",
                        branch=post.company_id.name,
                        other=same[0].name,
                    )
                )

    def action_view_visits(self):
        return self._promujer_list_action("promujer_health.promujer_health_visit_action", "post_id")
