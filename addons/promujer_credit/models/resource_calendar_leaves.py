# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, models
from odoo.exceptions import AccessError

# Who may add or move a public holiday: it moves the due dates of the loans it hits.
HOLIDAY_GROUPS = (
    "promujer_credit.group_branch_manager",
    "promujer_credit.group_credit_admin",
    "base.group_system",
)


class ResourceCalendarLeaves(models.Model):
    """A public holiday (a leave without a resource) added or moved after disbursement
    moves the due dates it hits to the association's next meeting day."""

    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._promujer_check_holiday_rights()
        leaves._promujer_redate_loans()
        return leaves

    def write(self, vals):
        moving = {"date_from", "date_to", "calendar_id", "resource_id", "time_type"} & set(vals)
        if moving:
            self._promujer_check_holiday_rights()
        result = super().write(vals)
        if moving:
            self._promujer_check_holiday_rights()
            self._promujer_redate_loans()
        return result

    def _promujer_holidays(self):
        """The public holidays among these leaves: on a calendar, without a resource."""
        return self.filtered(
            lambda leave: leave.calendar_id and not leave.resource_id and leave.time_type == "leave"
        )

    def _promujer_check_holiday_rights(self):
        """Only branch managers, credit administrators and administrators add or move a
        public holiday (their own time off stays every employee's)."""
        user = self.env.user
        if self.env.su or not self._promujer_holidays():
            return
        if not any(user.has_group(xmlid) for xmlid in HOLIDAY_GROUPS):
            raise AccessError(
                self.env._(
                    "Only branch managers and credit administrators add or move public "
                    "holidays: they move the due dates of the loans."
                )
            )

    def _promujer_redate_loans(self):
        """Re-date the active loans of the branches whose calendars hold these holidays."""
        holidays = self._promujer_holidays()
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
