# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Field declarations that many models of the suite share, written once.

Each function returns a new field, declared in a model like any other field::

    state = state_field(LOAN_STATES)
    company_id = branch_field()
    partner_id = member_field(ondelete="restrict")

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
