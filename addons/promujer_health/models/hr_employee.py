# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

HEALTH_ROLES = [
    ("doctor", "Doctor"),
    ("nurse", "Nurse"),
    ("educator", "Health educator"),
]


class HrEmployee(models.Model):
    """The staff of the health posts are employees with a health role."""

    _inherit = "hr.employee"

    promujer_health_role = fields.Selection(
        HEALTH_ROLES,
        string="Health role",
        help="Role of this employee at the health posts of her branch.",
    )


class HrEmployeePublic(models.Model):
    # Users without HR rights (the health staff) read employees through their public
    # profile: the role must be there too.
    _inherit = "hr.employee.public"

    promujer_health_role = fields.Selection(HEALTH_ROLES, string="Health role", readonly=True)
