# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

RELATIONSHIPS = [
    ("spouse", "Spouse or partner"),
    ("child", "Son or daughter"),
    ("parent", "Mother or father"),
    ("sibling", "Sister or brother"),
    ("grandchild", "Grandchild"),
    ("other", "Other relative"),
]


class ResPartner(models.Model):
    """Clients are contacts: the women of the associations, and their families."""

    _inherit = "res.partner"

    promujer_is_client = fields.Boolean(
        string="Pro Mujer client", index=True, tracking=True, copy=False
    )
    promujer_gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other")], string="Client gender"
    )
    promujer_birthdate = fields.Date(string="Birth date")
    promujer_national_id = fields.Char(
        string="National identity number",
        copy=False,
        index=True,
        help="Cédula de identidad; unique within the institution.",
    )
    promujer_family_of_id = fields.Many2one(
        "res.partner",
        string="Family member of",
        index=True,
        ondelete="restrict",
        domain="[('promujer_is_client', '=', True)]",
        help="The client this person is a relative of (for health services and reports).",
    )
    promujer_relationship = fields.Selection(RELATIONSHIPS, string="Relationship")
    promujer_family_ids = fields.One2many(
        "res.partner", "promujer_family_of_id", string="Family members"
    )
    promujer_group_ids = fields.Many2many(
        "promujer.solidarity.group",
        "promujer_solidarity_group_member_rel",
        "partner_id",
        "group_id",
        string="Solidarity groups",
        readonly=True,
        copy=False,
    )
    promujer_group_id = fields.Many2one(
        "promujer.solidarity.group",
        string="Solidarity group",
        compute="_compute_promujer_membership",
        store=True,
        index=True,
    )
    promujer_association_id = fields.Many2one(
        "promujer.association",
        string="Association",
        compute="_compute_promujer_membership",
        store=True,
        index=True,
    )
    promujer_liability_ids = fields.One2many(
        "promujer.joint.liability",
        "debtor_id",
        string="Covered for her",
        groups="promujer_credit.group_loan_officer,account.group_account_invoice",
        help="Shortfalls her group or association covered for her: she owes them.",
    )
    promujer_owed_to_others = fields.Float(
        compute="_compute_promujer_owed",
        string="Owes to members who covered her",
        groups="promujer_credit.group_loan_officer,account.group_account_invoice",
    )
    promujer_loan_ids = fields.One2many("promujer.loan", "partner_id", string="Loans")
    promujer_loan_count = fields.Integer(compute="_compute_promujer_loan_count")

    @api.depends("promujer_group_ids", "promujer_group_ids.is_open")
    def _compute_promujer_membership(self):
        for partner in self:
            group = partner.promujer_group_ids.filtered(lambda g: g.is_open)[:1]
            partner.promujer_group_id = group
            partner.promujer_association_id = group.association_id

    def _compute_promujer_owed(self):
        totals = dict(
            self.env["promujer.joint.liability"]._read_group(
                [("debtor_id", "in", self.ids), ("state", "=", "open")],
                ["debtor_id"],
                ["amount:sum"],
            )
        )
        for partner in self:
            partner.promujer_owed_to_others = totals.get(partner, 0.0)

    def _compute_promujer_loan_count(self):
        counts = dict(
            self.env["promujer.loan"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.promujer_loan_count = counts.get(partner, 0)

    @api.constrains("promujer_national_id", "company_id")
    def _check_promujer_national_id(self):
        """A national identity number belongs to one person within the company tree."""
        partners = self.filtered("promujer_national_id")
        # One search for the whole batch (clients are created by the thousand).
        holders = defaultdict(lambda: self.browse())
        for other in self.with_context(active_test=False).search(
            [("promujer_national_id", "in", list(set(partners.mapped("promujer_national_id"))))]
        ):
            holders[other.promujer_national_id] |= other
        for partner in partners:
            number = partner.promujer_national_id
            root = partner.company_id.root_id
            same = (holders[number] - partner).filtered(
                lambda p, root=root: p.company_id.root_id == root
            )
            if same:
                raise ValidationError(
                    self.env._(
                        "The national identity number %(number)s of %(name)s is already "
                        "registered for %(other)s.",
                        number=number,
                        name=partner.display_name,
                        other=same[0].display_name,
                    )
                )

    @api.constrains("promujer_family_of_id")
    def _check_promujer_family_of_id(self):
        for partner in self:
            if partner.promujer_family_of_id == partner:
                raise ValidationError(
                    self.env._("%(name)s cannot be her own family member.", name=partner.name)
                )

    def action_promujer_view_loans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "promujer_credit.promujer_loan_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
