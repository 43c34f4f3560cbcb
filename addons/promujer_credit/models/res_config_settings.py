# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # The methodology's rules belong to the institution: they are kept on the root
    # company, whichever branch the administrator is working in.
    promujer_assoc_min_members = fields.Integer(
        related="company_id.root_id.promujer_assoc_min_members", readonly=False
    )
    promujer_assoc_max_members = fields.Integer(
        related="company_id.root_id.promujer_assoc_max_members", readonly=False
    )
    promujer_assoc_min_groups = fields.Integer(
        related="company_id.root_id.promujer_assoc_min_groups", readonly=False
    )
    promujer_assoc_max_groups = fields.Integer(
        related="company_id.root_id.promujer_assoc_max_groups", readonly=False
    )
    promujer_group_min_members = fields.Integer(
        related="company_id.root_id.promujer_group_min_members", readonly=False
    )
    promujer_group_max_members = fields.Integer(
        related="company_id.root_id.promujer_group_max_members", readonly=False
    )
