# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: each loan's oldest open due date (the portfolio figures of today read it).

Written here in one statement, before the module loads: the ORM would otherwise compute
the new stored field loan by loan on a live portfolio."""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE promujer_loan ADD COLUMN IF NOT EXISTS oldest_open_due_date date")
    cr.execute(
        SQL(
            """
            UPDATE promujer_loan l
               SET oldest_open_due_date = open.due_date
              FROM (SELECT loan_id, MIN(due_date) AS due_date
                      FROM promujer_loan_installment
                     WHERE state != 'paid'
                  GROUP BY loan_id) open
             WHERE open.loan_id = l.id
            """
        )
    )
    _logger.info("loans given their oldest open due date: %s", cr.rowcount)
