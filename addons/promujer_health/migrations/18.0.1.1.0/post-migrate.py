# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: a visit's invoice (and its credit note) point back to the visit.

Invoices posted before keep their labels: posted entries are never edited."""

from odoo.addons.promujer_credit.upgrade import link_entries_to_origins


def migrate(cr, version):
    if not version:
        return
    link_entries_to_origins(
        cr, [("promujer.health.visit", "promujer_health_visit", "invoice_id", "")]
    )
