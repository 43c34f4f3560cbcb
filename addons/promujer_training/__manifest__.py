# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Pro Mujer Training",
    "summary": "Training courses, attendance, the training gate to credit, employment office",
    "version": "18.0.1.0.0",
    "category": "Accounting/Microfinance",
    "website": "https://github.com/promujer/promujer-odoo",
    "author": "Pro Mujer Bolivia",
    "license": "AGPL-3",
    "depends": ["promujer_credit"],
    "data": [
        "security/promujer_training_groups.xml",
        "security/ir.model.access.csv",
        "views/promujer_training_menus.xml",
    ],
}
