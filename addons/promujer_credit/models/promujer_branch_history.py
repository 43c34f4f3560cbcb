# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .promujer_fields import parent_field
from .promujer_officer_assignment import CHANGE_DATE_KEY
from .res_company import CENTER_KINDS

CHANGES = [
    ("initial", "Recorded"),
    ("consolidation", "Consolidated into a Focal Center"),
    ("kind", "Kind changed"),
    ("region", "Regional office changed"),
]


class PromujerBranchHistory(models.Model):
    """A dated change of a center: its kind (a neighborhood center consolidating into a
    Focal Center) or its regional office (the office above it being one no more; Odoo
    refuses to change a company's parent).
    Each row keeps the center as it was before and after, so that what it was on any
    date is the `before` of the first change after that date, else what it is today."""

    _name = "promujer.branch.history"
    _description = "Branch history"
    _order = "date desc, id desc"

    company_id = parent_field("res.company", string="Branch")
    date = fields.Date(required=True, index=True)
    change = fields.Selection(CHANGES, required=True)
    kind_before = fields.Selection(CENTER_KINDS, string="Kind before")
    kind_after = fields.Selection(CENTER_KINDS, string="Kind after")
    parent_before_id = fields.Many2one("res.company", string="Under (before)")
    parent_after_id = fields.Many2one("res.company", string="Under (after)")
    region_before_id = fields.Many2one("res.company", string="Regional office before")
    region_after_id = fields.Many2one("res.company", string="Regional office after")
    note = fields.Char()

    @api.model
    def _promujer_snapshot(self, companies):
        """{company: (kind, parent, region)} now."""
        return {c: (c.promujer_center_kind, c.parent_id, c.promujer_region_id) for c in companies}

    @api.model
    def _promujer_record(self, before, change=None, date=None, note=False):
        """Write a row for every company of `before` ({company: snapshot}) that changed
        since, dated `date` (else the context's `promujer_change_date`, else today)."""
        if date is None:
            date = self.env.context.get(CHANGE_DATE_KEY)
            date = fields.Date.to_date(date) if date else fields.Date.context_today(self)
        after = self._promujer_snapshot(self.env["res.company"].browse(c.id for c in before))
        rows = []
        for company, (kind, parent, region) in before.items():
            new_kind, new_parent, new_region = after[company]
            if (kind, parent, region) == (new_kind, new_parent, new_region):
                continue
            rows.append(
                {
                    "company_id": company.id,
                    "date": date,
                    "change": change or ("kind" if kind != new_kind else "region"),
                    "kind_before": kind,
                    "kind_after": new_kind,
                    "parent_before_id": parent.id,
                    "parent_after_id": new_parent.id,
                    "region_before_id": region.id,
                    "region_after_id": new_region.id,
                    "note": note,
                }
            )
        return self.sudo().create(rows)

    @api.model
    def _promujer_record_initial(self, companies, date):
        """A first row for centers: what they are from `date`."""
        return self.sudo().create(
            [
                {
                    "company_id": c.id,
                    "date": date,
                    "change": "initial",
                    "kind_before": c.promujer_center_kind,
                    "kind_after": c.promujer_center_kind,
                    "parent_before_id": c.parent_id.id,
                    "parent_after_id": c.parent_id.id,
                    "region_before_id": c.promujer_region_id.id,
                    "region_after_id": c.promujer_region_id.id,
                }
                for c in companies
                if c.promujer_center_kind
            ]
        )

    @api.model
    def _promujer_as_of(self, company_ids, as_of):
        """{company_id: (kind, region_id)} of centers on `as_of`: the state before the
        first change after that date, else today's."""
        self.env["res.company"].flush_model(["promujer_center_kind", "promujer_region_id"])
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT c.id,
                       CASE WHEN later.id IS NULL THEN c.promujer_center_kind
                            ELSE later.kind_before END,
                       CASE WHEN later.id IS NULL THEN c.promujer_region_id
                            ELSE later.region_before_id END
                  FROM res_company c
             LEFT JOIN LATERAL (
                       SELECT h.id, h.kind_before, h.region_before_id
                         FROM promujer_branch_history h
                        WHERE h.company_id = c.id
                          AND h.date > %(as_of)s
                          AND h.change != 'initial'
                     ORDER BY h.date, h.id
                        LIMIT 1) later ON TRUE
                 WHERE c.id = ANY(%(ids)s)
                """,
                as_of=as_of,
                ids=list(company_ids),
            )
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}
