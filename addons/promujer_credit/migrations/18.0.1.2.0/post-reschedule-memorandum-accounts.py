# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: the memorandum (off-balance) accounts of the interest and penalties a
rescheduling writes off (PM9110, PM9120, PM9190), and the institution's settings
pointing at them.

Nothing here recomputes money: installments rescheduled before keep what they are (the
interest and penalties they forgave were not recorded; `interest_carried` and
`penalty_carried` are 0 on them). Reschedulings still waiting for approval carry what
is owed (the credit administrator sees the figures when approving, or rejects)."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

SETTINGS = {
    "promujer_forgiven_interest_account_id": "promujer_account_forgiven_interest",
    "promujer_forgiven_penalty_account_id": "promujer_account_forgiven_penalty",
    "promujer_forgiven_contra_account_id": "promujer_account_forgiven_contra",
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    charts = env["account.chart.template"]
    charts._promujer_load_accounts()
    roots = env["res.company"].search([("chart_template", "!=", False), ("parent_id", "=", False)])
    for root in roots:
        chart = charts.with_company(root)
        vals = {
            field: chart.ref(xmlid).id
            for field, xmlid in SETTINGS.items()
            if not root[field] and chart.ref(xmlid, raise_if_not_found=False)
        }
        if vals:
            root.write(vals)
        _logger.info("memorandum accounts of forgiven interest set on %s: %s", root.name, vals)
    cr.execute(
        """
        UPDATE promujer_loan_proposal
           SET owed_treatment = 'carry'
         WHERE kind = 'reschedule' AND state = 'proposed' AND owed_treatment IS NULL
        """
    )
    _logger.info("pending reschedulings set to carry what is owed: %s", cr.rowcount)
