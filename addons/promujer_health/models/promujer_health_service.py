# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

SERVICE_CATEGORIES = [
    ("consultation", "Consultation"),
    ("screening", "Screening"),
    ("cancer_screening", "Cervical and breast cancer screening"),
    ("family_planning", "Family planning"),
    ("prenatal", "Prenatal control"),
    ("child", "Child growth and vaccination"),
    ("other", "Other"),
]


class PromujerHealthService(models.Model):
    """A service of the health posts' catalogue, with its price and its product for billing.

    The catalogue belongs to the institution (or to no company, as seeded) and is shared
    by every branch; each post says which of its services it offers."""

    _name = "promujer.health.service"
    _description = "Health service"
    _inherit = ["promujer.catalog.mixin"]

    code = fields.Char(required=True)
    category = fields.Selection(SERVICE_CATEGORIES, required=True, default="consultation")
    company_id = fields.Many2one(
        help="The institution (or branch) whose posts may offer this service; empty for all."
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        ondelete="restrict",
        domain="[('type', '=', 'service')]",
        help="The product of the invoice lines when the service is paid.",
    )
    price = fields.Monetary(
        compute="_compute_price",
        store=True,
        readonly=False,
        precompute=True,
        help="What the patient pays; zero for a free service (no invoice). Follows the "
        "product's sales price unless changed here.",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    is_paid = fields.Boolean(compute="_compute_is_paid", string="Paid service")
    description = fields.Text()

    _sql_constraints = [
        ("code_company_unique", "unique(code, company_id)", "The service code must be unique."),
    ]

    @api.depends("product_id")
    def _compute_price(self):
        for service in self:
            service.price = service.product_id.lst_price

    @api.depends("company_id")
    @api.depends_context("company")
    def _compute_currency_id(self):
        for service in self:
            service.currency_id = (service.company_id or self.env.company).currency_id

    @api.depends("price", "currency_id")
    def _compute_is_paid(self):
        for service in self:
            service.is_paid = not service.currency_id.is_zero(service.price)

    @api.constrains("price")
    def _check_price(self):
        for service in self:
            if service.currency_id.compare_amounts(service.price, 0.0) < 0:
                raise ValidationError(
                    self.env._(
                        "The price of the health service %(service)s cannot be negative.",
                        service=service.name,
                    )
                )
