# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PromujerSolidarityGroup(models.Model):
    """Four to six women of an association who guarantee each other's loans."""

    _name = "promujer.solidarity.group"
    _description = "Solidarity group"
    _inherit = ["mail.thread"]
    _order = "association_id, name"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    association_id = fields.Many2one(
        "promujer.association", required=True, index=True, ondelete="cascade", tracking=True
    )
    company_id = fields.Many2one(
        related="association_id.company_id", string="Focal Center", store=True, index=True
    )
    member_ids = fields.Many2many(
        "res.partner",
        "promujer_solidarity_group_member_rel",
        "group_id",
        "partner_id",
        string="Members",
        domain="[('promujer_is_client', '=', True)]",
    )
    member_count = fields.Integer(compute="_compute_member_count")
    leader_id = fields.Many2one("res.partner", tracking=True, domain="[('id', 'in', member_ids)]")
    is_open = fields.Boolean(
        compute="_compute_is_open",
        store=True,
        help="Active and in an association that is not closed: its members belong to it.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        groups = super().create(vals_list)
        groups._register_members_at_branch()
        return groups

    def write(self, vals):
        res = super().write(vals)
        if {"member_ids", "association_id"} & set(vals):
            self._register_members_at_branch()
        return res

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
            if not_clients:
                raise ValidationError(
                    self.env._(
                        "Only clients can be members of a solidarity group: %(names)s.",
                        names=", ".join(not_clients.mapped("name")),
                    )
                )

    @api.depends("name", "association_id")
    def _compute_display_name(self):
        for group in self:
            group.display_name = (
                f"{group.association_id.name} / {group.name}"
                if group.association_id
                else group.name
            )
