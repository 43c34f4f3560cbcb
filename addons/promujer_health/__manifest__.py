# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Pro Mujer Health",
    "summary": "Health posts, primary care visits, screenings, referrals and health education",
    "version": "18.0.1.0.0",
    "category": "Accounting/Microfinance",
    "website": "https://github.com/promujer/promujer-odoo",
    "author": "Pro Mujer Bolivia",
    "license": "AGPL-3",
    "depends": ["promujer_training"],
    "data": [
        "security/promujer_health_groups.xml",
        "security/ir.model.access.csv",
        "views/promujer_health_menus.xml",
    ],
}
