# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .promujer_fields import reference_field


class PromujerBranchMixin(models.AbstractModel):
    """A record that belongs to one branch (a Focal Center or a neighborhood center): an
    association, a health post. Its regional office is the branch's."""

    _name = "promujer.branch.mixin"
    _description = "Record of a branch"

    company_id = reference_field(
        "res.company",
        string="Focal Center",
        default=lambda self: self.env.company,
        domain="[('promujer_center_kind', 'in', ('focal', 'neighborhood'))]",
    )
    region_id = fields.Many2one(
        related="company_id.promujer_region_id", string="Regional office", store=True
    )
