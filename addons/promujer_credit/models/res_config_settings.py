# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .promujer_fields import institution_setting


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # The methodology's rules belong to the institution: they are kept on the root
    # company, whichever branch the administrator is working in.
    promujer_assoc_min_members = institution_setting(fields.Integer, "promujer_assoc_min_members")
    promujer_assoc_max_members = institution_setting(fields.Integer, "promujer_assoc_max_members")
    promujer_assoc_min_groups = institution_setting(fields.Integer, "promujer_assoc_min_groups")
    promujer_assoc_max_groups = institution_setting(fields.Integer, "promujer_assoc_max_groups")
    promujer_group_min_members = institution_setting(fields.Integer, "promujer_group_min_members")
    promujer_group_max_members = institution_setting(fields.Integer, "promujer_group_max_members")
    promujer_allocation_order = institution_setting(fields.Selection, "promujer_allocation_order")
    promujer_allocation_per_installment = institution_setting(
        fields.Boolean, "promujer_allocation_per_installment"
    )
    promujer_overpayment = institution_setting(fields.Selection, "promujer_overpayment")
    promujer_cover_source = institution_setting(fields.Selection, "promujer_cover_source")
    promujer_penalty_rate = institution_setting(fields.Float, "promujer_penalty_rate")
    promujer_penalty_grace_days = institution_setting(fields.Integer, "promujer_penalty_grace_days")
    promujer_consolidation_cycles = institution_setting(
        fields.Integer, "promujer_consolidation_cycles"
    )
    promujer_consolidation_max_days_late = institution_setting(
        fields.Integer, "promujer_consolidation_max_days_late"
    )
    promujer_writeoff_min_days = institution_setting(fields.Integer, "promujer_writeoff_min_days")
    promujer_rescheduled_min_provision = institution_setting(
        fields.Float, "promujer_rescheduled_min_provision"
    )
    promujer_allowance_account_id = institution_setting(
        fields.Many2one, "promujer_allowance_account_id"
    )
    promujer_provision_expense_account_id = institution_setting(
        fields.Many2one, "promujer_provision_expense_account_id"
    )
    promujer_recovery_account_id = institution_setting(
        fields.Many2one, "promujer_recovery_account_id"
    )
    promujer_provision_journal_id = institution_setting(
        fields.Many2one, "promujer_provision_journal_id"
    )
    promujer_interest_basis = institution_setting(fields.Selection, "promujer_interest_basis")
    promujer_non_accrual_days = institution_setting(fields.Integer, "promujer_non_accrual_days")
    promujer_accrued_interest_account_id = institution_setting(
        fields.Many2one, "promujer_accrued_interest_account_id"
    )
    promujer_forgiven_interest_account_id = institution_setting(
        fields.Many2one, "promujer_forgiven_interest_account_id"
    )
    promujer_forgiven_penalty_account_id = institution_setting(
        fields.Many2one, "promujer_forgiven_penalty_account_id"
    )
    promujer_forgiven_contra_account_id = institution_setting(
        fields.Many2one, "promujer_forgiven_contra_account_id"
    )
    promujer_entry_min_date = institution_setting(fields.Date, "promujer_entry_min_date")
    promujer_entry_days_ahead = institution_setting(fields.Integer, "promujer_entry_days_ahead")
    promujer_voluntary_ceiling = institution_setting(
        fields.Monetary, "promujer_voluntary_ceiling", currency_field="currency_id"
    )
    # Today of the scheduled actions (res.company._promujer_today): the timezone of the
    # institution's working hours.
    promujer_tz = fields.Selection(
        related="company_id.root_id.resource_calendar_id.tz",
        readonly=False,
        string="Timezone of the institution",
        help="The scheduled actions take today in it.",
    )
