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
        "security/promujer_credit_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "views/res_company_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/promujer_loan_product_views.xml",
        "views/promujer_association_views.xml",
        "views/promujer_loan_cycle_views.xml",
        "views/promujer_loan_views.xml",
        "views/promujer_credit_menus.xml",
    ],
    "post_init_hook": "post_init_hook",
    "demo": [
        "demo/promujer_organisation.xml",
        "demo/promujer_credit_demo.xml",
    ],
}
