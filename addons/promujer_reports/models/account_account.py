# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

RATIO_CATEGORIES = [
    ("financial_revenue", "Financial revenue"),
    ("financial_expense", "Financial expense"),
    ("provision_expense", "Loan-loss provision expense"),
    ("operating_expense", "Operating expense"),
]

# The suite's own accounts and the category they fall in when nothing is configured.
DEFAULT_ACCOUNTS = {
    "promujer_account_interest_income": "financial_revenue",
    "promujer_account_fee_income": "financial_revenue",
    "promujer_account_penalty_income": "financial_revenue",
    "promujer_account_provision_expense": "provision_expense",
}


class AccountAccount(models.Model):
    _inherit = "account.account"

    promujer_ratio_category = fields.Selection(
        RATIO_CATEGORIES,
        string="Microfinance ratios",
        help="Which total of the institutional (SEEP) ratios this account counts in. "
        "Unset everywhere: the suite's interest, fee and penalty income are financial "
        "revenue, its provision expense is provision expense, other expenses operating.",
    )
