# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from .promujer_fields import count_field, role_field
from .promujer_group_membership import LEAVE_REASON_KEY, MEMBERSHIP_DATE_KEY


class PromujerSolidarityGroup(models.Model):
    """Four to six women of an association who guarantee each other's loans."""

    _name = "promujer.solidarity.group"
    _description = "Solidarity group"
    _inherit = ["mail.thread", "promujer.association.mixin"]
    _order = "association_id, name"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    association_id = fields.Many2one(tracking=True)
    member_ids = fields.Many2many(
        "res.partner",
        "promujer_solidarity_group_member_rel",
        "group_id",
        "partner_id",
        string="Members",
        domain="[('promujer_is_client', '=', True)]",
    )
    member_count = fields.Integer(compute="_compute_member_count")
    leader_id = role_field()
    membership_ids = fields.One2many(
        "promujer.group.membership", "group_id", string="Membership history"
    )
    membership_count = count_field("promujer.group.membership", "group_id")
    is_open = fields.Boolean(
        compute="_compute_is_open",
        store=True,
        help="Active and in an association that is not closed: its members belong to it.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        groups = super().create(vals_list)
        groups._register_members_at_branch()
        groups._promujer_sync_memberships(founding=True)
        return groups

    def write(self, vals):
        res = super().write(vals)
        if {"member_ids", "association_id"} & set(vals):
            self._register_members_at_branch()
        if {"member_ids", "association_id", "active"} & set(vals):
            self._promujer_sync_memberships()
        return res

    def _promujer_sync_memberships(self, founding=False):
        """Date who joins and who leaves: on the date in the context
        (`promujer_membership_date`, with the reason `promujer_leave_reason`), else on the
        day of the change."""
        date = self.env.context.get(MEMBERSHIP_DATE_KEY)
        date = fields.Date.to_date(date) if date else fields.Date.context_today(self)
        self.env["promujer.group.membership"]._promujer_sync(
            self, date, self.env.context.get(LEAVE_REASON_KEY), founding=founding
        )

    def _promujer_add_members(self, partners, date):
        """`partners` join this group on `date`."""
        self.ensure_one()
        return self.with_context(**{MEMBERSHIP_DATE_KEY: date}).write(
            {"member_ids": [Command.link(p.id) for p in partners]}
        )

    def _promujer_remove_members(self, partners, date, reason=False):
        """`partners` leave this group on `date`, for `reason`."""
        self.ensure_one()
        return self.with_context(**{MEMBERSHIP_DATE_KEY: date, LEAVE_REASON_KEY: reason}).write(
            {"member_ids": [Command.unlink(p.id) for p in partners]}
        )

    def action_view_memberships(self):
        self.ensure_one()
        return self._promujer_action(
            "promujer_credit.promujer_group_membership_action",
            [("group_id", "=", self.id)],
            {"search_default_current": 0},
        )

    def _register_members_at_branch(self):
        """A woman belongs to the branch of her association (clients are scoped to it)."""
        for group in self:
            group.member_ids._promujer_join_branch(group.association_id.company_id)

    @api.depends("member_ids")
    def _compute_member_count(self):
        for group in self:
            group.member_count = len(group.member_ids)

    @api.depends("active", "association_id.state", "association_id.active")
    def _compute_is_open(self):
        for group in self:
            group.is_open = (
                group.active
                and group.association_id.active
                and group.association_id.state != "closed"
            )

    @api.constrains("leader_id", "member_ids")
    def _check_leader_is_member(self):
        for group in self:
            if group.leader_id and group.leader_id not in group.member_ids:
                raise ValidationError(
                    self.env._(
                        "The leader of %(group)s, %(leader)s, must be one of its members.",
                        group=group.name,
                        leader=group.leader_id.name,
                    )
                )

    @api.constrains("member_ids", "active", "association_id")
    def _check_one_group_per_woman(self):
        """A woman is in at most one open solidarity group, hence one open association."""
        groups = self.filtered("is_open")
        if not groups:
            return
        others = self.search([("is_open", "=", True), ("member_ids", "in", groups.member_ids.ids)])
        for group in groups:
            for partner in group.member_ids:
                elsewhere = (others - group).filtered(lambda g, p=partner: p in g.member_ids)
                if elsewhere:
                    raise ValidationError(
                        self.env._(
                            "%(woman)s is already a member of solidarity group %(other)s of "
                            "association %(association)s; a woman can be in one group and one "
                            "association at a time.",
                            woman=partner.name,
                            other=elsewhere[0].name,
                            association=elsewhere[0].association_id.name,
                        )
                    )

    @api.constrains("member_ids")
    def _check_members_are_clients(self):
        for group in self:
            not_clients = group.member_ids.filtered(lambda p: not p.promujer_is_client)
            not_clients._promujer_refuse_naming(
                self.env._("Only clients can be members of a solidarity group: %(names)s."),
                "names",
                "name",
                error=ValidationError,
            )

    @api.depends("name", "association_id")
    def _compute_display_name(self):
        for group in self:
            group.display_name = (
                f"{group.association_id.name} / {group.name}"
                if group.association_id
                else group.name
            )
