# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Pro Mujer: portfolio generator (development only)",
    "summary": "Generates a realistic portfolio through the suite's actions, for "
    "benchmarks, scale and upgrade tests. Never install it in production.",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "Pro Mujer Bolivia",
    "website": "https://github.com/promujer/promujer-odoo",
    "license": "AGPL-3",
    "depends": ["promujer_credit"],
}
