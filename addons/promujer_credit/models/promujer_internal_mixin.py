# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PromujerInternalMixin(models.AbstractModel):
    """A record of an association's internal account (cuenta interna): an entry, an
    internal loan, a profit sharing. Its branch is the association's, its currency the
    internal account's. The money is the association's, never the institution's."""

    _name = "promujer.internal.mixin"
    _description = "Record of an association's internal account"
    _check_company_auto = True

    association_id = fields.Many2one(
        "promujer.association", required=True, index=True, check_company=True
    )
    company_id = fields.Many2one(
        related="association_id.company_id", store=True, index=True, string="Focal Center"
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        compute="_compute_currency_id",
        store=True,
        precompute=True,
    )

    @api.depends("association_id")
    def _compute_currency_id(self):
        for record in self:
            record.currency_id = record.association_id.internal_currency_id or record.currency_id
