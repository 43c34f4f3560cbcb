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
    promujer_allocation_order = fields.Selection(
        related="company_id.root_id.promujer_allocation_order", readonly=False
    )
    promujer_allocation_per_installment = fields.Boolean(
        related="company_id.root_id.promujer_allocation_per_installment", readonly=False
    )
    promujer_overpayment = fields.Selection(
        related="company_id.root_id.promujer_overpayment", readonly=False
    )
    promujer_cover_source = fields.Selection(
        related="company_id.root_id.promujer_cover_source", readonly=False
    )
    promujer_penalty_rate = fields.Float(
        related="company_id.root_id.promujer_penalty_rate", readonly=False
    )
    promujer_penalty_grace_days = fields.Integer(
        related="company_id.root_id.promujer_penalty_grace_days", readonly=False
    )
    promujer_consolidation_cycles = fields.Integer(
        related="company_id.root_id.promujer_consolidation_cycles", readonly=False
    )
    promujer_consolidation_max_days_late = fields.Integer(
        related="company_id.root_id.promujer_consolidation_max_days_late", readonly=False
    )
    promujer_writeoff_min_days = fields.Integer(
        related="company_id.root_id.promujer_writeoff_min_days", readonly=False
    )
    promujer_rescheduled_min_provision = fields.Float(
        related="company_id.root_id.promujer_rescheduled_min_provision", readonly=False
    )
    promujer_allowance_account_id = fields.Many2one(
        related="company_id.root_id.promujer_allowance_account_id", readonly=False
    )
    promujer_provision_expense_account_id = fields.Many2one(
        related="company_id.root_id.promujer_provision_expense_account_id", readonly=False
    )
    promujer_recovery_account_id = fields.Many2one(
        related="company_id.root_id.promujer_recovery_account_id", readonly=False
    )
    promujer_provision_journal_id = fields.Many2one(
        related="company_id.root_id.promujer_provision_journal_id", readonly=False
    )
    promujer_interest_basis = fields.Selection(
        related="company_id.root_id.promujer_interest_basis", readonly=False
    )
    promujer_non_accrual_days = fields.Integer(
        related="company_id.root_id.promujer_non_accrual_days", readonly=False
    )
    promujer_accrued_interest_account_id = fields.Many2one(
        related="company_id.root_id.promujer_accrued_interest_account_id", readonly=False
    )
    promujer_forgiven_interest_account_id = fields.Many2one(
        related="company_id.root_id.promujer_forgiven_interest_account_id", readonly=False
    )
    promujer_forgiven_penalty_account_id = fields.Many2one(
        related="company_id.root_id.promujer_forgiven_penalty_account_id", readonly=False
    )
    promujer_forgiven_contra_account_id = fields.Many2one(
        related="company_id.root_id.promujer_forgiven_contra_account_id", readonly=False
    )
    promujer_entry_min_date = fields.Date(
        related="company_id.root_id.promujer_entry_min_date", readonly=False
    )
    promujer_entry_days_ahead = fields.Integer(
        related="company_id.root_id.promujer_entry_days_ahead", readonly=False
    )
    promujer_voluntary_ceiling = fields.Monetary(
        related="company_id.root_id.promujer_voluntary_ceiling",
        readonly=False,
        currency_field="currency_id",
    )
