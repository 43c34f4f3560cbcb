# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import Command, models

from ..tools import money, schedule
from ..tools import portfolio_import as parser
from .res_company import entry_line


class PromujerPortfolioImport(models.Model):
    """What an import creates, after its checks, in superuser mode: the clients, the
    associations and their groups, the cycles and loans with their schedules, the savings,
    the internal accounts and the one opening entry."""

    _inherit = "promujer.portfolio.import"

    def _import(self, data):
        """Everything of the files, in superuser mode after the checks; returns the
        posted opening entry."""
        partners = self._import_clients(data)
        associations = self._import_associations(data, partners)
        loans = self._import_loans(data, partners, associations)
        savings = self._import_savings(data, partners, associations)
        move = self._create_opening_move(loans, savings)
        self._post_savings(savings, move)
        self._import_internal(data, associations)
        return move

    def _import_clients(self, data):
        records = data.get("clients", [])
        partners = self.env["res.partner"].create(
            [
                {
                    "name": rec["name"],
                    "promujer_is_client": True,
                    "promujer_national_id": rec["id_number"],
                    "promujer_gender": rec["gender"],
                    "promujer_birthdate": rec["birth_date"],
                    "phone": rec["phone"] or False,
                    "company_id": self.company_id.id,
                }
                for rec in records
            ]
        )
        return {rec["id_number"]: partner for rec, partner in zip(records, partners, strict=True)}

    def _import_associations(self, data, partners):
        groups = defaultdict(lambda: defaultdict(list))
        weekdays = {}
        for rec in data.get("groups", []):
            groups[rec["association"]][rec["group"]].append(partners[rec["id_number"]].id)
            weekdays[rec["association"]] = rec["meeting_weekday"]
        started = defaultdict(lambda: self.opening_date)
        for rec in data.get("loans", []):
            started[rec["association"]] = min(started[rec["association"]], rec["disbursement_date"])
        names = list(groups)
        associations = self.env["promujer.association"].create(
            [
                {
                    "name": name,
                    "company_id": self.company_id.id,
                    "officer_id": self.officer_id.id,
                    "meeting_weekday": weekdays[name],
                    "formation_date": started[name],
                    "group_ids": [
                        Command.create({"name": group, "member_ids": [Command.set(members)]})
                        for group, members in groups[name].items()
                    ],
                }
                for name in names
            ]
        )
        associations.write({"state": "active"})
        return dict(zip(names, associations, strict=True))

    def _import_loans(self, data, partners, associations):
        """The open cycles, disbursed, with each woman's schedule and what she paid of it
        (no cash entry: the opening entry books what she still owes). Returns the loans."""
        products = self._products(data)
        by_cycle = defaultdict(list)
        for rec in data.get("loans", []):
            by_cycle[(rec["association"], rec["cycle_number"])].append(rec)
        if not by_cycle:
            return self.env["promujer.loan"]
        keys = list(by_cycle)
        cycles = self.env["promujer.loan.cycle"].create(
            [
                {
                    "association_id": associations[name].id,
                    "product_id": products[by_cycle[(name, number)][0]["product"]].id,
                    "term_months": by_cycle[(name, number)][0]["term_months"],
                    "disbursement_date": by_cycle[(name, number)][0]["disbursement_date"],
                    "committee_note": self.env._(
                        "Imported in mid-schedule (%(name)s).", name=self.name
                    ),
                    "loan_ids": [
                        Command.create(
                            {"partner_id": partners[rec["id_number"]].id, "amount": rec["amount"]}
                        )
                        for rec in by_cycle[(name, number)]
                    ],
                }
                for name, number in keys
            ]
        )
        for cycle, (_name, number) in zip(cycles, keys, strict=True):
            first_due = cycle.disbursement_date + timedelta(
                days=schedule.FREQUENCY_DAYS[cycle.frequency]
            )
            cycle.write({"first_due_date": cycle._promujer_first_meeting_day(first_due)})
            cycle.write(
                {
                    "cycle_number": number,
                    "name": f"{cycle.association_id.code}/C{number}",
                    "submitted_by_id": self.env.uid,
                    "submitted_date": self.opening_date,
                    "approved_by_id": self.env.uid,
                    "approved_date": self.opening_date,
                }
            )
        loans = cycles.loan_ids
        loans._write_member_cycle_numbers()
        vals_list = self._installment_vals(data, loans)
        for vals in vals_list:
            vals.update(
                {
                    "opening_date": self.opening_date,
                    "opening_principal_paid": vals.get("principal_paid", 0.0),
                    "opening_interest_paid": vals.get("interest_paid", 0.0),
                }
            )
        self.env["promujer.loan.installment"].create(vals_list)
        loans.write({"state": "active"})
        cycles.write({"state": "disbursed"})
        return loans

    def _installment_vals(self, data, loans):
        records = {rec["id_number"]: rec for rec in data.get("loans", [])}
        schedules = defaultdict(list)
        for rec in data.get("schedule", []):
            schedules[rec["id_number"]].append(rec)
        derived = loans.filtered(lambda loan: loan.partner_id.promujer_national_id not in schedules)
        vals_list = []
        for vals in derived._prepare_installment_vals():
            vals_list.append(vals)
        by_loan = defaultdict(list)
        for vals in vals_list:
            by_loan[vals["loan_id"]].append(vals)
        for loan in derived:
            rec = records[loan.partner_id.promujer_national_id]
            digits = loan.currency_id.decimal_places
            lines = by_loan[loan.id]
            paid = parser.mark_paid(
                [
                    (
                        money.quantize(v["principal_due"], digits),
                        money.quantize(v["interest_due"], digits),
                    )
                    for v in lines
                ],
                rec["principal_paid"],
                rec["interest_paid"],
            )
            for vals, (principal, interest) in zip(lines, paid, strict=True):
                vals.update({"principal_paid": float(principal), "interest_paid": float(interest)})
        for loan in loans - derived:
            vals_list += self._given_schedule(
                loan, records[loan.partner_id.promujer_national_id], schedules
            )
        return vals_list

    def _given_schedule(self, loan, rec, schedules):
        """Her schedule from the file: one installment of what she paid (due on the
        disbursement's first due date), then her remaining rows."""
        rows = sorted(schedules[rec["id_number"]], key=lambda r: r["due_date"])
        vals_list = []
        if rec["principal_paid"] or rec["interest_paid"]:
            amounts = {
                "principal_due": float(rec["principal_paid"]),
                "interest_due": float(rec["interest_paid"]),
            }
            vals_list.append(
                {
                    "due_date": loan.cycle_id.first_due_date,
                    **amounts,
                    "principal_paid": amounts["principal_due"],
                    "interest_paid": amounts["interest_due"],
                }
            )
        vals_list += [
            {
                "due_date": row["due_date"],
                "principal_due": float(row["principal"]),
                "interest_due": float(row["interest"]),
            }
            for row in rows
        ]
        return [
            {"loan_id": loan.id, "sequence": n, **vals} for n, vals in enumerate(vals_list, start=1)
        ]

    def _import_savings(self, data, partners, associations):
        """{savings account: balance} of the file's balances (compulsory savings in the
        branch's currency)."""
        currency = self.company_id.currency_id
        keys = {
            (
                partners[rec["id_number"]],
                associations[rec["association"]],
                "compulsory",
                currency,
            ): rec["balance"]
            for rec in data.get("savings", [])
            if rec["balance"]
        }
        accounts = self.env["promujer.savings.account"]._get_accounts(list(keys))
        return {accounts[key]: balance for key, balance in keys.items()}

    def _create_opening_move(self, loans, savings):
        """ONE entry for the branch: the portfolio per woman (debit, her loan's currency),
        her savings (credit), against the opening-balance account; one balanced block per
        currency."""
        opening = self._opening_account()
        chart = self.env["account.chart.template"].with_company(
            self.company_id._promujer_settings()
        )
        savings_account = loans.product_id[:1].savings_account_id or chart.ref(
            "promujer_account_savings"
        )
        lines = defaultdict(list)
        for loan in loans.sorted(lambda loan: loan.partner_id.name or ""):
            lines[loan.currency_id].append(
                entry_line(
                    loan.product_id.portfolio_account_id,
                    loan.partner_id,
                    loan.principal_outstanding,
                    self.env._("Opening balance: loan %(loan)s", loan=loan.name),
                )
            )
        for account, balance in savings.items():
            lines[account.currency_id].append(
                entry_line(
                    savings_account,
                    account.partner_id,
                    -float(balance),
                    self.env._("Opening balance: savings %(account)s", account=account.name),
                )
            )
        if not lines:
            lines[self.company_id.currency_id] = []
        journal = self._entry_journal()
        ref = self.env._("Opening balances (portfolio import %(name)s)", name=self.name)
        vals = None
        for currency, currency_lines in lines.items():
            block = self.company_id._promujer_entry_vals(
                journal,
                self.opening_date,
                ref,
                currency,
                currency_lines,
                {"account_id": opening.id, "name": ref},
                origin=self,
            )
            if vals is None:
                vals = block
            else:
                vals["line_ids"] += block["line_ids"]
        move = self.env["account.move"].create(vals)
        move.action_post()
        return move

    def _post_savings(self, savings, move):
        self.env["promujer.savings.transaction"].with_context(
            mail_create_nolog=True, tracking_disable=True
        ).create(
            [
                {
                    "account_id": account.id,
                    "date": self.opening_date,
                    "kind": "opening",
                    "amount": float(balance),
                    "move_id": move.id,
                    "state": "posted",
                }
                for account, balance in savings.items()
            ]
        )

    def _import_internal(self, data, associations):
        currency = self.company_id.currency_id
        self.env["promujer.internal.entry"].create(
            [
                {
                    "association_id": associations[rec["association"]].id,
                    "currency_id": currency.id,
                    "date": self.opening_date,
                    "kind": "adjustment",
                    "amount": float(rec["balance"]),
                    "description": self.env._("Opening balance (portfolio import)"),
                }
                for rec in data.get("internal", [])
                if rec["balance"]
            ]
        )
