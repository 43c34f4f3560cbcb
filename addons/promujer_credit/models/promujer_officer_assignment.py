# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

# The context key that dates a change of a center or of an association's loan officer.
CHANGE_DATE_KEY = "promujer_change_date"


class PromujerOfficerAssignment(models.Model):
    """An association's portfolio handed from one loan officer to another on a date;
    written by the association whenever its officer changes."""

    _name = "promujer.officer.assignment"
    _description = "Loan officer reassignment"
    _inherit = ["promujer.association.mixin"]
    _order = "date desc, id desc"

    date = fields.Date(required=True, index=True)
    officer_from_id = fields.Many2one("hr.employee", string="From officer", index=True)
    officer_to_id = fields.Many2one("hr.employee", string="To officer", index=True)

    @api.model
    def _promujer_record(self, old_officers):
        """`old_officers`: {association: officer before the change}. The change is dated
        by the context (`promujer_change_date`), else the day of the change; a new
        association's first officer from its formation date."""
        date = self.env.context.get(CHANGE_DATE_KEY)
        date = fields.Date.to_date(date) if date else fields.Date.context_today(self)
        self.sudo().create(
            [
                {
                    "association_id": association.id,
                    "date": date if old else (association.formation_date or date),
                    "officer_from_id": old.id,
                    "officer_to_id": association.officer_id.id,
                }
                for association, old in old_officers.items()
                if old != association.officer_id
            ]
        )

    @api.model
    def _promujer_officers_as_of(self, association_ids, as_of):
        """{association_id: officer_id (or None)} on `as_of`: the officer the first
        reassignment after that date took the portfolio from, else today's."""
        self.env["promujer.association"].flush_model(["officer_id"])
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT a.id,
                       CASE WHEN later.id IS NULL THEN a.officer_id
                            ELSE later.officer_from_id END
                  FROM promujer_association a
             LEFT JOIN LATERAL (
                       SELECT h.id, h.officer_from_id
                         FROM promujer_officer_assignment h
                        WHERE h.association_id = a.id AND h.date > %(as_of)s
                     ORDER BY h.date, h.id
                        LIMIT 1) later ON TRUE
                 WHERE a.id = ANY(%(ids)s)
                """,
                as_of=as_of,
                ids=list(association_ids),
            )
        )
        return dict(self.env.cr.fetchall())
