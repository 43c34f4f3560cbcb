# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: a visit's invoice (and its credit note) point back to the visit.

Invoices posted before keep their labels: posted entries are never edited."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE account_move m
           SET promujer_origin_model = 'promujer.health.visit', promujer_origin_id = v.id
          FROM promujer_health_visit v
         WHERE v.invoice_id = m.id
           AND m.promujer_origin_model IS NULL
        """
    )
    _logger.info("invoices linked to their visit: %s", cr.rowcount)
    cr.execute(
        """
        UPDATE account_move r
           SET promujer_origin_model = m.promujer_origin_model,
               promujer_origin_id = m.promujer_origin_id
          FROM account_move m
         WHERE r.reversed_entry_id = m.id
           AND m.promujer_origin_model = 'promujer.health.visit'
           AND r.promujer_origin_model IS NULL
        """
    )
    _logger.info("credit notes linked to their visit: %s", cr.rowcount)
