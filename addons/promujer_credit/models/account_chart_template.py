# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.account.models.chart_template import template


class AccountChartTemplate(models.AbstractModel):
    """The suite's accounts, added to every chart of accounts."""

    _inherit = "account.chart.template"

    @template(model="account.account")
    def _get_promujer_account_account(self, template_code):
        return {
            **self._promujer_balance_sheet_accounts(),
            **self._promujer_income_expense_accounts(),
            **self._promujer_memorandum_accounts(),
        }

    def _promujer_balance_sheet_accounts(self):
        return {
            "promujer_account_portfolio": {
                "name": self.env._("Loan portfolio (community associations)"),
                "code": "PM1310",
                "account_type": "asset_receivable",
                "reconcile": True,
            },
            # Interest earned by a month end and not yet paid, per woman (accrual basis):
            # booked at the month end, reversed on the 1st (docs/accounting.md).
            "promujer_account_accrued_interest": {
                "name": self.env._("Accrued interest receivable"),
                "code": "PM1315",
                "account_type": "asset_receivable",
                "reconcile": True,
            },
            "promujer_account_savings": {
                "name": self.env._("Client savings (community associations)"),
                "code": "PM2110",
                "account_type": "liability_current",
                "reconcile": False,
            },
            "promujer_account_allowance": {
                "name": self.env._("Loan-loss allowance"),
                "code": "PM1319",
                "account_type": "asset_current",
            },
            "promujer_account_opening": {
                "name": self.env._("Opening balances (portfolio import)"),
                "code": "PM3900",
                "account_type": "equity",
            },
        }

    def _promujer_income_expense_accounts(self):
        return {
            "promujer_account_interest_income": {
                "name": self.env._("Interest income on loans"),
                "code": "PM4110",
                "account_type": "income",
            },
            "promujer_account_fee_income": {
                "name": self.env._("Fee income on loans"),
                "code": "PM4120",
                "account_type": "income",
            },
            "promujer_account_penalty_income": {
                "name": self.env._("Penalty income on late loans"),
                "code": "PM4130",
                "account_type": "income",
            },
            "promujer_account_recovery_income": {
                "name": self.env._("Recoveries of written-off loans"),
                "code": "PM4140",
                "account_type": "income_other",
            },
            "promujer_account_provision_expense": {
                "name": self.env._("Loan-loss provision expense"),
                "code": "PM5110",
                "account_type": "expense",
            },
        }

    def _promujer_memorandum_accounts(self):
        return {
            # Memorandum (off-balance) accounts: interest and penalties forgiven when a
            # loan is rescheduled. They were not income (cash basis; a month end's accrual
            # is reversed on the 1st), so forgiving them is kept on record without
            # touching the balance sheet (docs/accounting.md).
            "promujer_account_forgiven_interest": {
                "name": self.env._("Forgiven interest (memorandum)"),
                "code": "PM9110",
                "account_type": "off_balance",
            },
            "promujer_account_forgiven_penalty": {
                "name": self.env._("Forgiven penalties (memorandum)"),
                "code": "PM9120",
                "account_type": "off_balance",
            },
            "promujer_account_forgiven_contra": {
                "name": self.env._("Forgiven interest and penalties, contra (memorandum)"),
                "code": "PM9190",
                "account_type": "off_balance",
            },
        }

    def _promujer_load_accounts(self):
        """Add the suite's accounts to the companies whose chart is already installed."""
        companies = self.env["res.company"].search(
            [("chart_template", "!=", False), ("parent_id", "=", False)]
        )
        for company in companies:
            chart = self.with_company(company)
            accounts = chart._get_promujer_account_account(company.chart_template)
            missing = {
                xmlid: values
                for xmlid, values in accounts.items()
                if not chart.ref(xmlid, raise_if_not_found=False)
            }
            if missing:
                chart._load_data({"account.account": missing})
