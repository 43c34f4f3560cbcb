# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.tools import SQL

from .promujer_fields import parent_field, reference_field

KINDS = [
    ("portfolio", "Loan portfolio: General Ledger against the installments"),
    ("savings", "Savings: General Ledger against the transactions"),
    ("loan_balance", "Loan balances against their installments"),
    ("savings_balance", "Savings balances against their transactions"),
]

# Loans whose principal is still in the portfolio account (a write-off takes it out).
PORTFOLIO_STATES = ("active", "rescheduled", "paid")


class PromujerLedgerCheck(models.Model):
    """The ledger tie-out: per branch and per woman, the portfolio and savings accounts
    of the General Ledger against the loans and the savings accounts.

    The daily scheduled action runs it; on any difference it asks the credit
    administrators to look, with the list. The generator and the tests use the same
    service (`_tie_out`)."""

    _name = "promujer.ledger.check"
    _description = "Ledger tie-out"
    _inherit = ["mail.thread", "mail.activity.mixin", "promujer.workflow.mixin"]
    _order = "date desc, id desc"
    _promujer_action_only = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = reference_field("res.company", string="Institution")
    date = fields.Datetime("Run on", required=True, default=fields.Datetime.now)
    state = fields.Selection(
        [("tied", "Ties"), ("differences", "Differences")], required=True, tracking=True
    )
    line_ids = fields.One2many("promujer.ledger.check.line", "check_id", string="Differences")
    difference_count = fields.Integer(compute="_compute_difference_count", store=True)
    summary = fields.Html(readonly=True)

    @api.depends("company_id", "date")
    def _compute_name(self):
        for check in self:
            # The hour it ran at the institution, not in UTC (the stored datetime).
            local = check.with_context(tz=check.company_id._promujer_tz())
            ran = fields.Datetime.context_timestamp(local, check.date) if check.date else None
            check.name = self.env._(
                "Ledger tie-out %(company)s %(date)s",
                company=check.company_id.name or "",
                date=ran.strftime("%Y-%m-%d %H:%M") if ran else "",
            )

    @api.depends("line_ids")
    def _compute_difference_count(self):
        for check in self:
            check.difference_count = len(check.line_ids)

    # ------------------------------------------------------------------ the service

    @api.model
    def _tie_out(self, root):
        """Compare the General Ledger with the sub-ledgers of the institution `root`.

        Returns (totals, differences): totals maps (kind, currency) to (ledger, suite);
        differences lists dicts with company_id, partner_id, currency_id, kind, ledger,
        suite for every branch, woman and currency whose figures differ. Amounts are in
        the loans' and savings' own currency (the entries carry it)."""
        root = root.sudo()
        self.env.flush_all()
        companies = self.env["res.company"].sudo().search([("id", "child_of", root.id)]).ids
        figures = defaultdict(lambda: [0.0, 0.0])  # (kind, company, partner, currency)
        self._add_ledger_figures(figures, root, companies)
        # The suite's side is read from the installments and the movements themselves,
        # and compared with the balances stored on the loans and savings accounts too.
        self._add_loan_figures(figures, companies)
        self._add_savings_figures(figures, companies)
        return self._compare(figures, root)

    def _add_ledger_figures(self, figures, root, companies):
        """The General Ledger's side: balances of the portfolio and savings accounts."""
        for kind, account_ids in self._tie_out_accounts(root).items():
            if not account_ids:
                continue
            sign = 1 if kind == "portfolio" else -1
            self.env.cr.execute(
                SQL(
                    """SELECT company_id, partner_id, currency_id, SUM(amount_currency)
                         FROM account_move_line
                        WHERE account_id = ANY(%s) AND parent_state = 'posted'
                          AND company_id = ANY(%s)
                     GROUP BY 1, 2, 3""",
                    account_ids,
                    companies,
                )
            )
            for company, partner, currency, amount in self.env.cr.fetchall():
                figures[(kind, company, partner, currency)][0] += sign * (amount or 0.0)

    def _add_loan_figures(self, figures, companies):
        self.env.cr.execute(
            SQL(
                """SELECT l.company_id, l.partner_id, l.currency_id,
                          SUM(i.principal_due - COALESCE(i.principal_paid, 0)),
                          l.id, MAX(l.principal_outstanding)
                     FROM promujer_loan l
                     JOIN promujer_loan_installment i ON i.loan_id = l.id
                    WHERE l.state = ANY(%s) AND l.company_id = ANY(%s)
                 GROUP BY l.id""",
                list(PORTFOLIO_STATES),
                companies,
            )
        )
        for company, partner, currency, owed, _loan, stored in self.env.cr.fetchall():
            figures[("portfolio", company, partner, currency)][1] += owed or 0.0
            figures[("loan_balance", company, partner, currency)][0] += stored or 0.0
            figures[("loan_balance", company, partner, currency)][1] += owed or 0.0

    def _add_savings_figures(self, figures, companies):
        # Every posted movement counts: one posted without its entry is a difference.
        self.env.cr.execute(
            SQL(
                """SELECT a.company_id, a.partner_id, a.currency_id,
                          COALESCE(SUM(t.amount) FILTER (WHERE t.state = 'posted'), 0),
                          MAX(a.balance)
                     FROM promujer_savings_account a
                LEFT JOIN promujer_savings_transaction t ON t.account_id = a.id
                    WHERE a.company_id = ANY(%s)
                 GROUP BY a.id""",
                companies,
            )
        )
        for company, partner, currency, saved, stored in self.env.cr.fetchall():
            figures[("savings", company, partner, currency)][1] += saved or 0.0
            figures[("savings_balance", company, partner, currency)][0] += stored or 0.0
            figures[("savings_balance", company, partner, currency)][1] += saved or 0.0

    def _compare(self, figures, root):
        """(totals, differences) of the figures, rounded to each currency."""
        currencies = {c.id: c for c in self.env["res.currency"].sudo().search([])}
        totals = defaultdict(lambda: [0.0, 0.0])
        differences = []
        for (kind, company, partner, currency_id), (ledger, suite) in figures.items():
            currency = currencies.get(currency_id) or root.currency_id
            ledger, suite = currency.round(ledger), currency.round(suite)
            totals[(kind, currency)][0] += ledger
            totals[(kind, currency)][1] += suite
            if currency.compare_amounts(ledger, suite):
                differences.append(
                    {
                        "kind": kind,
                        "company_id": company,
                        "partner_id": partner,
                        "currency_id": currency.id,
                        "ledger": ledger,
                        "suite": suite,
                    }
                )
        differences.sort(key=lambda d: (d["kind"], d["company_id"] or 0, d["partner_id"] or 0))
        return {key: tuple(value) for key, value in totals.items()}, differences

    @api.model
    def _tie_out_accounts(self, root):
        """The portfolio and savings accounts: those of the institution's loan products,
        and the suite's defaults of its chart."""
        products = (
            self.env["promujer.loan.product"]
            .sudo()
            .with_context(active_test=False)
            .search([("company_id", "in", (False, root.id))])
        )
        chart = self.env["account.chart.template"].with_company(root).sudo()
        portfolio = products.portfolio_account_id | chart.ref(
            "promujer_account_portfolio", raise_if_not_found=False
        )
        savings = products.savings_account_id | chart.ref(
            "promujer_account_savings", raise_if_not_found=False
        )
        return {"portfolio": portfolio.ids, "savings": savings.ids}

    # ------------------------------------------------------------------ runs

    @api.model
    def _run(self, roots=None):
        """Run the tie-out for each institution and record it; on differences, ask the
        credit administrators to look into them."""
        if roots is None:
            roots = self.env["res.company"].sudo().search([("parent_id", "=", False)])
        checks = self.browse()
        for root in roots:
            totals, differences = self._tie_out(root)
            check = self.sudo().create(
                {
                    "company_id": root.id,
                    "state": "differences" if differences else "tied",
                    "summary": self._summary(totals),
                    "line_ids": [Command.create(vals) for vals in differences],
                }
            )
            if differences:
                check._ask_credit_administrators()
            checks |= check
        return checks

    @api.model
    def _summary(self, totals):
        kinds = self.env["promujer.ledger.check.line"]._promujer_labels("kind")
        rows = Markup("").join(
            Markup(
                "<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td></tr>"
            )
            % (kinds[kind], currency.name, currency.format(ledger), currency.format(suite))
            for (kind, currency), (ledger, suite) in sorted(
                totals.items(), key=lambda item: (item[0][0], item[0][1].name)
            )
        )
        return Markup(
            "<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th>"
            "<th class='text-end'>%s</th><th class='text-end'>%s</th></tr></thead>"
            "<tbody>%s</tbody></table>"
        ) % (
            self.env._("What"),
            self.env._("Currency"),
            self.env._("General Ledger"),
            self.env._("Loans and savings"),
            rows,
        )

    def _ask_credit_administrators(self):
        """An activity for each credit administrator of the institution, listing the
        differences of the branches she is allowed in."""
        self.ensure_one()
        branches = self.company_id | self.line_ids.company_id
        admins = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref("promujer_credit.group_credit_admin").id),
                    ("company_ids", "in", branches.ids),
                    ("share", "=", False),
                    ("id", "!=", self.env.ref("base.user_root").id),
                ]
            )
        )
        for admin in admins:
            lines = self.line_ids.filtered(
                lambda line, a=admin: not line.company_id or line.company_id in a.company_ids
            )
            if lines:
                # Due today in the institution's timezone, not in OdooBot's (the cron's).
                tz = self.company_id._promujer_tz()
                self.sudo().with_context(tz=tz).activity_schedule(
                    "promujer_credit.mail_act_ledger_difference",
                    user_id=admin.id,
                    note=self._difference_note(lines),
                )

    def _difference_note(self, lines):
        listing = Markup("").join(Markup("<li>%s</li>") % line.display_name for line in lines[:50])
        more = len(lines) - 50
        return Markup("%s<ul>%s</ul>%s") % (
            self.env._(
                "The General Ledger and the loans or savings differ in %(count)s places:",
                count=len(lines),
            ),
            listing,
            self.env._("... and %(more)s more.", more=more) if more > 0 else "",
        )

    def action_run(self):
        """Run the tie-out now (menu button)."""
        self._promujer_check_group(
            ("promujer_credit.group_credit_admin", "account.group_account_invoice"),
            self.env._("Only credit administrators and accountants run the ledger tie-out."),
        )
        roots = self.env.user.company_ids.root_id
        checks = self._run(roots)
        one = {"form": True, "res_id": checks.id} if len(checks) == 1 else {}
        return self._promujer_action("promujer_credit.promujer_ledger_check_action", **one)

    @api.model
    def _cron_tie_out(self):
        self._run()
        return True


class PromujerLedgerCheckLine(models.Model):
    _name = "promujer.ledger.check.line"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Ledger tie-out difference"
    _order = "check_id, kind, company_id, partner_id"
    _promujer_action_only = True

    check_id = parent_field("promujer.ledger.check")
    kind = fields.Selection(KINDS, required=True)
    company_id = fields.Many2one("res.company", string="Branch")
    partner_id = fields.Many2one("res.partner", string="Member")
    currency_id = fields.Many2one("res.currency", required=True)
    ledger = fields.Monetary("General Ledger (or stored balance)")
    suite = fields.Monetary("Installments or movements")
    difference = fields.Monetary(compute="_compute_difference", store=True)

    @api.depends("ledger", "suite")
    def _compute_difference(self):
        for line in self:
            line.difference = line.ledger - line.suite

    @api.depends_context("lang")
    @api.depends("kind", "company_id", "partner_id", "difference")
    def _compute_display_name(self):
        kinds = self._promujer_labels("kind")
        for line in self:
            line.display_name = (
                f"{kinds.get(line.kind, '')}, {line.company_id.name or '-'}, "
                f"{line.partner_id.sudo().name or '-'}: "
                f"{line.currency_id.format(line.ledger)} / {line.currency_id.format(line.suite)}"
            )
