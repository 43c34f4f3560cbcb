# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .promujer_fields import parent_field


class PromujerAssociationMixin(models.AbstractModel):
    """A record that belongs to one association (a solidarity group, a membership, a
    savings account, an officer's assignment, the internal account's records): it goes
    with the association and sits at the association's Focal Center."""

    _name = "promujer.association.mixin"
    _description = "Record of an association"

    association_id = parent_field("promujer.association")
    company_id = fields.Many2one(
        related="association_id.company_id", string="Focal Center", store=True, index=True
    )
