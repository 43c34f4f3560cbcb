# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import arrears
from .promujer_loan_installment import AMOUNT_FIELDS

# An installment is unpaid while more than this is left of what it asks.
UNPAID_TOLERANCE = 0.000001
# What the figures read: the `_depends` of the SQL views built on them.
FIGURES_DEPENDS = {
    "promujer.loan": [
        "state",
        "disbursement_date",
        "write_off_date",
        "rescheduled_date",
        "reschedule_count",
        "company_id",
        "currency_id",
        "principal_outstanding",
        "oldest_open_due_date",
    ],
    "promujer.loan.installment": ["due_date", "state", *AMOUNT_FIELDS],
}


# What the meetings posted by a date paid of an installment (the sums `p` of `_paid_sql`).
PAID_BY_MEETINGS = SQL(
    "COALESCE(p.principal, 0) AS principal_paid, "
    "COALESCE(p.interest, 0) AS interest_paid, "
    "COALESCE(p.penalty, 0) AS penalty_paid"
)


class PromujerPortfolioFigures(models.AbstractModel):
    """The one definition of the portfolio's figures, in SQL, as of any date: outstanding
    principal, days late, rescheduled, aging, portfolio at risk and the provision rate.

    The thresholds are those of ``tools/arrears.py`` (aging limits, PAR thresholds) and of
    the institution's settings (provision buckets); the SQL is built from them here, and
    every figure of the suite reads it: the arrears cron, the provisioning run, the
    branch dashboard, the portfolio-at-risk report, the Operational Data report and the
    SEEP ratios. ``tests/test_portfolio_figures.py`` checks it against the pure functions
    of ``tools/arrears.py`` on random portfolios.

    A loan counts from its disbursement to its write-off. What is paid comes from the
    meetings posted up to the date (their allocations); as of today, from the
    installments' paid amounts, which those meetings wrote. A loan is late from the due
    date of its oldest installment not fully paid (principal, interest and any late
    penalty)."""

    _name = "promujer.portfolio.figures"
    _description = "Portfolio figures"

    # ------------------------------------------------------------------ rows

    def _flush_figures(self):
        for model in (
            "promujer.loan",
            "promujer.loan.installment",
            "promujer.meeting",
            "promujer.meeting.allocation",
        ):
            self.env[model].flush_model()

    @api.model
    def _paid_sql(self, as_of):
        """(installment_id, principal, interest, penalty) paid by `as_of`, from the meetings
        posted by then (and what a portfolio import brought in, from its opening date)."""
        return SQL(
            """
            SELECT p.installment_id, SUM(p.principal) AS principal,
                   SUM(p.interest) AS interest, SUM(p.penalty) AS penalty
              FROM (
                SELECT a.installment_id, a.principal, a.interest,
                       COALESCE(a.penalty, 0) AS penalty
                  FROM promujer_meeting_allocation a
                  JOIN promujer_meeting m ON m.id = a.meeting_id
                 WHERE m.state = 'posted' AND m.date <= %(as_of)s
             UNION ALL
                SELECT i.id, COALESCE(i.opening_principal_paid, 0),
                       COALESCE(i.opening_interest_paid, 0), 0
                  FROM promujer_loan_installment i
                 WHERE i.opening_date <= %(as_of)s
              ) p
          GROUP BY p.installment_id
            """,
            as_of=as_of,
        )

    @api.model
    def _arrears_sql(self, installments, as_of):
        """Per loan, from `installments` (loan_id, due_date, principal_due, interest_due,
        penalty_due, principal_paid, interest_paid, penalty_paid): outstanding principal
        and days late at `as_of`."""
        return SQL(
            """
            SELECT i.loan_id,
                   SUM(i.principal_due - i.principal_paid) AS outstanding,
                   COALESCE(%(as_of)s::date - MIN(i.due_date) FILTER (
                       WHERE i.due_date < %(as_of)s::date
                         AND i.principal_due + i.interest_due + i.penalty_due
                             - i.principal_paid - i.interest_paid - i.penalty_paid
                             > %(tolerance)s
                   ), 0) AS days_late
              FROM (%(installments)s) i
          GROUP BY i.loan_id
            """,
            as_of=as_of,
            tolerance=UNPAID_TOLERANCE,
            installments=installments,
        )

    @api.model
    def _as_of(self):
        """The date the figures of today's screens are as of: today, or the date a report
        asks for in its context (`promujer_as_of`)."""
        as_of = self.env.context.get("promujer_as_of")
        return fields.Date.to_date(as_of) if as_of else fields.Date.context_today(self)

    @api.model
    def _loan_rows_sql(self, as_of, company_ids=None, from_meetings=False):
        """One row per loan outstanding at `as_of`: id, company, currency, partner, officer,
        association, product, member cycle, outstanding principal, days late and whether
        it counts as rescheduled. `company_ids` None: every company.

        As of today (unless `from_meetings`) the loans say it: their principal
        outstanding and their oldest open due date, which the ORM keeps from their
        installments at every payment (one row per loan, not per installment). As of a
        past date, the installments and the meetings posted by then say it
        (`_arrears_sql`); the figures test checks that both agree as of today."""
        loans = self._loans_sql(as_of, company_ids)
        if not from_meetings and as_of >= fields.Date.context_today(self):
            return self._loan_rows_today_sql(loans, as_of)
        return self._loan_rows_past_sql(loans, as_of)

    @api.model
    def _loans_sql(self, as_of, company_ids):
        """The loans disbursed by `as_of`, neither draft nor cancelled, not yet written
        off then, of `company_ids` (None: every company)."""
        company_filter = (
            SQL("AND l.company_id = ANY(%s)", list(company_ids))
            if company_ids is not None
            else SQL()
        )
        return SQL(
            """
                SELECT l.id, l.company_id, l.currency_id, l.partner_id, l.officer_id,
                       l.association_id, l.product_id, l.member_cycle_number,
                       l.principal_outstanding, l.oldest_open_due_date,
                       (COALESCE(l.reschedule_count, 0) > 0
                        AND COALESCE(l.rescheduled_date, l.disbursement_date) <= %(as_of)s)
                           AS rescheduled
                  FROM promujer_loan l
                 WHERE l.disbursement_date <= %(as_of)s
                   AND l.state NOT IN ('draft', 'cancelled')
                   AND (l.write_off_date IS NULL OR l.write_off_date > %(as_of)s)
                   %(company_filter)s
            """,
            as_of=as_of,
            company_filter=company_filter,
        )

    @api.model
    def _loan_rows_today_sql(self, loans, as_of):
        """`_loan_rows_sql` as of today, from the loans' own principal outstanding and
        oldest open due date."""
        return SQL(
            """
                SELECT loans.id, loans.company_id, loans.currency_id, loans.partner_id,
                       loans.officer_id, loans.association_id, loans.product_id,
                       loans.member_cycle_number, loans.principal_outstanding AS outstanding,
                       GREATEST(%(as_of)s::date - loans.oldest_open_due_date, 0) AS days_late,
                       loans.rescheduled
                  FROM (%(loans)s) loans
                 WHERE loans.principal_outstanding > 0
                """,
            as_of=as_of,
            loans=loans,
        )

    @api.model
    def _loan_rows_past_sql(self, loans, as_of):
        """`_loan_rows_sql` as of a past date, from the installments and the meetings
        posted by then."""
        return SQL(
            """
            WITH loans AS (%(loans)s),
            installments AS (
                SELECT i.loan_id, i.due_date, i.principal_due, i.interest_due,
                       COALESCE(i.penalty_due, 0) AS penalty_due, %(paid)s
                  FROM promujer_loan_installment i
                  JOIN loans ON loans.id = i.loan_id
             LEFT JOIN (%(paid_sql)s) p ON p.installment_id = i.id
            )
            SELECT loans.id, loans.company_id, loans.currency_id, loans.partner_id,
                   loans.officer_id, loans.association_id, loans.product_id,
                   loans.member_cycle_number, a.outstanding, a.days_late, loans.rescheduled
              FROM loans
              JOIN (%(arrears)s) a ON a.loan_id = loans.id
             WHERE a.outstanding > 0
            """,
            loans=loans,
            paid=PAID_BY_MEETINGS,
            paid_sql=self._paid_sql(as_of),
            arrears=self._arrears_sql(SQL("SELECT * FROM installments"), as_of),
        )

    # ------------------------------------------------------------------ classifications

    @api.model
    def _at_risk_sql(self, rows, threshold):
        """True for a row of `_loan_rows_sql` (alias `rows`) in PAR(`threshold`)."""
        return SQL(
            "(%(days)s > %(threshold)s OR %(rescheduled)s)",
            days=SQL.identifier(rows, "days_late"),
            rescheduled=SQL.identifier(rows, "rescheduled"),
            threshold=threshold,
        )

    @api.model
    def _aging_keys(self, limits=arrears.DEFAULT_AGING_LIMITS):
        """The aging buckets' keys, in order: '0_current', '1_1_30', ..., '6_over_365'."""
        keys = []
        for position, (low, high) in enumerate(arrears.aging_bounds(limits)):
            if position == 0:
                keys.append("0_current")
            elif high is None:
                keys.append(f"{position}_over_{low - 1}")
            else:
                keys.append(f"{position}_{low}_{high}")
        return keys

    @api.model
    def _aging_sql(self, days, limits=arrears.DEFAULT_AGING_LIMITS):
        """The aging key of the days late `days` (an SQL expression)."""
        bounds = arrears.aging_bounds(limits)
        keys = self._aging_keys(limits)
        whens = SQL(" ").join(
            SQL("WHEN %s <= %s THEN %s", days, high, key)
            for (_low, high), key in zip(bounds[:-1], keys[:-1], strict=True)
        )
        return SQL("(CASE %s ELSE %s END)", whens, keys[-1])

    @api.model
    def _provision_sql(self, days, rescheduled, buckets, rescheduled_min_rate):
        """(min_days, max_days, percent) of the provision bucket of `days`, the percent at
        least `rescheduled_min_rate` where `rescheduled` (SQL expressions)."""
        buckets = arrears.check_buckets(buckets)

        def case(pick):
            whens = SQL(" ").join(
                SQL("WHEN %s <= %s THEN %s", days, bucket[1], pick(bucket))
                for bucket in buckets[:-1]
            )
            return SQL("(CASE %s ELSE %s END)", whens, pick(buckets[-1]))

        rate = case(lambda bucket: float(bucket[2]))
        return SQL(
            "%(low)s AS min_days, %(high)s AS max_days, "
            "(CASE WHEN %(rescheduled)s THEN GREATEST(%(rate)s, %(minimum)s) ELSE %(rate)s END)"
            " AS rate",
            low=case(lambda bucket: bucket[0]),
            high=case(lambda bucket: bucket[1]),
            rescheduled=rescheduled,
            rate=rate,
            minimum=float(rescheduled_min_rate),
        )

    @api.model
    def _rate_sql(self, currency, root, date):
        """Units of `currency` per unit of the institution `root`'s currency on `date`
        (SQL expressions): the institution's rate first, then the shared one, else 1."""
        return SQL(
            """(SELECT CASE WHEN %(currency)s = root_c.currency_id THEN 1.0
                       ELSE COALESCE((
                           SELECT r.rate FROM res_currency_rate r
                            WHERE r.currency_id = %(currency)s
                              AND (r.company_id = root_c.id OR r.company_id IS NULL)
                              AND r.name <= %(date)s
                         ORDER BY r.company_id IS NULL, r.name DESC
                            LIMIT 1), 1.0) END
                 FROM res_company root_c WHERE root_c.id = %(root)s)""",
            currency=currency,
            root=root,
            date=date,
        )

    # ------------------------------------------------------------------ aggregates

    @api.model
    def _portfolio_by_branch(self, as_of, company_ids):
        """{company_id: {currency_id: {outstanding, borrowers, loans, par1..par90}}}"""
        self._flush_figures()
        par = SQL(", ").join(
            SQL("SUM(r.outstanding) FILTER (WHERE %s)", self._at_risk_sql("r", days))
            for days in arrears.PAR_THRESHOLDS
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT r.company_id, r.currency_id, SUM(r.outstanding),
                       COUNT(DISTINCT r.partner_id), COUNT(*), %(par)s
                  FROM (%(rows)s) r
              GROUP BY r.company_id, r.currency_id
                """,
                par=par,
                rows=self._loan_rows_sql(as_of, company_ids),
            )
        )
        result = defaultdict(dict)
        for company_id, currency_id, outstanding, borrowers, loans, *pars in self.env.cr.fetchall():
            result[company_id][currency_id] = {
                "outstanding": outstanding or 0.0,
                "borrowers": borrowers,
                "loans": loans,
                **{
                    f"par{d}": amount or 0.0
                    for d, amount in zip(arrears.PAR_THRESHOLDS, pars, strict=True)
                },
            }
        return result

    @api.model
    def _provision_groups(self, as_of, company_ids, buckets, rescheduled_min_rate):
        """[(currency_id, min_days, max_days, rate, rescheduled, outstanding, loans)]: the
        outstanding at `as_of` by currency and provision bucket."""
        self._flush_figures()
        self.env.cr.execute(
            SQL(
                """
                SELECT r.currency_id, b.min_days, b.max_days, b.rate, r.rescheduled,
                       SUM(r.outstanding), COUNT(*)
                  FROM (%(rows)s) r
             CROSS JOIN LATERAL (SELECT %(provision)s) b
              GROUP BY 1, 2, 3, 4, 5
              ORDER BY 1, 5, 2
                """,
                rows=self._loan_rows_sql(as_of, company_ids),
                provision=self._provision_sql(
                    SQL("r.days_late"), SQL("r.rescheduled"), buckets, rescheduled_min_rate
                ),
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _clients_by_branch(self, as_of, company_ids):
        """{company_id: (associations, clients, women)} for associations formed by `as_of`
        and not closed then; their clients are the women in one of their solidarity
        groups on that date (joined by then, not yet left)."""
        self.env["promujer.association"].flush_model()
        self.env["promujer.group.membership"].flush_model()
        self.env["res.partner"].flush_model(["promujer_gender"])
        self.env.cr.execute(
            SQL(
                """
                WITH associations AS (
                    SELECT a.id, a.company_id
                      FROM promujer_association a
                     WHERE a.active
                       AND a.company_id = ANY(%(companies)s)
                       AND COALESCE(a.formation_date, a.create_date::date) <= %(as_of)s
                       AND (a.closed_date IS NULL OR a.closed_date > %(as_of)s)
                       AND (a.state != 'closed' OR a.closed_date IS NOT NULL)
                ),
                -- each woman once per branch (hashed, not sorted), then counted
                members AS (
                    SELECT DISTINCT a.company_id, m.partner_id
                      FROM promujer_group_membership m
                      JOIN associations a ON a.id = m.association_id
                     WHERE m.date_joined <= %(as_of)s
                       AND (m.date_left IS NULL OR m.date_left > %(as_of)s)
                )
                SELECT b.company_id, b.associations, COALESCE(c.clients, 0),
                       COALESCE(c.women, 0)
                  FROM (SELECT company_id, COUNT(*) AS associations
                          FROM associations GROUP BY company_id) b
             LEFT JOIN (SELECT mb.company_id, COUNT(*) AS clients,
                               COUNT(*) FILTER (WHERE p.promujer_gender = 'female') AS women
                          FROM members mb
                          JOIN res_partner p ON p.id = mb.partner_id
                      GROUP BY mb.company_id) c ON c.company_id = b.company_id
                """,
                as_of=as_of,
                companies=list(company_ids),
            )
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}
