# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .promujer_fields import parent_field


class PromujerLoanCycleLimit(models.Model):
    """A step of a product's ladder: a woman's Nth loan may not exceed this amount."""

    _name = "promujer.loan.cycle.limit"
    _description = "Loan ladder step"
    _order = "product_id, cycle_number"

    product_id = parent_field("promujer.loan.product")
    currency_id = fields.Many2one(related="product_id.currency_id")
    cycle_number = fields.Integer(
        "From member cycle", required=True, help="Applies from this loan of the woman on."
    )
    max_amount = fields.Monetary("Maximum amount", required=True)

    _sql_constraints = [
        (
            "cycle_number_unique",
            "unique(product_id, cycle_number)",
            "Each cycle number appears once in a product's ladder.",
        ),
        ("cycle_number_positive", "CHECK(cycle_number >= 1)", "Cycle numbers start at 1."),
    ]
