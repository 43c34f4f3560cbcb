# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class PromujerInstitutionMixin(models.AbstractModel):
    """A record of the institution as a whole (a report, a provisioning run, a pilot): its
    company is the institution (a company without parent), its currency the institution's,
    and what it reads is restricted to the branches the user is allowed in."""

    _name = "promujer.institution.mixin"
    _description = "Record of the institution"

    company_id = fields.Many2one(
        "res.company",
        string="Institution",
        required=True,
        default=lambda self: self.env.company.root_id,
        domain="[('parent_id', '=', False)]",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    def _promujer_allowed_branches(self, required=True):
        """The institution's companies the user is allowed in: SQL bypasses record rules,
        so what reads the figures in SQL restricts itself to them. `required`: none is an
        error."""
        self.ensure_one()
        tree = self.env["res.company"].sudo().search([("id", "child_of", self.company_id.id)])
        allowed = tree & self.env.user.company_ids
        if required and not allowed:
            raise UserError(
                self.env._("You are allowed in no branch of %(c)s.", c=self.company_id.sudo().name)
            )
        return allowed
