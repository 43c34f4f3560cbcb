# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.tools import LazyTranslate

from ..tools import money
from .promujer_fields import entry_field, parent_field

_lt = LazyTranslate(__name__)


class PromujerProvisionRun(models.Model):
    """The monthly loan-loss provisioning: the allowance the portfolio requires by days
    late, and one adjusting entry for the difference with the allowance already booked."""

    _name = "promujer.provision.run"
    _description = "Loan-loss provisioning run"
    _inherit = ["mail.thread", "promujer.workflow.mixin", "promujer.institution.mixin"]
    _order = "date desc, id desc"
    _promujer_protected_fields = (
        "state",
        "move_id",
        "line_ids",
        "portfolio",
        "required_total",
        "allowance_before",
        "adjustment",
    )
    _promujer_deletable_states = ("draft",)
    _promujer_kept_text = _lt("Posted provisioning runs are never deleted.")
    _promujer_frozen_fields = ("company_id", "date")
    _promujer_action_states = {"compute": ("draft",), "post": ("draft",)}
    _promujer_action_groups = {"post": ("account.group_account_invoice",)}
    _promujer_action_texts = {
        "post": (
            _lt("Only accountants post the provisioning."),
            _lt("These provisioning runs cannot be posted:"),
        )
    }

    name = fields.Char(compute="_compute_name", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("promujer.provision.run.line", "run_id", readonly=True)
    portfolio = fields.Monetary(readonly=True, help="Outstanding principal, company currency.")
    required_total = fields.Monetary("Required allowance", readonly=True)
    allowance_before = fields.Monetary("Allowance booked before", readonly=True)
    adjustment = fields.Monetary(readonly=True)
    move_id = entry_field()
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")], default="draft", required=True, tracking=True
    )

    @api.depends("company_id", "date")
    def _compute_name(self):
        for run in self:
            run.name = self.env._(
                "Provisioning %(company)s %(date)s", company=run.company_id.name, date=run.date
            )

    # ------------------------------------------------------------------ compute

    def action_compute(self):
        """Show what a post would book: whoever reads a draft run may refresh it."""
        return self._promujer_run("compute")

    def _check_can_compute(self):
        self.check_access("read")
        self._promujer_check_action_state("compute", self.env._("Computing the provisioning"))

    def _do_compute(self):
        for run in self:
            run._compute_requirement()

    def _compute_requirement(self):
        """Outstanding principal at the run's date by currency and provision bucket (the
        suite's one definition, `promujer.portfolio.figures`), converted to the company
        currency, times the rate of its bucket."""
        self.ensure_one()
        company = self.company_id
        currency = company.currency_id
        groups = self.env["promujer.portfolio.figures"]._provision_groups(
            self.date,
            self.env["res.company"].sudo().search([("id", "child_of", company.id)]).ids,
            company._promujer_provision_buckets(),
            company._promujer_settings().promujer_rescheduled_min_provision,
        )
        lines = {}
        for currency_id, low, high, rate, rescheduled, outstanding, count in groups:
            amount = (
                self.env["res.currency"]
                .browse(currency_id)
                ._convert(outstanding, currency, company, self.date)
            )
            required = money.quantize(
                money.to_decimal(amount) * money.to_decimal(rate) / 100, currency.decimal_places
            )
            line = lines.setdefault(
                (rescheduled, low),
                {
                    "min_days": low,
                    "max_days": high if high is not None else 0,
                    "rescheduled": rescheduled,
                    "rate": rate,
                    "loan_count": 0,
                    "outstanding": 0.0,
                    "required": 0.0,
                },
            )
            line["loan_count"] += count
            line["outstanding"] += amount
            line["required"] += float(required)
        lines = [lines[key] for key in sorted(lines)]
        allowance = company._promujer_account(
            "promujer_allowance_account_id", "promujer_account_allowance"
        )
        before = -self._booked_allowance(allowance)
        required = currency.round(sum(line["required"] for line in lines))
        self._promujer_write(
            {
                "line_ids": [Command.clear()] + [Command.create(line) for line in lines],
                "portfolio": currency.round(sum(line["outstanding"] for line in lines)),
                "required_total": required,
                "allowance_before": before,
                "adjustment": currency.round(required - before),
            }
        )

    def _booked_allowance(self, account):
        """Balance of the allowance account over the institution's companies at the date."""
        self.ensure_one()
        result = self.env["account.move.line"]._read_group(
            [
                ("account_id", "=", account.id),
                ("company_id", "child_of", self.company_id.id),
                ("parent_state", "=", "posted"),
                ("date", "<=", self.date),
            ],
            [],
            ["balance:sum"],
        )
        return result[0][0] or 0.0

    # ------------------------------------------------------------------ post

    def action_post(self):
        """Book the difference between the required and the booked allowance."""
        return self._promujer_run("post")

    def _get_post_problems(self):
        self.ensure_one()
        company = self.company_id
        journal = company._promujer_general_journal()
        return company._promujer_entry_problems(self.date, journal, company.currency_id)

    def _do_post(self):
        for run in self:
            run._compute_requirement()
            company = run.company_id
            # The entry points back to its run; none when there is nothing to adjust.
            adjusted = not company.currency_id.is_zero(run.adjustment)
            journal = company._promujer_general_journal()
            run._promujer_book_entries([run._prepare_move_vals(journal) if adjusted else None])
            run._promujer_post(
                self.env._(
                    "Required allowance %(required)s; booked %(before)s; adjustment %(adj)s.",
                    required=run.currency_id.format(run.required_total),
                    before=run.currency_id.format(run.allowance_before),
                    adj=run.currency_id.format(run.adjustment),
                )
            )

    def _prepare_move_vals(self, journal):
        self.ensure_one()
        company = self.company_id
        allowance = company._promujer_account(
            "promujer_allowance_account_id", "promujer_account_allowance"
        )
        expense = company._promujer_account(
            "promujer_provision_expense_account_id", "promujer_account_provision_expense"
        )
        label = self.env._("Loan-loss provision %(date)s", date=self.date)
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "company_id": company.id,
            "date": self.date,
            "ref": label,
            **self.env["account.move"]._promujer_origin_vals(self),
            "line_ids": [
                Command.create(
                    {"name": label, "account_id": expense.id, "balance": self.adjustment}
                ),
                Command.create(
                    {"name": label, "account_id": allowance.id, "balance": -self.adjustment}
                ),
            ],
        }

    @api.model
    def _cron_monthly_provisioning(self):
        """Post this month's provisioning for each institution that lends."""
        roots = (
            self.env["promujer.loan"]
            .search([("state", "in", ("active", "rescheduled"))])
            .company_id.root_id
        )
        for root in roots:
            today = root._promujer_today()
            run = self.search(
                [
                    ("company_id", "=", root.id),
                    ("state", "=", "posted"),
                    ("date", ">=", today.replace(day=1)),
                ],
                limit=1,
            )
            if not run:
                self.create({"company_id": root.id, "date": today}).action_post()
        return True


class PromujerProvisionRunLine(models.Model):
    _name = "promujer.provision.run.line"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Provisioning run bucket"
    _promujer_action_only = True
    _order = "run_id, rescheduled, min_days"

    run_id = parent_field("promujer.provision.run")
    currency_id = fields.Many2one(related="run_id.currency_id")
    min_days = fields.Integer("From (days late)")
    max_days = fields.Integer("To (days late)")
    rescheduled = fields.Boolean()
    rate = fields.Float("Provision (%)")
    loan_count = fields.Integer("Loans")
    outstanding = fields.Monetary()
    required = fields.Monetary()
