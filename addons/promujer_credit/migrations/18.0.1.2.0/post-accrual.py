# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: the accrued interest receivable account PM1315 in existing charts.

The institutions are on the accrual basis from the upgrade (the setting's default): the
first month end after it accrues the interest earned and not yet paid; nothing earlier
is booked again (the interest paid before was income when paid)."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["account.chart.template"]._promujer_load_accounts()
    _logger.info("accrued interest receivable account added to the existing charts")
