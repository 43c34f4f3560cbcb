# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .promujer_fields import can_field, entry_field, state_field

POSTED_STATES = [("draft", "Draft"), ("posted", "Posted"), ("cancelled", "Cancelled")]


class PromujerPostedMixin(models.AbstractModel):
    """A record posted with one journal entry of the suite and cancelled by reversing it:
    a repayment meeting, a savings transaction at the branch. Credit staff and accountants
    post; branch managers and accountants cancel (the buttons and the checks read it)."""

    _name = "promujer.posted.mixin"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Record posted with a journal entry"

    _promujer_action_states = {"post": ("draft",), "cancel": ("posted",)}
    # Posted or cancelled, a record keeps its entry and its reversal: never deleted.
    _promujer_deletable_states = ("draft",)
    _promujer_action_groups = {
        "post": ("promujer_credit.group_loan_officer", "account.group_account_invoice"),
        "cancel": ("promujer_credit.group_branch_manager", "account.group_account_invoice"),
    }

    move_id = entry_field()
    can_post = can_field()
    can_cancel = can_field()
    state = state_field(POSTED_STATES)
