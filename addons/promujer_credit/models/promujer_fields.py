# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Field declarations that many models of the suite share, written once.

Each function returns a new field, declared in a model like any other field::

    state = state_field(LOAN_STATES)
    company_id = branch_field()
    partner_id = member_field(ondelete="restrict")
    president_id = role_field()
    session_id = parent_field("promujer.training.session")
    income_account_id = account_field("Interest income account", *INCOME)
    loan_count = count_field("promujer.loan", "partner_id", "Loans")

Keyword arguments are passed to the field and override the usual ones."""

from odoo import fields


def state_field(selection, default="draft", **extra):
    """The state of a workflow record: required, tracked in the chatter, indexed, never
    copied. The actions change it (it is among the workflow mixin's protected fields)."""
    return fields.Selection(
        selection,
        **{
            "default": default,
            "required": True,
            "tracking": True,
            "copy": False,
            "index": True,
            **extra,
        },
    )


def branch_field(**extra):
    """The branch (company) a record belongs to: required, indexed, tracked; today's
    branch of the user by default."""
    return fields.Many2one(
        "res.company",
        **{
            "string": "Branch",
            "required": True,
            "index": True,
            "tracking": True,
            "default": lambda self: self.env.company,
            **extra,
        },
    )


def member_field(**extra):
    """A woman of the association (the record's `allowed_partner_ids`)."""
    return fields.Many2one(
        "res.partner",
        **{
            "string": "Member",
            "required": True,
            "index": True,
            "tracking": True,
            "domain": "[('id', 'in', allowed_partner_ids)]",
            **extra,
        },
    )


def role_field(**extra):
    """A woman of the record's own members (`member_ids`) in a role: the president,
    treasurer or secretary of an association, the leader of a solidarity group. Tracked."""
    return fields.Many2one(
        "res.partner", **{"tracking": True, "domain": "[('id', 'in', member_ids)]", **extra}
    )


def parent_field(comodel, **extra):
    """The record this one is part of (a line's document, a participant's course):
    required, indexed, deleted with it."""
    return fields.Many2one(
        comodel, **{"required": True, "index": True, "ondelete": "cascade", **extra}
    )


def reference_field(comodel, **extra):
    """A record this one stands on (the loan of an installment's allocation, the woman
    of an enrolment): required, indexed, and kept while this one exists."""
    return fields.Many2one(
        comodel, **{"required": True, "index": True, "ondelete": "restrict", **extra}
    )


def entry_field(string="Journal entry", **extra):
    """The journal entry an action booked for the record: read-only, never copied,
    tracked in the chatter."""
    return fields.Many2one(
        "account.move",
        **{"string": string, "readonly": True, "copy": False, "tracking": True, **extra},
    )


# Account types the account choosers offer.
INCOME = ("income", "income_other")
SAVINGS_LIABILITY = ("liability_current", "liability_payable")
PORTFOLIO_ASSET = ("asset_receivable", "asset_current", "asset_non_current")


def account_field(string, *account_types, **extra):
    """An account (`string`), chosen among the accounts of `account_types` when given."""
    if account_types:
        extra["domain"] = f"[('account_type', 'in', {account_types!r})]"
    return fields.Many2one("account.account", string=string, **extra)


# Journal types the journal choosers offer.
CASH_OR_BANK = ("cash", "bank")


def journal_field(string, *journal_types, **extra):
    """A journal (`string`), chosen among the journals of `journal_types` when given."""
    if journal_types:
        extra["domain"] = f"[('type', 'in', {journal_types!r})]"
    return fields.Many2one("account.journal", string=string, **extra)


def count_field(model, inverse, string=None, **extra):
    """How many `model` records point to the record by `inverse` (a smart button's
    figure), counted for the whole batch in one query."""

    def compute(records):
        counts = records._promujer_counts(model, inverse)
        for record in records:
            record[field.name] = counts[record]

    field = fields.Integer(string, compute=compute, **extra)
    return field


def institution_setting(field_class, name, **extra):
    """A setting of the methodology (`field_class`), kept on the field `name` of the
    institution (the root company), whichever branch the administrator is working in."""
    return field_class(related=f"company_id.root_id.{name}", readonly=False, **extra)


def can_field(string=None, **extra):
    """Whether the current user's button of an action shows (`can_<verb>`): computed by
    the workflow mixin from the action's groups, the user's access and the state."""
    return fields.Boolean(string, compute="_compute_can_act", **extra)
