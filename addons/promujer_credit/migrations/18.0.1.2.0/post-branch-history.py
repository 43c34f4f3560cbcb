# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: the history of the centers and of the associations' loan officers starts.

Every center gets a first row, as it is, from its creation; a consolidated neighborhood
center was one until its consolidation date, and a row records that consolidation. Every
association with a loan officer had her from its formation."""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

BRANCH_COLUMNS = SQL(
    """(company_id, date, change, kind_before, kind_after, parent_before_id,
        parent_after_id, region_before_id, region_after_id,
        create_uid, write_uid, create_date, write_date)"""
)


def migrate(cr, version):
    if not version:
        return
    _branches(cr)
    _officers(cr)


def _branches(cr):
    cr.execute(
        SQL(
            """
            INSERT INTO promujer_branch_history %(columns)s
            SELECT c.id, LEAST(c.create_date::date, COALESCE(c.promujer_consolidation_date,
                                                            c.create_date::date)),
                   'initial', first.kind, first.kind, c.parent_id, c.parent_id,
                   c.promujer_region_id, c.promujer_region_id,
                   1, 1, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
              FROM res_company c
        CROSS JOIN LATERAL (
                   SELECT CASE WHEN c.promujer_consolidation_date IS NOT NULL
                                AND c.promujer_center_kind = 'focal'
                               THEN 'neighborhood' ELSE c.promujer_center_kind END AS kind
                   ) first
             WHERE c.promujer_center_kind IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM promujer_branch_history h WHERE h.company_id = c.id)
            """,
            columns=BRANCH_COLUMNS,
        )
    )
    _logger.info("centers given a first history row: %s", cr.rowcount)
    cr.execute(
        SQL(
            """
            INSERT INTO promujer_branch_history %(columns)s
            SELECT c.id, c.promujer_consolidation_date, 'consolidation', 'neighborhood',
                   'focal', c.parent_id, c.parent_id, c.promujer_region_id, c.promujer_region_id,
                   1, 1, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
              FROM res_company c
             WHERE c.promujer_consolidation_date IS NOT NULL
               AND c.promujer_center_kind = 'focal'
               AND NOT EXISTS (SELECT 1 FROM promujer_branch_history h
                                WHERE h.company_id = c.id AND h.change = 'consolidation')
            """,
            columns=BRANCH_COLUMNS,
        )
    )
    _logger.info("consolidations recorded: %s", cr.rowcount)


def _officers(cr):
    cr.execute(
        SQL(
            """
            INSERT INTO promujer_officer_assignment
                   (association_id, company_id, date, officer_to_id,
                    create_uid, write_uid, create_date, write_date)
            SELECT a.id, a.company_id, COALESCE(a.formation_date, a.create_date::date),
                   a.officer_id, 1, 1, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
              FROM promujer_association a
             WHERE a.officer_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM promujer_officer_assignment h
                                WHERE h.association_id = a.id)
            """
        )
    )
    _logger.info("associations given their loan officer since formation: %s", cr.rowcount)
