# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Pro Mujer Health",
    "summary": "Health posts, primary care visits, screenings and referrals",
    "version": "18.0.1.1.0",
    "category": "Accounting/Microfinance",
    "website": "https://github.com/promujer/promujer-odoo",
    "author": "Pro Mujer Bolivia",
    "license": "AGPL-3",
    # account and product: visits with paid services are invoiced with the service's product.
    "depends": ["account", "product", "promujer_credit"],
    "data": [
        "security/promujer_health_groups.xml",
        "security/ir.model.access.csv",
        "security/promujer_health_rules.xml",
        "data/ir_sequence_data.xml",
        "data/promujer_health_service_data.xml",
        "views/hr_employee_views.xml",
        "views/res_partner_views.xml",
        "views/promujer_health_service_views.xml",
        "views/promujer_health_post_views.xml",
        "views/promujer_health_visit_views.xml",
        "views/promujer_health_referral_views.xml",
        "views/promujer_health_menus.xml",
    ],
    "demo": [
        "demo/promujer_health_demo.xml",
    ],
}
