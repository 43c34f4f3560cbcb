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
        "security/promujer_training_rules.xml",
        "data/ir_sequence_data.xml",
        "data/promujer_training_program_data.xml",
        "views/promujer_training_program_views.xml",
        "views/promujer_training_course_views.xml",
        "views/promujer_training_session_views.xml",
        "views/promujer_job_opening_views.xml",
        "views/promujer_association_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/promujer_training_menus.xml",
    ],
    "demo": [
        "demo/promujer_training_demo.xml",
    ],
}
