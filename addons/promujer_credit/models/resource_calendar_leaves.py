# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    """A public holiday (a leave without a resource) added or moved after disbursement
    moves the due dates it hits to the association's next meeting day."""

    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._promujer_redate_loans()
        return leaves

    def write(self, vals):
        result = super().write(vals)
        if {"date_from", "date_to", "calendar_id", "resource_id", "time_type"} & set(vals):
            self._promujer_redate_loans()
        return result

    def _promujer_redate_loans(self):
        """Re-date the active loans of the branches whose calendars hold these holidays."""
        holidays = self.filtered(
            lambda leave: leave.calendar_id and not leave.resource_id and leave.time_type == "leave"
        )
        if not holidays:
            return
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("resource_calendar_id", "in", holidays.calendar_id.ids)])
        )
        # Every day the leaves may cover in any time zone; the loans re-date on the exact
        # days of their branch's calendars.
        days = {
            leave.date_from.date() + timedelta(days=n)
            for leave in holidays
            for n in range(-1, (leave.date_to.date() - leave.date_from.date()).days + 2)
        }
        self.env["promujer.loan"].sudo()._promujer_redate_companies(
            companies,
            days,
            self.env._(
                "non-working day %(names)s", names=", ".join(filter(None, holidays.mapped("name")))
            ),
        )
