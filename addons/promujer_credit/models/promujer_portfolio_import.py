# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import logging
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

import psycopg2

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import money, schedule
from ..tools import portfolio_import as parser
from .promujer_fields import can_field, entry_field

_logger = logging.getLogger(__name__)

FILE_SELECTION = [
    ("clients", "Clients"),
    ("groups", "Associations and groups"),
    ("loans", "Loans of the open cycles"),
    ("schedule", "Remaining schedules"),
    ("savings", "Savings balances"),
    ("internal", "Internal-account balances"),
    ("entry", "Opening entry"),
]
IMPORT_STATES = [
    ("draft", "Draft"),
    ("checked", "Checked"),
    ("queued", "Queued"),
    ("done", "Imported"),
    ("failed", "Failed"),
]
MANAGERS = ("promujer_credit.group_branch_manager",)


class PromujerPortfolioImport(models.Model):
    """A portfolio brought in mid-schedule from an institution's spreadsheets: the
    clients, associations and groups, the open cycles with each woman's loan and what
    she has paid, the savings and the internal accounts of one Focal Center, opened by
    one entry against the opening-balance account."""

    _name = "promujer.portfolio.import"
    _description = "Portfolio import"
    _inherit = ["mail.thread", "promujer.workflow.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _promujer_protected_fields = (
        "state",
        "move_id",
        "problem_ids",
        "summary",
        "queued_uid",
        "queued_date",
    )
    _promujer_action_states = {
        "check": ("draft", "checked", "failed"),
        "import": ("checked",),
        "queue": ("checked",),
    }
    _promujer_action_groups = {"check": MANAGERS, "import": MANAGERS, "queue": MANAGERS}

    name = fields.Char(required=True, default=lambda self: self.env._("Portfolio import"))
    company_id = fields.Many2one(
        "res.company",
        string="Focal Center",
        required=True,
        default=lambda self: self.env.company,
        domain="[('promujer_center_kind', '=', 'focal')]",
        tracking=True,
    )
    opening_date = fields.Date(required=True, tracking=True, help="The date of the opening entry.")
    officer_id = fields.Many2one(
        "hr.employee",
        string="Loan officer",
        check_company=True,
        help="The loan officer of the imported associations.",
    )
    state = fields.Selection(IMPORT_STATES, default="draft", required=True, tracking=True)
    clients_file = fields.Binary(attachment=True)
    clients_filename = fields.Char()
    groups_file = fields.Binary("Associations and groups file", attachment=True)
    groups_filename = fields.Char()
    loans_file = fields.Binary(attachment=True)
    loans_filename = fields.Char()
    schedule_file = fields.Binary(
        attachment=True,
        help="Optional: each woman's remaining installments; without it the schedule is "
        "derived from the product and what she paid.",
    )
    schedule_filename = fields.Char()
    savings_file = fields.Binary(attachment=True)
    savings_filename = fields.Char()
    internal_file = fields.Binary("Internal-account file", attachment=True)
    internal_filename = fields.Char()
    problem_ids = fields.One2many(
        "promujer.portfolio.import.problem", "import_id", string="Problems", readonly=True
    )
    problem_count = fields.Integer(compute="_compute_problem_count")
    summary = fields.Html(readonly=True)
    move_id = entry_field("Opening entry")
    queued_uid = fields.Many2one("res.users", string="Queued by", readonly=True, copy=False)
    queued_date = fields.Datetime("Queued on", readonly=True, copy=False)
    can_check = can_field()
    can_import = can_field()
    can_queue = can_field()

    @api.depends("problem_ids")
    def _compute_problem_count(self):
        for record in self:
            record.problem_count = len(record.problem_ids)

    def write(self, vals):
        # New files need a new dry run.
        files = {f"{file}_file" for file in parser.FILES}
        if files & set(vals) and not self.env.su:
            self.filtered(lambda r: r.state == "checked")._promujer_write({"state": "draft"})
        return super().write(vals)

    # ------------------------------------------------------------------ templates

    def action_template(self):
        """The XLSX template of the file named in the context (`promujer_file`): its header."""
        file = self.env.context.get("promujer_file")
        if file not in parser.FILES:
            raise UserError(self.env._("Unknown template."))
        import openpyxl  # noqa: PLC0415

        book = openpyxl.Workbook()
        book.active.title = file
        book.active.append(parser.header(file))
        out = io.BytesIO()
        book.save(out)
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{file}.xlsx",
                "datas": base64.b64encode(out.getvalue()),
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------ parsing

    def _parse(self):
        """(data, problems): the parsed records of each file, and every problem of the
        files and between them (file, row, column, message)."""
        self.ensure_one()
        digits = self.company_id.currency_id.decimal_places
        data, problems = {}, []
        for file in parser.FILES:
            content = self[f"{file}_file"]
            table = []
            if content:
                try:
                    table = parser.read_table(
                        self[f"{file}_filename"] or "", base64.b64decode(content)
                    )
                except Exception as error:  # noqa: BLE001 - any unreadable file is a problem
                    problems.append(
                        (file, 0, "", self.env._("the file cannot be read: %(error)s", error=error))
                    )
                    continue
            data[file], found = parser.parse_rows(file, table, digits)
            problems += found
        problems += parser.check_consistency(data)
        return data, [(*where, self._translate(message)) for *where, message in problems]

    def _translate(self, message):
        """A message of the parser in the user's language."""
        if isinstance(message, parser.Text):
            return self.env._(message.template, **message.params)
        return message

    def _products(self, data):
        """{product name or code in the file: product} for the branch."""
        names = {rec["product"] for rec in parser.valid(data, "loans")}
        products = (
            self.env["promujer.loan.product"]
            .sudo()
            .search(
                [
                    ("company_id", "in", (False, *self.company_id.parent_ids.ids)),
                    "|",
                    ("name", "in", list(names)),
                    ("code", "in", list(names)),
                ]
            )
        )
        found = {}
        for product in products:
            found.setdefault(product.code, product)
            found.setdefault(product.name, product)
        return {name: found[name] for name in names if name in found}

    def _get_database_problems(self, data):
        """What only the database sees: existing clients and associations, unknown
        products, amounts and terms outside the product's limits, dates, the entry."""
        self.ensure_one()
        problems = []
        ids = [rec["id_number"] for rec in parser.valid(data, "clients")]
        existing = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("promujer_national_id", "in", ids)])
        )
        known = set(existing.mapped("promujer_national_id"))
        for rec in parser.valid(data, "clients"):
            if rec["id_number"] in known:
                problems.append(
                    ("clients", rec["row"], "id_number", self.env._("she is already a client"))
                )
        names = {rec["association"] for rec in parser.valid(data, "groups")}
        taken = set(
            self.env["promujer.association"]
            .sudo()
            .with_context(active_test=False)
            .search([("company_id", "=", self.company_id.id), ("name", "in", list(names))])
            .mapped("name")
        )
        reported = set()
        for rec in parser.valid(data, "groups"):
            if rec["association"] in taken and rec["association"] not in reported:
                reported.add(rec["association"])
                problems.append(
                    (
                        "groups",
                        rec["row"],
                        "association",
                        self.env._("this association already exists"),
                    )
                )
        problems += self._get_loan_problems(data)
        problems += self._get_entry_problems(data)
        return problems

    def _get_loan_problems(self, data):
        products = self._products(data)
        schedules = defaultdict(list)
        for rec in parser.valid(data, "schedule"):
            schedules[rec["id_number"]].append(rec)
        problems = []
        for rec in parser.valid(data, "loans"):
            product = products.get(rec["product"])
            row = rec["row"]
            if not product:
                problems.append(("loans", row, "product", self.env._("no such loan product")))
                continue
            currency = product.currency_id
            if not currency.active:
                problems.append(
                    ("loans", row, "product", self.env._("the product's currency is inactive"))
                )
            amount = float(rec["amount"])
            if currency.compare_amounts(amount, product.min_amount) < 0:
                problems.append(("loans", row, "amount", self.env._("below the product's minimum")))
            elif currency.compare_amounts(amount, product.max_amount) > 0:
                problems.append(("loans", row, "amount", self.env._("above the product's maximum")))
            if not product.min_term_months <= rec["term_months"] <= product.max_term_months:
                problems.append(
                    ("loans", row, "term_months", self.env._("outside the product's terms"))
                )
            if rec["disbursement_date"] >= self.opening_date:
                problems.append(
                    ("loans", row, "disbursement_date", self.env._("not before the opening date"))
                )
            if rec["id_number"] in schedules:
                remaining = sum(line["principal"] for line in schedules[rec["id_number"]])
                if remaining + rec["principal_paid"] != rec["amount"]:
                    problems.append(
                        (
                            "loans",
                            row,
                            "principal_paid",
                            self.env._(
                                "what she paid and her remaining schedule do not add up to "
                                "the amount"
                            ),
                        )
                    )
                continue
            try:
                self._derived_schedule(rec, product, rec["disbursement_date"] + timedelta(days=7))
            except ValueError:
                problems.append(
                    (
                        "loans",
                        row,
                        "interest_paid",
                        self.env._("she paid more interest than the loan asks"),
                    )
                )
        return problems

    def _derived_schedule(self, rec, product, first_due_date, frequency="weekly"):
        """The schedule the product gives her loan, with what she paid on the first
        installments: [(line, principal paid, interest paid)]."""
        digits = product.currency_id.decimal_places
        lines = schedule.build_schedule(
            amount=rec["amount"],
            term_months=rec["term_months"],
            frequency=frequency,
            method=product.interest_method,
            monthly_rate=product.interest_rate,
            first_due_date=first_due_date,
            digits=digits,
        )
        paid = parser.mark_paid(
            [(line.principal, line.interest) for line in lines],
            money.quantize(rec["principal_paid"], digits),
            money.quantize(rec["interest_paid"], digits),
        )
        return list(zip(lines, paid, strict=True))

    def _entry_journal(self):
        return self.company_id._promujer_general_journal()

    def _opening_account(self):
        root = self.company_id._promujer_settings()
        return (
            self.env["account.chart.template"]
            .with_company(root)
            .sudo()
            .ref("promujer_account_opening", raise_if_not_found=False)
        )

    def _get_entry_problems(self, data):
        journal = self._entry_journal()
        problems = []
        if not journal:
            problems.append(("entry", 0, "", self.env._("the institution has no general journal")))
        if not self._opening_account():
            problems.append(
                ("entry", 0, "", self.env._("the chart has no opening-balance account PM3900"))
            )
        products = self._products(data)
        currencies = {p.currency_id for p in products.values()} | {self.company_id.currency_id}
        for currency in currencies:
            for message in self.company_id._promujer_entry_problems(
                self.opening_date, journal, currency
            ):
                problems.append(("entry", 0, "", message))
        return problems

    # ------------------------------------------------------------------ check

    def action_check(self):
        """The dry run: every problem by file, row and column; imports nothing."""
        return self._promujer_run("check")

    def _check_can_check(self):
        self._promujer_check_branch_manager(self.env._("run a"))
        self._promujer_check_write_state("check", self.env._("Checking"))

    def _do_check(self):
        for record in self:
            # The checks read the institution's products and clients of every branch.
            data, problems = record.sudo()._parse()
            problems += record.sudo()._get_database_problems(data)
            record._promujer_write(
                {
                    "problem_ids": [Command.clear()]
                    + [
                        Command.create(
                            {
                                "sequence": n,
                                "file": file,
                                "row": row,
                                "column": column,
                                "message": message,
                            }
                        )
                        for n, (file, row, column, message) in enumerate(problems)
                    ],
                    "state": "failed" if problems else "checked",
                    "summary": record._summary(data, problems),
                }
            )
            record._promujer_post(
                self.env._("Dry run: %(count)s problems.", count=len(problems))
                if problems
                else self.env._("Dry run: no problems, the portfolio can be imported.")
            )

    def _summary(self, data, problems):
        loans = parser.valid(data, "loans")
        lent = sum((rec["amount"] for rec in loans), Decimal(0))
        paid = sum((rec["principal_paid"] for rec in loans), Decimal(0))
        savings = sum((rec["balance"] for rec in parser.valid(data, "savings")), Decimal(0))
        return self.env._(
            "<p>%(clients)s clients, %(associations)s associations, %(loans)s loans; "
            "outstanding principal %(outstanding)s; savings %(savings)s; %(problems)s "
            "problems.</p>",
            clients=len(data.get("clients", [])),
            associations=len(
                {rec["association"] for rec in data.get("groups", []) if rec["association"]}
            ),
            loans=len(loans),
            outstanding=lent - paid,
            savings=savings,
            problems=len(problems),
        )

    # ------------------------------------------------------------------ import

    def action_import(self):
        """Create the portfolio; refused while the dry run finds any problem."""
        return self._promujer_run("import")

    def _check_can_import(self):
        self._promujer_check_branch_manager(self.env._("run a"))
        self._promujer_check_write_state("import", self.env._("Importing"))
        self._promujer_raise_problems(self.env._("This portfolio cannot be imported:"), "import")

    def _get_import_problems(self):
        self.ensure_one()
        data, problems = self.sudo()._parse()
        problems += self.sudo()._get_database_problems(data)
        return [
            self.env._(
                "%(file)s row %(row)s column %(column)s: %(message)s",
                file=file,
                row=row,
                column=column,
                message=message,
            )
            for file, row, column, message in problems
        ]

    def _do_import(self):
        for record in self:
            data, _problems = record.sudo()._parse()
            # One savepoint: an error leaves nothing of the portfolio behind.
            with self.env.cr.savepoint():
                move = record.sudo().with_company(record.company_id)._import(data)
            record._promujer_write({"state": "done", "move_id": move.id})
            record._promujer_post(
                self.env._("Portfolio imported; opening entry %(move)s.", move=move.name),
                # Imported in the background: the user who queued it is told.
                partner_ids=record.queued_uid.partner_id.ids,
            )

    # ------------------------------------------------------------------ in the background

    def action_queue(self):
        """Import in the background (large files): the same checks as the import, then the
        scheduled action *run the queued portfolio imports* imports it, one import per
        transaction, and tells the user who queued it in the chatter."""
        return self._promujer_run("queue")

    def _check_can_queue(self):
        self._check_can_import()

    def _do_queue(self):
        self._promujer_write(
            {"state": "queued", "queued_uid": self.env.uid, "queued_date": fields.Datetime.now()}
        )
        self._promujer_post(self.env._("Queued: the import runs in the background."))
        self.env.ref("promujer_credit.ir_cron_portfolio_import")._trigger()

    @api.model
    def _cron_run_queued(self):
        """One queued import per call, in its own transaction (the scheduler commits
        between calls and calls again while some remain): it imports as the user who
        queued it, after the dry run again; a problem or an error sends it back to
        *Failed* with the reason, and nothing of it stays."""
        queued = self.sudo().search([("state", "=", "queued")], order="queued_date, id")
        if not queued:
            return
        record = queued[0]
        user = record.queued_uid or self.env.user
        record = record.with_user(user).with_company(record.company_id)
        try:
            with self.env.cr.savepoint():
                record._promujer_write({"state": "checked"})
                record._promujer_run("import")
        except (UserError, ValidationError, psycopg2.Error) as error:
            record._promujer_fail_queued(str(error))
        self.env["ir.cron"]._notify_progress(done=1, remaining=len(queued) - 1)

    def _promujer_fail_queued(self, reason):
        self.sudo().write(
            {
                "state": "failed",
                "problem_ids": [
                    Command.create({"sequence": 0, "file": "entry", "row": 0, "message": reason})
                ],
            }
        )
        self._promujer_post(
            self.env._(
                "The background import failed; nothing was imported: %(reason)s", reason=reason
            ),
            partner_ids=self.queued_uid.partner_id.ids,
        )
