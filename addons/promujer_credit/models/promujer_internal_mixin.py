# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PromujerInternalMixin(models.AbstractModel):
    """A record of an association's internal account (cuenta interna): an entry, an
    internal loan, a profit sharing. Its branch is the association's, its currency the
    internal account's. The money is the association's, never the institution's."""

    _name = "promujer.internal.mixin"
    _description = "Record of an association's internal account"
    _inherit = ["promujer.association.mixin"]
    _check_company_auto = True
    # The records take their reference (name) from the sequence coded as their model.
    _promujer_numbered = False

    association_id = fields.Many2one(ondelete="restrict", check_company=True)
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        compute="_compute_currency_id",
        store=True,
        precompute=True,
    )
    # The women a record of the internal account may name: the association's members.
    allowed_partner_ids = fields.Many2many(related="association_id.member_ids")

    @api.model_create_multi
    def create(self, vals_list):
        # Internal loans and profit sharings take their reference from their model's
        # sequence (entries have none).
        if self._promujer_numbered:
            for vals in vals_list:
                if vals.get("name", "/") == "/":
                    vals["name"] = self.env["ir.sequence"].next_by_code(self._name)
        return super().create(vals_list)

    @api.depends("association_id")
    def _compute_currency_id(self):
        for record in self:
            record.currency_id = record.association_id.internal_currency_id or record.currency_id
