# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .promujer_fields import parent_field
from .promujer_portfolio_import import FILE_SELECTION


class PromujerPortfolioImportProblem(models.Model):
    """One problem the dry run of a portfolio import found: in which file, row and
    column, and what."""

    _name = "promujer.portfolio.import.problem"
    _description = "Portfolio import problem"
    _order = "import_id, sequence, id"

    import_id = parent_field("promujer.portfolio.import")
    sequence = fields.Integer()
    file = fields.Selection(FILE_SELECTION)
    row = fields.Integer(help="The row of the spreadsheet; the header is row 1.")
    column = fields.Char()
    message = fields.Char(required=True)
