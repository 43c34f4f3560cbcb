# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import schedule

LOAN_STATES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("paid", "Paid"),
    ("written_off", "Written off"),
    ("rescheduled", "Rescheduled"),
    ("cancelled", "Cancelled"),
]

# A woman's previous loans: those that were disbursed to her.
DISBURSED_STATES = ("active", "paid", "written_off", "rescheduled")

# What the loan officer may not change once the cycle left the draft state.
FROZEN_FIELDS = {"partner_id", "amount", "cycle_id"}


class PromujerLoan(models.Model):
    """One member's loan inside an association's loan cycle."""

    _name = "promujer.loan"
    _description = "Member loan"
    _inherit = ["mail.thread", "promujer.workflow.mixin"]
    _order = "cycle_id desc, group_id, partner_id"
    _check_company_auto = True
    _promujer_protected_fields = (
        "state",
        "member_cycle_number",
        "installment_ids",
        "installment_count",
        "principal_outstanding",
        "interest_outstanding",
        "interest_total",
        "principal_paid",
        "maturity_date",
        "days_late",
        "max_days_late",
        "reschedule_count",
        "rescheduled_date",
        "write_off_date",
        "write_off_amount",
        "write_off_move_id",
        "recovery_ids",
        "recovered_amount",
    )

    name = fields.Char(compute="_compute_name", store=True)
    cycle_id = fields.Many2one(
        "promujer.loan.cycle", required=True, index=True, ondelete="cascade", check_company=True
    )
    association_id = fields.Many2one(
        related="cycle_id.association_id", store=True, index=True, string="Association"
    )
    company_id = fields.Many2one(
        related="cycle_id.company_id", store=True, index=True, string="Focal Center"
    )
    officer_id = fields.Many2one(related="cycle_id.officer_id", store=True, string="Loan officer")
    product_id = fields.Many2one(related="cycle_id.product_id", store=True)
    currency_id = fields.Many2one(related="cycle_id.currency_id", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        tracking=True,
        domain="[('id', 'in', allowed_partner_ids)]",
    )
    allowed_partner_ids = fields.Many2many(related="cycle_id.association_id.member_ids")
    group_id = fields.Many2one(
        "promujer.solidarity.group",
        string="Solidarity group",
        compute="_compute_group_id",
        store=True,
        index=True,
    )
    amount = fields.Monetary(tracking=True)
    member_cycle_number = fields.Integer(
        "Member cycle", readonly=True, copy=False, help="This is the woman's Nth loan."
    )
    member_cycle = fields.Integer(
        "Her cycle",
        compute="_compute_ladder",
        help="Her Nth loan: the number she will have when the cycle is submitted.",
    )
    max_amount = fields.Monetary(
        "Most for her cycle",
        compute="_compute_ladder",
        help="The most the product's ladder lends in her cycle.",
    )
    disbursement_date = fields.Date(related="cycle_id.disbursement_date", store=True)
    installment_ids = fields.One2many(
        "promujer.loan.installment", "loan_id", string="Installments", copy=False
    )
    installment_count = fields.Integer(compute="_compute_balances", store=True)
    principal_outstanding = fields.Monetary(compute="_compute_balances", store=True)
    interest_outstanding = fields.Monetary(compute="_compute_balances", store=True)
    interest_total = fields.Monetary(compute="_compute_balances", store=True)
    principal_paid = fields.Monetary(compute="_compute_balances", store=True)
    maturity_date = fields.Date(compute="_compute_balances", store=True)
    days_late = fields.Integer(
        readonly=True,
        copy=False,
        help="Days since the oldest installment due and not fully paid (updated daily).",
    )
    max_days_late = fields.Integer(
        readonly=True, copy=False, help="The most days late this loan has ever been."
    )
    state = fields.Selection(
        LOAN_STATES, default="draft", required=True, tracking=True, copy=False, index=True
    )
    reschedule_count = fields.Integer(readonly=True, copy=False, tracking=True)
    rescheduled_date = fields.Date(readonly=True, copy=False, tracking=True)
    write_off_date = fields.Date(readonly=True, copy=False, tracking=True)
    write_off_amount = fields.Monetary(readonly=True, copy=False, tracking=True)
    write_off_move_id = fields.Many2one("account.move", readonly=True, copy=False, tracking=True)
    recovery_ids = fields.One2many("promujer.loan.recovery", "loan_id", readonly=True)
    recovered_amount = fields.Monetary(compute="_compute_recovered_amount", store=True)

    _sql_constraints = [
        (
            "partner_cycle_unique",
            "unique(cycle_id, partner_id)",
            "A woman has one loan per cycle.",
        ),
        ("amount_not_negative", "CHECK(amount >= 0)", "A loan amount cannot be negative."),
    ]

    @api.depends("cycle_id.name", "partner_id.name")
    def _compute_name(self):
        for loan in self:
            loan.name = f"{loan.cycle_id.name or ''} - {loan.partner_id.name or ''}"

    @api.depends("partner_id", "cycle_id.association_id.group_ids.member_ids")
    def _compute_group_id(self):
        for loan in self:
            groups = loan.cycle_id.association_id.group_ids.filtered(
                lambda g, p=loan.partner_id: g.active and p in g.member_ids
            )
            loan.group_id = groups[:1]

    @api.depends(
        "installment_ids.principal_due",
        "installment_ids.principal_paid",
        "installment_ids.interest_due",
        "installment_ids.interest_paid",
        "installment_ids.due_date",
    )
    def _compute_balances(self):
        for loan in self:
            lines = loan.installment_ids
            loan.installment_count = len(lines)
            loan.principal_paid = sum(lines.mapped("principal_paid"))
            loan.principal_outstanding = sum(lines.mapped("principal_due")) - loan.principal_paid
            loan.interest_total = sum(lines.mapped("interest_due"))
            loan.interest_outstanding = loan.interest_total - sum(lines.mapped("interest_paid"))
            loan.maturity_date = max(lines.mapped("due_date")) if lines else False

    @api.depends("partner_id", "cycle_id.product_id", "member_cycle_number")
    def _compute_ladder(self):
        numbers = self.filtered(lambda loan: not loan.member_cycle_number)._member_cycle_numbers()
        for loan in self:
            number = loan.member_cycle_number or numbers.get(loan, 1)
            loan.member_cycle = number
            product = loan.cycle_id.product_id
            loan.max_amount = product._max_amount_for_cycle(number) if product else 0.0

    @api.depends("recovery_ids.amount", "recovery_ids.state")
    def _compute_recovered_amount(self):
        for loan in self:
            loan.recovered_amount = sum(
                loan.recovery_ids.filtered(lambda r: r.state == "posted").mapped("amount")
            )

    def _is_repaid(self):
        """Nothing left to pay: principal, interest and penalties."""
        self.ensure_one()
        residual = sum(self.installment_ids.mapped("amount_residual"))
        return self.state != "draft" and self.currency_id.is_zero(residual)

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        loans = super().create(vals_list)
        if not self.env.su:
            locked = loans.filtered(lambda loan: loan.cycle_id.state != "draft")
            if locked:
                raise UserError(
                    self.env._(
                        "Member loans are added to draft cycles only: %(cycles)s left the "
                        "draft state.",
                        cycles=", ".join(locked.cycle_id.mapped("name")),
                    )
                )
        return loans

    def write(self, vals):
        frozen = FROZEN_FIELDS & set(vals)
        if frozen:
            locked = self.filtered(lambda loan: loan.cycle_id.state != "draft")
            if locked:
                raise UserError(
                    self.env._(
                        "The loans %(loans)s belong to a cycle that was submitted: their "
                        "member and amount can no longer change.",
                        loans=", ".join(locked.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        locked = self.filtered(lambda loan: loan.cycle_id.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "Loans of a submitted cycle cannot be deleted: %(loans)s.",
                    loans=", ".join(locked.mapped("name")),
                )
            )

    # ------------------------------------------------------------------ logic

    def _member_cycle_numbers(self):
        """{loan: the woman's Nth loan}, counting her loans disbursed before it. Reads
        only: checks use it, `_write_member_cycle_numbers` stores it."""
        previous = dict(
            self.env["promujer.loan"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("state", "in", DISBURSED_STATES),
                    ("id", "not in", self._origin.ids),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        return {loan: previous.get(loan.partner_id.sudo(), 0) + 1 for loan in self}

    def _write_member_cycle_numbers(self):
        numbers = self._member_cycle_numbers()
        for number in set(numbers.values()):
            self.filtered(lambda loan, n=number: numbers[loan] == n)._promujer_write(
                {"member_cycle_number": number}
            )

    @api.model
    def _default_amounts(self, partners, product):
        """What the officer's grid proposes for each woman: her last loan, else the
        ladder's first step (the most of a first loan). One search for the batch."""
        first = product._max_amount_for_cycle(1) if product else 0.0
        last = {}
        for loan in self.sudo().search(
            [("partner_id", "in", partners.ids), ("state", "in", DISBURSED_STATES)],
            order="id desc",
        ):
            last.setdefault(loan.partner_id.id, loan.amount)
        return {partner: last.get(partner.id) or first for partner in partners}

    def _get_sequential_problems(self):
        """Loans are sequential: a woman with an active loan in another cycle (of any
        branch) does not borrow again until it is repaid."""
        busy = (
            self.env["promujer.loan"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("state", "in", ("active", "rescheduled")),
                    ("cycle_id", "not in", self.cycle_id._origin.ids),
                ]
            )
        )
        if not busy:
            return []
        return [
            self.env._(
                "loans are sequential, and these members still have an active loan: %(names)s",
                names=", ".join(busy.partner_id.mapped("name")),
            )
        ]

    def _get_amount_problems(self, term_months, numbers=None):
        """Why these loans break their product's range or ladder (one text per loan);
        `numbers` gives each loan's member cycle (the stored one by default)."""
        problems = []
        for loan in self:
            number = (numbers or {}).get(loan) or loan.member_cycle_number or 1
            product = loan.cycle_id.product_id
            ceiling = product._max_amount_for_cycle(number)
            currency = loan.currency_id
            if currency.compare_amounts(loan.amount, product.min_amount) < 0:
                problems.append(
                    self.env._(
                        "%(woman)s: %(amount)s is below the product's minimum %(min)s",
                        woman=loan.partner_id.name,
                        amount=currency.format(loan.amount),
                        min=currency.format(product.min_amount),
                    )
                )
            elif currency.compare_amounts(loan.amount, ceiling) > 0:
                problems.append(
                    self.env._(
                        "%(woman)s: %(amount)s is above %(max)s, the most for her loan "
                        "number %(number)s",
                        woman=loan.partner_id.name,
                        amount=currency.format(loan.amount),
                        max=currency.format(ceiling),
                        number=number,
                    )
                )
        return problems

    def _prepare_installment_vals(self):
        """The schedule of each loan, from the plain-Python schedule math."""
        vals_list = []
        for loan in self:
            cycle = loan.cycle_id
            lines = schedule.build_schedule(
                amount=loan.amount,
                term_months=cycle.term_months,
                frequency=cycle.frequency,
                method=cycle.product_id.interest_method,
                monthly_rate=cycle.product_id.interest_rate,
                first_due_date=cycle.first_due_date,
                digits=loan.currency_id.decimal_places,
            )
            vals_list += [
                {
                    "loan_id": loan.id,
                    "sequence": line.sequence,
                    "due_date": line.due_date,
                    "principal_due": float(line.principal),
                    "interest_due": float(line.interest),
                }
                for line in lines
            ]
        return vals_list

    def action_view_installments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "promujer_credit.promujer_loan_installment_action"
        )
        action["domain"] = [("loan_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------ arrears

    @api.model
    def _cron_update_arrears(self):
        self._update_arrears(fields.Date.context_today(self))

    @api.model
    def _update_arrears(self, as_of):
        """Days late of every active loan and the late penalties, set-based in SQL.

        Days late are those of `promujer.portfolio.figures` (the one definition: days
        since the oldest installment whose principal and interest are not fully paid). A
        penalty (a setting of the institution) is charged once on an installment late
        beyond the grace days."""
        self.env.flush_all()
        self._charge_late_penalties(as_of)
        self._store_days_late(as_of)
        self.env["promujer.loan.installment"].invalidate_model()
        self.invalidate_model(["days_late", "max_days_late"])
        return True

    @api.model
    def _charge_late_penalties(self, as_of):
        self.env.cr.execute(
            SQL(
                """
                WITH penalty AS (
                    SELECT i.id,
                           ROUND(((i.principal_due + i.interest_due) * root.promujer_penalty_rate
                                  / 100)::numeric, cur.decimal_places) AS amount
                      FROM promujer_loan_installment i
                      JOIN promujer_loan l ON l.id = i.loan_id
                      JOIN res_company c ON c.id = l.company_id
                      JOIN res_company root ON root.id = split_part(c.parent_path, '/', 1)::int
                      JOIN res_currency cur ON cur.id = l.currency_id
                     WHERE l.state IN ('active', 'rescheduled')
                       AND root.promujer_penalty_rate > 0
                       AND i.state != 'paid'
                       AND COALESCE(i.penalty_due, 0) = 0
                       AND i.due_date < %(as_of)s::date
                                        - COALESCE(root.promujer_penalty_grace_days, 0)
                )
                UPDATE promujer_loan_installment i
                   SET penalty_due = penalty.amount,
                       amount_due = i.principal_due + i.interest_due + penalty.amount,
                       amount_residual = i.principal_due + i.interest_due + penalty.amount
                                         - COALESCE(i.principal_paid, 0)
                                         - COALESCE(i.interest_paid, 0)
                                         - COALESCE(i.penalty_paid, 0),
                       state = CASE WHEN COALESCE(i.principal_paid, 0)
                                         + COALESCE(i.interest_paid, 0)
                                         + COALESCE(i.penalty_paid, 0) = 0
                                    THEN 'open' ELSE 'partial' END
                  FROM penalty
                 WHERE penalty.id = i.id AND penalty.amount > 0
                """,
                as_of=as_of,
            )
        )

    @api.model
    def _store_days_late(self, as_of):
        cr = self.env.cr
        figures = self.env["promujer.portfolio.figures"]
        figures._flush_figures()
        cr.execute(
            SQL(
                """
                WITH late AS (
                    SELECT l.id, COALESCE(r.days_late, 0) AS days
                      FROM promujer_loan l
                 LEFT JOIN (%(rows)s) r ON r.id = l.id
                     WHERE l.state IN ('active', 'rescheduled')
                )
                UPDATE promujer_loan l
                   SET days_late = late.days,
                       max_days_late = GREATEST(COALESCE(l.max_days_late, 0), late.days)
                  FROM late
                 WHERE l.id = late.id
                   AND (l.days_late IS DISTINCT FROM late.days
                        OR COALESCE(l.max_days_late, 0) < late.days)
                """,
                rows=figures._loan_rows_sql(as_of),
            )
        )

    # ------------------------------------------------------------------ write-off

    def action_write_off(self):
        """Open the wizard where a branch manager proposes to write the loans off; a
        credit administrator approves the proposal (four eyes)."""
        self._check_can_write_off(fields.Date.context_today(self))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Propose a write-off"),
            "res_model": "promujer.loan.write.off",
            "view_mode": "form",
            "target": "new",
            "context": {"default_loan_ids": self.ids},
        }

    def _check_can_write_off(self, date):
        self._promujer_check_branch_manager(self.env._("write off"))
        self.check_access("read")
        self._promujer_raise_problems(
            self.env._("These loans cannot be written off:"), "write_off", date
        )

    def _get_write_off_problems(self, date):
        self.ensure_one()
        threshold = self.company_id._promujer_settings().promujer_writeoff_min_days
        if self.state not in ("active", "rescheduled"):
            return [self.env._("it is not active")]
        problems = []
        if self.days_late < threshold:
            problems.append(
                self.env._(
                    "it is %(days)s days late; loans are written off after %(threshold)s days",
                    days=self.days_late,
                    threshold=threshold,
                )
            )
        journal = self.company_id._promujer_general_journal()
        problems += self.company_id._promujer_entry_problems(date, journal, self.currency_id)
        return problems

    def _propose_write_off(self, date, reason):
        self._check_can_write_off(date)
        return self.env["promujer.loan.proposal"]._propose(
            {"kind": "write_off", "loan_ids": self.ids, "date": date, "reason": reason}
        )

    def _do_write_off(self, date, reason):
        """Book the write-off against the loan-loss allowance (called by the approval of
        a proposal, after its checks)."""
        moves = (
            self.env["account.move"]
            .sudo()
            .create([loan.sudo()._prepare_write_off_vals(date) for loan in self])
        )
        moves.action_post()
        for loan, move in zip(self, moves, strict=True):
            amount = loan.principal_outstanding
            loan._promujer_write(
                {
                    "state": "written_off",
                    "write_off_date": date,
                    "write_off_amount": amount,
                    "write_off_move_id": move.id,
                }
            )
            loan._promujer_post(
                self.env._(
                    "Written off %(amount)s against the loan-loss allowance: %(reason)s",
                    amount=loan.currency_id.format(amount),
                    reason=reason,
                )
            )

    def _prepare_write_off_vals(self, date):
        self.ensure_one()
        company = self.company_id
        allowance = company._promujer_account(
            "promujer_allowance_account_id", "promujer_account_allowance"
        )
        label = self.env._("Write-off of %(loan)s", loan=self.name)
        return company._promujer_entry_vals(
            company._promujer_general_journal(),
            date,
            label,
            self.currency_id,
            [
                {
                    "account_id": self.product_id.portfolio_account_id.id,
                    "partner_id": self.partner_id.id,
                    "name": label,
                    "amount_currency": -self.principal_outstanding,
                }
            ],
            {"account_id": allowance.id, "name": label},
            origin=self,
        )

    # ------------------------------------------------------------------ rescheduling

    def action_reschedule(self):
        self.ensure_one()
        self._promujer_check_branch_manager(self.env._("reschedule"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Propose a rescheduling"),
            "res_model": "promujer.loan.reschedule",
            "view_mode": "form",
            "target": "new",
            "context": {"default_loan_id": self.id},
        }

    def _check_can_reschedule(self, date, first_due_date):
        self._promujer_check_branch_manager(self.env._("reschedule"))
        self.check_access("read")
        self._promujer_raise_problems(
            self.env._("These loans cannot be rescheduled:"), "reschedule", date, first_due_date
        )

    def _get_reschedule_problems(self, date, first_due_date):
        self.ensure_one()
        if self.state not in ("active", "rescheduled"):
            return [self.env._("only active loans are rescheduled")]
        problems = []
        if self.currency_id.is_zero(self.principal_outstanding):
            problems.append(self.env._("nothing is left to reschedule"))
        if not date or not first_due_date or first_due_date <= date:
            problems.append(
                self.env._("the first new installment must be due after the rescheduling date")
            )
        return problems

    def _propose_reschedule(self, term_months, grace_periods, first_due_date, reason, date=None):
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        self._check_can_reschedule(date, first_due_date)
        return self.env["promujer.loan.proposal"]._propose(
            {
                "kind": "reschedule",
                "loan_ids": self.ids,
                "date": date,
                "reason": reason,
                "term_months": term_months,
                "grace_periods": grace_periods,
                "first_due_date": first_due_date,
            }
        )

    def _do_reschedule(self, term_months, grace_periods, first_due_date, reason, date):
        """Close the unpaid installments at what was paid on them and spread the principal
        still owed over a new schedule; the loan counts as rescheduled for PAR (called by
        the approval of a proposal, after its checks)."""
        self.ensure_one()
        outstanding = self.principal_outstanding
        unpaid = self.installment_ids.filtered(lambda i: i.state != "paid")
        for line in unpaid:
            line._promujer_write(
                {
                    "principal_due": line.principal_paid,
                    "interest_due": line.interest_paid,
                    "penalty_due": line.penalty_paid,
                    "rescheduled": True,
                }
            )
        product = self.product_id
        lines = schedule.build_schedule(
            amount=outstanding,
            term_months=term_months,
            frequency=self.cycle_id.frequency,
            method=product.interest_method,
            monthly_rate=product.interest_rate,
            first_due_date=first_due_date,
            digits=self.currency_id.decimal_places,
            grace_periods=grace_periods,
        )
        offset = max(self.installment_ids.mapped("sequence"), default=0)
        self.env["promujer.loan.installment"]._promujer_create(
            [
                {
                    "loan_id": self.id,
                    "sequence": offset + line.sequence,
                    "due_date": line.due_date,
                    "principal_due": float(line.principal),
                    "interest_due": float(line.interest),
                }
                for line in lines
            ]
        )
        self._promujer_write(
            {
                "state": "rescheduled",
                "reschedule_count": self.reschedule_count + 1,
                "rescheduled_date": date,
            }
        )
        self._promujer_post(
            self.env._(
                "Rescheduled %(amount)s over %(count)s installments from %(date)s: %(reason)s",
                amount=self.currency_id.format(outstanding),
                count=len(lines),
                date=first_due_date,
                reason=reason,
            )
        )
