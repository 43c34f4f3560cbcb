# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .promujer_fields import count_field
from .promujer_workflow_mixin import CHAR_LIMIT

# What only credit staff read about a client.
CREDIT_STAFF = "promujer_credit.group_loan_officer"

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
    promujer_birthdate = fields.Date(string="Birth date", groups=CREDIT_STAFF)
    promujer_national_id = fields.Char(
        string="National identity number",
        copy=False,
        index=True,
        groups=CREDIT_STAFF,
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
    promujer_loan_count = count_field("promujer.loan", "partner_id", "Number of loans")
    promujer_membership_ids = fields.One2many(
        "promujer.group.membership",
        "partner_id",
        string="Groups over time",
        groups="promujer_credit.group_loan_officer,account.group_account_invoice",
    )
    promujer_membership_count = count_field(
        "promujer.group.membership",
        "partner_id",
        "Memberships",
        groups="promujer_credit.group_loan_officer,account.group_account_invoice",
    )

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

    @api.constrains("promujer_national_id", "company_id")
    def _check_promujer_national_id(self):
        """A national identity number belongs to one person within the company tree,
        whichever branch registered her (hence the superuser search)."""
        partners = self.sudo().filtered("promujer_national_id")
        # One search for the whole batch (clients are created by the thousand).
        holders = defaultdict(lambda: self.browse())
        for other in partners.with_context(active_test=False).search(
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
                # The other person may be of a branch the user is not allowed in: her
                # name is not told, only where she is registered.
                raise ValidationError(
                    self.env._(
                        "The national identity number %(number)s of %(name)s is already "
                        "registered for another person (%(branch)s).",
                        number=number,
                        name=partner.display_name,
                        branch=same[0].company_id.name or self.env._("the institution"),
                    )
                )

    @api.constrains("promujer_family_of_id")
    def _check_promujer_family_of_id(self):
        for partner in self:
            if partner.promujer_family_of_id == partner:
                raise ValidationError(
                    self.env._("%(name)s cannot be her own family member.", name=partner.name)
                )

    # ------------------------------------------------------------------ branch

    def _promujer_is_person(self):
        """Clients and their family members: people the suite registers at a branch."""
        self.ensure_one()
        return self.promujer_is_client or bool(self.promujer_family_of_id)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("promujer_is_client") or vals.get("promujer_family_of_id"):
                self._promujer_check_name(vals)
                if vals.get("promujer_family_of_id"):
                    # A family member is registered where her client is.
                    client = self.browse(vals["promujer_family_of_id"]).sudo()
                    vals.setdefault("company_id", client.company_id.id)
                elif "company_id" not in vals and self.env.company.promujer_center_kind:
                    # A client belongs to the branch that registers her.
                    vals["company_id"] = self.env.company.id
        return super().create(vals_list)

    def write(self, vals):
        if "name" in vals and any(p._promujer_is_person() for p in self):
            self._promujer_check_name(vals)
        if "company_id" in vals and not self.env.su:
            moved = self.filtered(
                lambda p: (
                    p._promujer_is_person()
                    and p.company_id.promujer_center_kind
                    and p.company_id.id != vals["company_id"]
                )
            )
            if moved:
                raise AccessError(
                    self.env._(
                        "%(names)s belong to %(branch)s: a client moves to another branch with "
                        "the action Move to another branch.",
                        names=", ".join(moved.mapped("name")),
                        branch=", ".join(moved.company_id.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.model
    def _promujer_check_name(self, vals):
        name = vals.get("name")
        if isinstance(name, str) and len(name) > CHAR_LIMIT:
            raise ValidationError(
                self.env._(
                    "A name is at most %(limit)s characters long; this one has %(length)s.",
                    limit=CHAR_LIMIT,
                    length=len(name),
                )
            )

    def _promujer_join_branch(self, branch):
        """Women joining a solidarity group of `branch`: those registered nowhere, or at
        the institution or a regional office above the branch, move into it; a woman
        registered at another branch must be moved first (with its message)."""
        people = self.sudo()
        elsewhere = people.filtered(
            lambda p: (
                p.company_id and p.company_id != branch and p.company_id not in branch.parent_ids
            )
        )
        elsewhere._promujer_refuse_naming(
            self.env._(
                "%(names)s are registered at %(other)s, not at %(branch)s: move them to "
                "%(branch)s first (client form, Move to another branch)."
            ),
            "names",
            "name",
            error=ValidationError,
            other=", ".join(elsewhere.company_id.mapped("name")),
            branch=branch.name,
        )
        arriving = people.filtered(lambda p: p.company_id != branch)
        if arriving:
            (arriving | arriving.promujer_family_ids).write({"company_id": branch.id})

    def action_promujer_move_branch(self):
        self.ensure_one()
        return self._promujer_wizard_action(
            "promujer.client.move", self.env._("Move to another branch"), partner_ids=self.ids
        )

    def _check_can_promujer_move(self, branch):
        user = self.env.user
        if not user.has_group("promujer_credit.group_branch_manager"):
            raise UserError(self.env._("Only a branch manager moves a client to another branch."))
        self.check_access("write")
        if branch not in user.company_ids or not branch.promujer_center_kind:
            raise UserError(
                self.env._(
                    "Choose a branch you are allowed in: %(branch)s is not.", branch=branch.name
                )
            )
        problems = []
        for partner in self:
            if not partner.promujer_is_client:
                problems.append(
                    self.env._(
                        "%(name)s is a family member: she moves with her client", name=partner.name
                    )
                )
            elif partner.promujer_group_id:
                problems.append(
                    self.env._(
                        "%(name)s is a member of %(group)s: she leaves it first",
                        name=partner.name,
                        group=partner.promujer_group_id.display_name,
                    )
                )
        active = (
            self.env["promujer.loan"]
            .sudo()
            .search([("partner_id", "in", self.ids), ("state", "in", ("active", "rescheduled"))])
        )
        if active:
            problems.append(
                self.env._(
                    "these clients still repay a loan: %(names)s",
                    names=", ".join(active.partner_id.mapped("name")),
                )
            )
        if problems:
            raise UserError(self.env._("These clients cannot move:\n%(p)s", p="\n".join(problems)))

    def _promujer_move_branch(self, branch, reason):
        self._check_can_promujer_move(branch)
        for partner in self:
            old = partner.company_id
            (partner | partner.promujer_family_ids).sudo().write({"company_id": branch.id})
            partner.sudo().message_post(
                body=self.env._(
                    "Moved from %(old)s to %(new)s: %(reason)s",
                    old=old.name or self.env._("no branch"),
                    new=branch.name,
                    reason=reason,
                ),
                author_id=self.env.user.partner_id.id,
                email_from=self.env.user.email_formatted or self.env.user.name,
                subtype_xmlid="mail.mt_note",
            )

    def action_promujer_view_loans(self):
        return self._promujer_list_action("promujer_credit.promujer_loan_action", "partner_id")

    def action_promujer_view_memberships(self):
        self.ensure_one()
        return self._promujer_action(
            "promujer_credit.promujer_group_membership_action", [("partner_id", "=", self.id)], {}
        )
