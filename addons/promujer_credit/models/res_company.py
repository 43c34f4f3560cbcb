# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import arrears
from .promujer_fields import account_field, journal_field
from .promujer_officer_assignment import CHANGE_DATE_KEY

CENTER_KINDS = [
    ("region", "Regional office"),
    ("focal", "Focal Center"),
    ("neighborhood", "Neighborhood center"),
]


def entry_line(account, partner, amount, name):
    """A line of `ResCompany._promujer_entry_vals`: `amount` (in the entry's currency;
    positive: a debit) on `account`, for `partner` (may be empty), labelled `name`."""
    return {
        "account_id": account.id,
        "partner_id": partner.id,
        "name": name,
        "amount_currency": amount,
    }


class ResCompany(models.Model):
    """Branches of the institution are Odoo company branches.

    The company is the institution (Pro Mujer Bolivia); its branches are the regional
    offices, and theirs the Focal Centers and neighborhood centers.
    """

    _inherit = "res.company"

    promujer_center_kind = fields.Selection(
        CENTER_KINDS,
        string="Center kind",
        help="Regional office, Focal Center (a branch that concentrates clients and gives "
        "every service) or neighborhood center (which consolidates into a Focal Center).",
    )
    promujer_consolidation_date = fields.Date(
        string="Consolidated on",
        readonly=True,
        copy=False,
        help="Date on which this neighborhood center was consolidated into a Focal Center.",
    )
    promujer_history_ids = fields.One2many(
        "promujer.branch.history", "company_id", string="Branch history"
    )
    promujer_region_id = fields.Many2one(
        "res.company",
        string="Regional office",
        compute="_compute_promujer_region_id",
        store=True,
        recursive=True,
        help="The regional office this center belongs to.",
    )

    promujer_manager_id = fields.Many2one(
        "hr.employee",
        string="Branch manager",
        help="The branch manager who approves this branch's loan cycles. Without one, any "
        "user with the Branch Manager role in this branch is asked.",
    )

    # Size rules of the methodology (settings of the institution, read on its root company).
    promujer_assoc_min_members = fields.Integer("Minimum members per association", default=25)
    promujer_assoc_max_members = fields.Integer("Maximum members per association", default=30)
    promujer_assoc_min_groups = fields.Integer(
        "Minimum solidarity groups per association", default=5
    )
    promujer_assoc_max_groups = fields.Integer(
        "Maximum solidarity groups per association", default=6
    )
    promujer_group_min_members = fields.Integer("Minimum members per solidarity group", default=4)
    promujer_group_max_members = fields.Integer("Maximum members per solidarity group", default=6)

    # Repayment meetings (settings of the institution).
    promujer_allocation_order = fields.Selection(
        [
            ("penalty,interest,principal", "Penalty, interest, principal"),
            ("interest,penalty,principal", "Interest, penalty, principal"),
            ("interest,principal,penalty", "Interest, principal, penalty"),
        ],
        string="Allocation of payments",
        default="penalty,interest,principal",
        required=True,
    )
    promujer_allocation_per_installment = fields.Boolean(
        "Oldest installment first",
        default=True,
        help="Pay each installment in full, oldest first; otherwise pay the first component "
        "(e.g. penalties) of every installment before the next component.",
    )
    promujer_overpayment = fields.Selection(
        [("prepay", "Prepay the next installments"), ("savings", "Voluntary savings")],
        string="Overpayments",
        default="prepay",
        required=True,
    )
    promujer_cover_source = fields.Selection(
        [("savings", "From the savings of those who cover"), ("cash", "In cash")],
        string="Joint liability covers",
        default="savings",
        required=True,
    )
    promujer_penalty_rate = fields.Float(
        "Late penalty (% of the installment)",
        default=0.0,
        help="Charged once on an installment that is late beyond the grace days; 0 for none.",
    )
    promujer_penalty_grace_days = fields.Integer("Penalty grace days", default=0)
    # Consolidation, write-off and provisioning.
    promujer_consolidation_cycles = fields.Integer("Cycles before consolidation", default=3)
    promujer_consolidation_max_days_late = fields.Integer(
        "Arrears allowed before consolidation (days)", default=7
    )
    promujer_writeoff_min_days = fields.Integer("Write off after (days late)", default=180)
    promujer_rescheduled_min_provision = fields.Float(
        "Minimum provision of rescheduled loans (%)", default=25.0
    )
    promujer_provision_bucket_ids = fields.One2many(
        "promujer.provision.bucket", "company_id", string="Provisioning buckets"
    )
    promujer_allowance_account_id = account_field("Loan-loss allowance account")
    promujer_provision_expense_account_id = account_field("Provision expense account")
    promujer_recovery_account_id = account_field("Recoveries income account")
    promujer_provision_journal_id = journal_field("Provisioning and write-off journal")
    # Accrued interest (docs/accounting.md).
    promujer_interest_basis = fields.Selection(
        [("accrual", "Accrual basis"), ("cash", "Cash basis")],
        string="Interest income",
        default="accrual",
        required=True,
        help="Accrual basis: at each month end the interest earned and not yet paid on "
        "performing loans is booked as income (and reversed on the 1st). Cash basis: "
        "interest is income when paid only.",
    )
    promujer_non_accrual_days = fields.Integer(
        "Stop accruing after (days late)",
        default=90,
        help="Loans more days late than this earn no accrued interest (non-accrual).",
    )
    promujer_accrued_interest_account_id = account_field("Accrued interest receivable account")
    # Memorandum (off-balance) accounts of what reschedulings write off (docs/accounting.md).
    promujer_forgiven_interest_account_id = account_field("Forgiven interest account")
    promujer_forgiven_penalty_account_id = account_field("Forgiven penalties account")
    promujer_forgiven_contra_account_id = account_field(
        "Forgiven interest and penalties contra account"
    )
    # Bad input: entry dates and amounts the suite refuses.
    promujer_entry_min_date = fields.Date(
        "Earliest entry date",
        default=datetime.date(1990, 1, 1),
        help="No entry of the suite is dated before this day (the institution's first "
        "books), lock dates apart.",
    )
    promujer_entry_days_ahead = fields.Integer(
        "Entries dated ahead (days)",
        default=31,
        help="How many days after today an entry of the suite may be dated.",
    )
    promujer_voluntary_ceiling = fields.Monetary(
        "Most voluntary savings per deposit",
        currency_field="currency_id",
        default=7000.0,
        help="The most a woman may pay beyond what she owes, or deposit as voluntary "
        "savings, at one meeting or one deposit (in the company's currency, converted to "
        "the loan's). Beyond it the amount is refused as a typing error.",
    )

    @api.constrains(
        "promujer_assoc_min_members",
        "promujer_assoc_max_members",
        "promujer_assoc_min_groups",
        "promujer_assoc_max_groups",
        "promujer_group_min_members",
        "promujer_group_max_members",
    )
    def _check_promujer_size_rules(self):
        for company in self:
            for low, high in (
                ("promujer_assoc_min_members", "promujer_assoc_max_members"),
                ("promujer_assoc_min_groups", "promujer_assoc_max_groups"),
                ("promujer_group_min_members", "promujer_group_max_members"),
            ):
                if company[low] < 1 or company[high] < company[low]:
                    raise ValidationError(
                        self.env._(
                            "Size rules: %(low)s must be at least 1 and %(high)s not below it.",
                            low=self._promujer_field_label(low),
                            high=self._promujer_field_label(high),
                        )
                    )

    @api.constrains("promujer_non_accrual_days")
    def _check_promujer_non_accrual_days(self):
        if any(company.promujer_non_accrual_days < 0 for company in self):
            raise ValidationError(
                self.env._("Loans stop accruing after a number of days late: 0 or more.")
            )

    @api.depends("promujer_center_kind", "parent_id", "parent_id.promujer_region_id")
    def _compute_promujer_region_id(self):
        for company in self:
            if company.promujer_center_kind == "region":
                company.promujer_region_id = company
            else:
                company.promujer_region_id = company.parent_id.promujer_region_id

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        centers = companies.filtered("promujer_center_kind")
        if centers:
            date = self.env.context.get(CHANGE_DATE_KEY)
            self.env["promujer.branch.history"]._promujer_record_initial(
                centers, fields.Date.to_date(date) if date else fields.Date.context_today(self)
            )
        return companies

    def write(self, vals):
        # Odoo refuses to change a company's parent: a center changes only its kind.
        if "promujer_center_kind" not in vals or self.env.context.get("promujer_no_branch_history"):
            return super().write(vals)
        History = self.env["promujer.branch.history"]
        # A regional office that is one no more changes the region of the centers under it.
        moved = self.sudo().search([("id", "child_of", self.ids)])
        before = History._promujer_snapshot(moved)
        result = super().write(vals)
        History._promujer_record(before)
        return result

    def action_promujer_consolidate(self, consolidation_date=None):
        """Consolidate neighborhood centers into Focal Centers on `consolidation_date`
        (the day of the action from the form)."""
        self._check_can_promujer_consolidate()
        date = fields.Date.to_date(consolidation_date) or fields.Date.context_today(self)
        History = self.env["promujer.branch.history"]
        before = History._promujer_snapshot(self)
        # Companies are written by the settings administrators only; the right to
        # consolidate a center is the credit administrator's, checked above.
        self.sudo().with_context(promujer_no_branch_history=True).write(
            {"promujer_center_kind": "focal", "promujer_consolidation_date": date}
        )
        History._promujer_record(before, change="consolidation", date=date)
        for company in self:
            company.partner_id.sudo().message_post(
                body=self.env._(
                    "%(center)s was consolidated from a neighborhood center into a Focal "
                    "Center on %(date)s.",
                    center=company.name,
                    date=self._promujer_date(date),
                )
            )
        return True

    def action_promujer_view_history(self):
        return self._promujer_list_action(
            "promujer_credit.promujer_branch_history_action", "company_id", default=False
        )

    def _check_can_promujer_consolidate(self):
        if not self.env.user.has_group("promujer_credit.group_credit_admin"):
            raise UserError(
                self.env._("Only a credit administrator can consolidate a neighborhood center.")
            )
        wrong = self.filtered(lambda c: c.promujer_center_kind != "neighborhood")
        wrong._promujer_refuse_naming(
            self.env._(
                "Only neighborhood centers can be consolidated into Focal Centers; "
                "these are not: %(names)s."
            ),
            "names",
            "name",
        )

    @api.model
    def _promujer_load_chart(self, company_ids):
        """Load the Bolivian chart of accounts (l10n_bo) when it is installed, else Odoo's
        generic chart, on companies that have none yet (used by the demo data)."""
        template = self.env["account.chart.template"]
        # The Bolivian chart when its module is installed: the demo must not install a
        # module while its own module installs (Odoo refuses, and the demo is lost).
        bolivian = template._get_chart_template_mapping().get("bo", {})
        code = "bo" if bolivian.get("installed") else "generic_coa"
        for company in self.browse(company_ids):
            if not company.chart_template:
                currency = company.currency_id
                # try_loading() warns while modules are being installed; the demo data
                # is loaded after every chart extension the suite depends on.
                template._load(code, company, install_demo=False)
                # The generic chart sets its own currency: the institution keeps its own.
                if company.currency_id != currency:
                    company.currency_id = currency
        return True

    def _promujer_lock_date_problem(self, date, journal):
        """Why an entry of this branch dated `date` cannot be posted, per Odoo's lock dates
        (Odoo itself would silently move it to the next open date)."""
        self.ensure_one()
        # Staff who are not accountants may not read journals; the check is theirs too.
        locks = self.sudo()._get_violated_lock_dates(date, False, journal.sudo())
        if not locks:
            return False
        return self.env._(
            "%(date)s is in a closed period: %(locks)s",
            date=self._promujer_date(date),
            locks=self.env["res.company"]._format_lock_dates(locks),
        )

    def _promujer_entry_problems(self, date, journal, currency=None):
        """Why an entry of this branch dated `date` in `currency` cannot be posted: lock
        dates, dates outside the institution's window, a currency that is inactive or
        has no rate on that day. Empty when it can."""
        self.ensure_one()
        problems = []
        if not date:
            return [self.env._("the entry has no date")]
        locked = self._promujer_lock_date_problem(date, journal)
        if locked:
            problems.append(locked)
        settings = self._promujer_settings()
        if settings.promujer_entry_min_date and date < settings.promujer_entry_min_date:
            problems.append(
                self.env._(
                    "%(date)s is before %(min)s, the earliest date of the institution's books",
                    date=self._promujer_date(date),
                    min=self._promujer_date(settings.promujer_entry_min_date),
                )
            )
        latest = fields.Date.context_today(self) + datetime.timedelta(
            days=max(settings.promujer_entry_days_ahead, 0)
        )
        if date > latest:
            problems.append(
                self.env._(
                    "%(date)s is more than %(days)s days ahead of today",
                    date=self._promujer_date(date),
                    days=settings.promujer_entry_days_ahead,
                )
            )
        if currency:
            problems += self._promujer_currency_problems(currency, date)
        return problems

    def _promujer_currency_problems(self, currency, date):
        self.ensure_one()
        currency = currency.sudo()
        if not currency.active:
            return [
                self.env._(
                    "the currency %(currency)s is not active; activate it and record its "
                    "rates in Accounting > Configuration > Currencies",
                    currency=currency.name,
                )
            ]
        if currency == self.currency_id:
            return []
        rate = (
            self.env["res.currency.rate"]
            .sudo()
            .search(
                [
                    ("currency_id", "=", currency.id),
                    ("company_id", "in", (False, self.root_id.id)),
                    ("name", "<=", date),
                ],
                limit=1,
            )
        )
        if not rate:
            return [
                self.env._(
                    "there is no exchange rate of %(currency)s on or before %(date)s; "
                    "record one in Accounting > Configuration > Currencies",
                    currency=currency.name,
                    date=self._promujer_date(date),
                )
            ]
        return []

    def _promujer_voluntary_ceiling(self, currency, date):
        """The voluntary-savings ceiling of the institution in `currency`."""
        self.ensure_one()
        root = self._promujer_settings()
        return root.currency_id._convert(
            root.promujer_voluntary_ceiling, currency, root, date or fields.Date.today()
        )

    def _promujer_settings(self):
        """The institution's settings, read on the root company whichever branch asks."""
        return self.root_id.sudo()

    def _promujer_tz(self):
        """The institution's timezone: that of the root company's working hours (the
        Microfinance setting), else the user's."""
        root = self._promujer_settings()[:1] or self.env.company._promujer_settings()
        return root.resource_calendar_id.tz or self.env.context.get("tz") or self.env.user.tz

    def _promujer_today(self):
        """Today in the institution's timezone. The scheduled actions take their date
        from it: they run as OdooBot, whose timezone (Europe/Brussels in Odoo's data) is
        rarely the institution's, and would start Bolivia's day five hours early."""
        return fields.Date.context_today(self.with_context(tz=self._promujer_tz()))

    def _promujer_by_today(self):
        """{today in their institution's timezone: companies} of these companies: what a
        scheduled action does as of today, it does for each group."""
        return self.grouped(lambda company: company._promujer_today())

    def _promujer_account(self, field, xmlid):
        """The account configured in `field` on the root company, else the suite's
        default account of the chart."""
        root = self._promujer_settings()
        return root[field] or root.env["account.chart.template"].with_company(root).ref(
            xmlid, raise_if_not_found=False
        )

    def _promujer_general_journal(self):
        root = self._promujer_settings()
        return root.promujer_provision_journal_id or self.env["account.journal"].sudo().search(
            [*self.env["account.journal"]._check_company_domain(root), ("type", "=", "general")],
            limit=1,
        )

    def _promujer_provision_buckets(self):
        """The institution's buckets as (min_days, max_days or None, percent) tuples,
        the defaults of tools/arrears.py (DEFAULT_PROVISION_BUCKETS) when none are
        configured."""
        root = self._promujer_settings()
        if not root.promujer_provision_bucket_ids:
            return arrears.DEFAULT_PROVISION_BUCKETS
        return tuple(
            (b.min_days, b.max_days or None, b.rate)
            for b in root.promujer_provision_bucket_ids.sorted("min_days")
        )

    def _promujer_entry_vals(self, journal, date, ref, currency, lines, counterpart, origin=None):
        """The values of a balanced journal entry of this branch.

        `lines` are dicts with account_id, name, amount_currency (in `currency`) and
        optionally partner_id; `counterpart` (account_id, name, partner_id) is the line
        that balances them, typically cash or bank. Every line is converted at the day's
        rate and the counterpart takes the rounding, so that the entry balances in the
        company's currency too. `origin` is the record whose action books the entry: the
        entry points back to it, and only it may reverse the entry."""
        self.ensure_one()
        company_currency = self.currency_id
        lines = [
            {**line, "currency_id": currency.id, "amount_currency": float(line["amount_currency"])}
            for line in lines
            if not currency.is_zero(float(line["amount_currency"]))
        ]
        for line in lines:
            line["balance"] = currency._convert(
                line["amount_currency"], company_currency, self, date
            )
        counterpart = {
            **counterpart,
            "currency_id": currency.id,
            "amount_currency": -currency.round(sum(line["amount_currency"] for line in lines)),
            "balance": -company_currency.round(sum(line["balance"] for line in lines)),
        }
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "company_id": self.id,
            "date": date,
            "ref": ref,
            "line_ids": [Command.create(vals) for vals in [counterpart, *lines]],
            **self.env["account.move"]._promujer_origin_vals(origin),
        }
