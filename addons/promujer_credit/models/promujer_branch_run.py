# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import logging

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from .promujer_fields import branch_field, can_field, entry_field, state_field
from .promujer_posted_mixin import POSTED_STATES

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

ACCOUNTANTS = ("account.group_account_invoice",)


class PromujerBranchRun(models.AbstractModel):
    """A branch's accounting run as of a date (the exchange revaluation, the interest
    accrual): an accountant computes it as a draft to see what it would book, posts it as
    one entry, or cancels it by reversing that entry; once posted it is never changed or
    deleted. A model says what it computes (`_compute_lines`) and books (`_book`), what
    stops it beyond its state (`_promujer_run_problems`, `_get_post_problems`,
    `_get_cancel_problems`) and its words (`_promujer_run_name`, `_promujer_kept_text`)."""

    _name = "promujer.branch.run"
    _description = "Branch accounting run"
    _inherit = ["mail.thread", "promujer.workflow.mixin"]
    _order = "date desc, id desc"
    _promujer_action_states = {
        "compute": ("draft",),
        "post": ("draft",),
        "cancel": ("posted",),
    }
    _promujer_action_groups = {"compute": ACCOUNTANTS, "post": ACCOUNTANTS, "cancel": ACCOUNTANTS}
    # The runs are named after their kind (_promujer_run_name): the refusals need not be.
    _promujer_action_texts = {
        "compute": (
            _lt("Only accountants compute branch accounting runs."),
            _lt("These branch accounting runs cannot be computed:"),
        ),
        "post": (
            _lt("Only accountants post branch accounting runs."),
            _lt("These branch accounting runs cannot be posted:"),
        ),
        "cancel": (
            _lt("Only accountants cancel branch accounting runs."),
            _lt("These branch accounting runs cannot be cancelled:"),
        ),
    }
    _promujer_deletable_states = ("draft",)
    _promujer_frozen_fields = ("company_id", "date")

    name = fields.Char(compute="_compute_name", store=True)
    company_id = branch_field(domain="[('id', 'in', allowed_company_ids)]")
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, tracking=True)
    move_id = entry_field()
    state = state_field(POSTED_STATES)
    can_compute = can_field()
    can_post = can_field()
    can_cancel = can_field()
    # The name of a run, with %(company)s and %(date)s: a LazyTranslate of each model.
    _promujer_run_name = None

    def _book(self):
        """Book the computed run (one record): its entry, its message in the chatter."""
        raise NotImplementedError

    def _promujer_run_problems(self):
        """What stops computing or posting the run beyond its state (the settings, the
        rates)."""
        return []

    @api.depends("company_id", "date")
    def _compute_name(self):
        template = self.env._(self._promujer_run_name)
        for run in self:
            run.name = template % {"company": run.company_id.name or "", "date": run.date or ""}

    def _promujer_rate_problems(self, currency_ids):
        """The currencies of `currency_ids` without a rate on the run's date."""
        self.ensure_one()
        currencies = self.env["res.currency"].sudo().browse(sorted(currency_ids))
        return [
            p for c in currencies for p in self.company_id._promujer_currency_problems(c, self.date)
        ]

    def _promujer_posted_count(self, company, domain):
        """How many posted runs of `company` match `domain`."""
        return self.search_count(
            [("company_id", "=", company.id), ("state", "=", "posted"), *domain]
        )

    def _promujer_run_move_vals(self, journal, label, lines):
        """The run's entry: `lines` (values of journal items) in `journal` on its date,
        pointing back to the run."""
        self.ensure_one()
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "company_id": self.company_id.id,
            "date": self.date,
            "ref": label,
            **self.env["account.move"]._promujer_origin_vals(self),
            "line_ids": [Command.create(vals) for vals in lines],
        }

    @api.model
    def _promujer_cron_date(self, today):
        """The date of the scheduled runs made on `today`: the last day of the previous
        month."""
        return today.replace(day=1) - datetime.timedelta(days=1)

    @api.model
    def _promujer_cron_done_domain(self, date):
        """The posted runs that make a scheduled run as of `date` needless: a run as of
        that date or later."""
        return [("date", ">=", date)]

    @api.model
    def _promujer_cron_runs(self, companies, date=None):
        """Post a run as of `date` for each of `companies` that has none done
        (`_promujer_cron_done_domain`), a branch at a time: a branch that cannot be posted
        (a closed period, a missing rate) is logged and left for an accountant; the others
        are posted. Without `date`, each branch's run is as of `_promujer_cron_date` of
        today in its institution's timezone (res.company._promujer_today)."""
        if date is None:
            runs = self.browse()
            for today, group in companies._promujer_by_today().items():
                runs |= self._promujer_cron_runs(group, self._promujer_cron_date(today))
            return runs
        runs = self.browse()
        done_domain = self._promujer_cron_done_domain(date)
        for company in companies:
            if self._promujer_posted_count(company, done_domain):
                continue
            try:
                with self.env.cr.savepoint():
                    run = self.create({"company_id": company.id, "date": date})
                    run.action_post()
                    runs |= run
            except UserError as error:
                _logger.warning("%s of %s on %s: %s", self._description, company.name, date, error)
        return runs

    # ------------------------------------------------------------------ actions

    def action_compute(self):
        """Show what a post would book, without booking it."""
        return self._promujer_run("compute")

    def _get_compute_problems(self):
        self.ensure_one()
        return self._promujer_run_problems()

    def _do_compute(self):
        for run in self:
            run._promujer_write(run._compute_lines())

    def action_post(self):
        """Compute the run again and book it (`_book`)."""
        return self._promujer_run("post")

    def _do_post(self):
        for run in self:
            run._do_compute()
            run._book()

    def action_cancel(self):
        return self._promujer_run("cancel")
