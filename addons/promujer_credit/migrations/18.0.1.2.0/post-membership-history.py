# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: the women already in solidarity groups get their open memberships.

She joined when the association was formed (or on the day of her first loan in it, if
that came first), else when the association, then the group, was created: the earlier
versions counted every woman of today's groups from the association's formation, and an
upgrade keeps the figures of past dates. Members of an archived group left it when it
was last written."""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    _memberships(cr)


def _memberships(cr):
    cr.execute(
        SQL(
            """
            INSERT INTO promujer_group_membership
                   (partner_id, group_id, association_id, company_id, date_joined, date_left,
                    leave_reason, is_current, create_uid, write_uid, create_date, write_date)
            SELECT r.partner_id, g.id, g.association_id, a.company_id, joined.date,
                   CASE WHEN g.active THEN NULL
                        ELSE GREATEST(joined.date, g.write_date::date) END,
                   CASE WHEN g.active THEN NULL ELSE %(archived)s END,
                   g.active, 1, 1, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
              FROM promujer_solidarity_group_member_rel r
              JOIN promujer_solidarity_group g ON g.id = r.group_id
              JOIN promujer_association a ON a.id = g.association_id
        CROSS JOIN LATERAL (
                   SELECT COALESCE(
                              LEAST(a.formation_date,
                                    (SELECT MIN(l.disbursement_date)
                                       FROM promujer_loan l
                                      WHERE l.partner_id = r.partner_id
                                        AND l.association_id = g.association_id
                                        AND l.disbursement_date IS NOT NULL)),
                              a.create_date::date,
                              g.create_date::date,
                              CURRENT_DATE) AS date) joined
             WHERE NOT EXISTS (
                   SELECT 1 FROM promujer_group_membership m
                    WHERE m.group_id = g.id AND m.partner_id = r.partner_id)
            """,
            archived="group archived",
        )
    )
    _logger.info("memberships opened for the women already in groups: %s", cr.rowcount)
