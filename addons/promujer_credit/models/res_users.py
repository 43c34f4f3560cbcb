# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _promujer_demo_admin_companies(self, user_ids, root_id):
        """Demo: the administrator works in the institution only (the switcher lists no
        stray company such as YourCompany or a localization's demo company), and she is
        an accountant who sees the journal items."""
        root = self.env["res.company"].browse(root_id)
        tree = self.env["res.company"].search([("id", "child_of", root.id)])
        self.browse(user_ids).write(
            {
                "company_id": root.id,
                "company_ids": [Command.set(tree.ids)],
                "groups_id": [Command.link(self.env.ref("account.group_account_user").id)],
            }
        )
        return True
