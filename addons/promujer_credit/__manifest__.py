# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Pro Mujer Credit",
    "summary": "Community associations, solidarity groups, loan cycles, meetings and savings",
    "version": "18.0.1.0.0",
    "category": "Accounting/Microfinance",
    "website": "https://github.com/promujer/promujer-odoo",
    "author": "Pro Mujer Bolivia",
    "license": "AGPL-3",
    "application": True,
    "depends": ["account", "hr", "mail"],
    "data": [
        "security/promujer_credit_groups.xml",
        "security/ir.model.access.csv",
        "views/res_company_views.xml",
        "views/promujer_credit_menus.xml",
    ],
    "demo": [
        "demo/promujer_organisation.xml",
    ],
}
