# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared by the migration scripts of the suite's addons (`migrations/<version>/`, which
Python cannot import by name)."""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def link_entries_to_origins(cr, origins):
    """Entries point back to the record that booked them, and their reversals to the
    same record. `origins`: (model, table, column holding the entry, extra SQL condition
    on the record `src`). Only entries without an origin are touched."""
    for model, table, column, where in origins:
        cr.execute(
            SQL(
                """
                UPDATE account_move m
                   SET promujer_origin_model = %s, promujer_origin_id = src.id
                  FROM %s src
                 WHERE src.%s = m.id
                   AND m.promujer_origin_model IS NULL
                   %s
                """,
                model,
                SQL.identifier(table),
                SQL.identifier(column),
                SQL(where),
            )
        )
        _logger.info("entries linked to their %s: %s", model, cr.rowcount)
    # Reversals (cancelled meetings and deposits, credit notes) point to the same origin.
    cr.execute(
        SQL(
            """
            UPDATE account_move r
               SET promujer_origin_model = m.promujer_origin_model,
                   promujer_origin_id = m.promujer_origin_id
              FROM account_move m
             WHERE r.reversed_entry_id = m.id
               AND m.promujer_origin_model IN %s
               AND r.promujer_origin_model IS NULL
            """,
            tuple(model for model, _table, _column, _where in origins),
        )
    )
    _logger.info("reversals linked to their origin: %s", cr.rowcount)
