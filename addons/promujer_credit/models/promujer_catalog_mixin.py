# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PromujerCatalogMixin(models.AbstractModel):
    """An item of the institution's catalogue (a loan product, a training program, a
    health service): named in each language, coded, listed in the order of `sequence`,
    archived rather than deleted, and shared with the branches below its company. Its
    constraints gather their problems as the workflows do (`_get_<check>_problems`)."""

    _name = "promujer.catalog.mixin"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Catalogue item of the institution"
    _order = "sequence, name"
    _check_company_auto = True
    _check_company_domain = models.check_company_domain_parent_of

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, default=lambda self: self.env.company.root_id
    )
