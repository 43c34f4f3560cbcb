# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .promujer_fields import parent_field

# The context keys that date a change of a group's members (and say why a woman left).
MEMBERSHIP_DATE_KEY = "promujer_membership_date"
LEAVE_REASON_KEY = "promujer_leave_reason"


class PromujerGroupMembership(models.Model):
    """A woman's time in a solidarity group, hence in its association: from the day she
    joined to the day she left. Opened and closed by the groups themselves when their
    members change; the reports read who was a client on any date from here."""

    _name = "promujer.group.membership"
    _description = "Solidarity group membership"
    _inherit = ["promujer.association.mixin"]
    _order = "date_joined desc, id desc"
    _rec_name = "partner_id"

    partner_id = parent_field("res.partner", string="Client")
    group_id = parent_field("promujer.solidarity.group", string="Solidarity group")
    association_id = fields.Many2one(help="The association of the group while she was in it.")
    date_joined = fields.Date("Joined on", required=True, index=True)
    date_left = fields.Date("Left on", index=True)
    leave_reason = fields.Char("Reason for leaving")
    is_current = fields.Boolean(
        "Current", compute="_compute_is_current", store=True, help="She has not left."
    )

    @api.depends("date_left")
    def _compute_is_current(self):
        for membership in self:
            membership.is_current = not membership.date_left

    @api.constrains("date_joined", "date_left")
    def _check_dates(self):
        for membership in self:
            if membership.date_left and membership.date_left < membership.date_joined:
                raise ValidationError(
                    self.env._(
                        "%(woman)s cannot leave %(group)s on %(left)s, before she joined it "
                        "on %(joined)s.",
                        woman=membership.partner_id.name,
                        group=membership.group_id.display_name,
                        left=self._promujer_date(membership.date_left),
                        joined=self._promujer_date(membership.date_joined),
                    )
                )

    @api.model
    def _promujer_sync(self, groups, date, reason=False, founding=False):
        """Open a membership for every member of `groups` who has none open there, close
        on `date` those of women no longer in them (or of a group archived or moved to
        another association). `founding`: the groups are being created; those created
        with their association count their members from its formation date. Done as the
        system: the group's write was checked."""
        memberships = self.sudo()
        groups = groups.exists()
        current = memberships.search([("group_id", "in", groups.ids), ("date_left", "=", False)])
        open_by_group = current.grouped("group_id")
        to_close = memberships
        to_open = []
        for group in groups:
            members = group.member_ids if group.active else group.member_ids.browse()
            association = group.association_id
            kept = open_by_group.get(group, memberships).filtered(
                lambda m, members=members, association=association: (
                    m.partner_id in members and m.association_id == association
                )
            )
            to_close |= open_by_group.get(group, memberships) - kept
            joined = date
            if founding and association.create_date == group.create_date:
                joined = association.formation_date or date
            to_open += [
                {
                    "partner_id": partner.id,
                    "group_id": group.id,
                    "association_id": association.id,
                    "date_joined": joined,
                }
                for partner in members - kept.partner_id
            ]
        if to_close:
            values = {"date_left": date, **({"leave_reason": reason} if reason else {})}
            early = to_close.filtered(lambda m: m.date_joined > date)
            (to_close - early).write(values)
            for joined, same in early.grouped("date_joined").items():
                # Left before the day she was counted from: she left the day she joined.
                same.write({**values, "date_left": joined})
        if to_open:
            memberships.create(to_open)

    @api.model
    def _promujer_redate_founders(self, association, old_date, new_date):
        """The association's formation date moved: its founding members (who joined on
        the old date) and anyone dated before the new one joined on the new date."""
        if not new_date or old_date == new_date:
            return
        founders = self.sudo().search(
            [
                ("association_id", "=", association.id),
                "|",
                ("date_joined", "=", old_date),
                ("date_joined", "<", new_date),
                "|",
                ("date_left", "=", False),
                ("date_left", ">=", new_date),
            ]
        )
        founders.write({"date_joined": new_date})
