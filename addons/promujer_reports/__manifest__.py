# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Pro Mujer Reports",
    "summary": "Operational data, portfolio at risk, SEEP ratios, coverage and service pilots",
    "version": "18.0.1.1.0",
    "category": "Accounting/Microfinance",
    "website": "https://github.com/promujer/promujer-odoo",
    "author": "Pro Mujer Bolivia",
    "license": "AGPL-3",
    "depends": ["promujer_training", "promujer_health"],
    "data": [
        "security/ir.model.access.csv",
        "security/promujer_reports_rules.xml",
        "views/promujer_operational_report_views.xml",
        "views/promujer_portfolio_report_views.xml",
        "views/promujer_pilot_views.xml",
        "views/promujer_coverage_report_views.xml",
        "report/promujer_operational_report_templates.xml",
        "report/promujer_risk_documents.xml",
        "views/promujer_reports_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "promujer_reports/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/promujer_pilot_demo.xml",
    ],
}
