# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrHttp(models.AbstractModel):
    """Staff land on their work: after login the web client selects every company the
    user is allowed in (an officer of one branch sees that branch, a manager of several
    sees them all at once), instead of Odoo's current company alone. Once she picks
    companies in the switcher, her choice is kept (the browser's cookie)."""

    _inherit = "ir.http"

    def session_info(self):
        info = super().session_info()
        companies = info.get("user_companies")
        if companies and self.env.user._is_internal():
            current = companies.get("current_company")
            allowed = [int(cid) for cid in companies.get("allowed_companies", {})]
            companies["promujer_default_company_ids"] = [current] + [
                cid for cid in allowed if cid != current
            ]
        return info
