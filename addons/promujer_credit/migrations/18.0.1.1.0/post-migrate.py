# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: clients belong to a branch; entries point back to their origin.

Nothing here recomputes money: balances, installments and entries stay as they are."""

import logging

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


def _clients_to_branches(cr):
    # A client's branch: that of the association of her open solidarity group.
    cr.execute(
        """
        UPDATE res_partner p
           SET company_id = a.company_id
          FROM promujer_association a
         WHERE a.id = p.promujer_association_id
           AND p.company_id IS NULL
        """
    )
    _logger.info("clients given the branch of their association: %s", cr.rowcount)
    # A client without an open group: the branch of her last loan.
    cr.execute(
        """
        UPDATE res_partner p
           SET company_id = last.company_id
          FROM (SELECT DISTINCT ON (partner_id) partner_id, company_id
                  FROM promujer_loan ORDER BY partner_id, id DESC) last
         WHERE last.partner_id = p.id
           AND p.company_id IS NULL
           AND p.promujer_is_client
        """
    )
    _logger.info("clients given the branch of their last loan: %s", cr.rowcount)
    # Family members are registered where their client is.
    cr.execute(
        """
        UPDATE res_partner p
           SET company_id = c.company_id
          FROM res_partner c
         WHERE c.id = p.promujer_family_of_id
           AND p.company_id IS NULL
           AND c.company_id IS NOT NULL
        """
    )
    _logger.info("family members given their client's branch: %s", cr.rowcount)


def _entries_to_origins(cr):
    link_entries_to_origins(cr, ORIGINS)
