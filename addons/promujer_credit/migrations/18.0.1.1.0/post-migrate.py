# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: clients belong to a branch; entries point back to their origin.

Nothing here recomputes money: balances, installments and entries stay as they are."""

import logging

from odoo.tools import SQL

from odoo.addons.promujer_credit.upgrade import link_entries_to_origins

_logger = logging.getLogger(__name__)

# (model, table, column holding the entry); savings transactions of meetings and
# disbursements share their meeting's or cycle's entry, whose origin is that record.
ORIGINS = [
    ("promujer.loan.cycle", "promujer_loan_cycle", "disbursement_move_id", ""),
    ("promujer.meeting", "promujer_meeting", "move_id", ""),
    ("promujer.loan", "promujer_loan", "write_off_move_id", ""),
    ("promujer.loan.recovery", "promujer_loan_recovery", "move_id", ""),
    ("promujer.provision.run", "promujer_provision_run", "move_id", ""),
    (
        "promujer.savings.transaction",
        "promujer_savings_transaction",
        "move_id",
        "AND src.meeting_id IS NULL AND src.cycle_id IS NULL",
    ),
]


def migrate(cr, version):
    if not version:
        return
    _clients_to_branches(cr)
    _entries_to_origins(cr)


# Where a client without a branch takes hers from, in this order: (the source, how a
# client is linked to it, what the log says).
BRANCH_SOURCES = [
    # The association of her open solidarity group.
    (
        SQL("promujer_association src"),
        SQL("src.id = p.promujer_association_id"),
        "clients given the branch of their association",
    ),
    # Without an open group, her last loan.
    (
        SQL(
            "(SELECT DISTINCT ON (partner_id) partner_id, company_id FROM promujer_loan "
            "ORDER BY partner_id, id DESC) src"
        ),
        SQL("src.partner_id = p.id AND p.promujer_is_client"),
        "clients given the branch of their last loan",
    ),
    # Family members are registered where their client is.
    (
        SQL("res_partner src"),
        SQL("src.id = p.promujer_family_of_id AND src.company_id IS NOT NULL"),
        "family members given their client's branch",
    ),
]


def _clients_to_branches(cr):
    for source, link, what in BRANCH_SOURCES:
        cr.execute(
            SQL(
                "UPDATE res_partner p SET company_id = src.company_id FROM %s "
                "WHERE %s AND p.company_id IS NULL",
                source,
                link,
            )
        )
        _logger.info("%s: %s", what, cr.rowcount)


def _entries_to_origins(cr):
    link_entries_to_origins(cr, ORIGINS)
