# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import models


class PromujerMeeting(models.Model):
    """What the printed documents of a meeting read: the collection sheet the officer
    carries (and the same sheet after posting), and each woman's receipt."""

    _inherit = "promujer.meeting"

    def _sheet_groups(self):
        """[(solidarity group name, lines)] of the collection sheet, each group's women
        by name; women outside any group last."""
        self.ensure_one()
        groups = defaultdict(lambda: self.env["promujer.meeting.line"])
        for line in self.line_ids:
            group = line.group_id or line.partner_id.promujer_group_id
            groups[group.name or ""] |= line
        return [
            (name, lines.sorted(lambda line: line.partner_id.name or ""))
            for name, lines in sorted(groups.items(), key=lambda item: (not item[0], item[0]))
        ]

    def _savings_balances(self):
        """{woman: (compulsory, voluntary)} savings in the meeting's association and
        currency, as they stand now."""
        self.ensure_one()
        accounts = (
            self.env["promujer.savings.account"]
            .sudo()
            .search(
                [
                    ("association_id", "=", self.association_id.id),
                    ("currency_id", "=", self.currency_id.id),
                    ("partner_id", "in", self.line_ids.partner_id.ids),
                ]
            )
        )
        balances = defaultdict(lambda: [0.0, 0.0])
        for account in accounts:
            balances[account.partner_id][0 if account.kind == "compulsory" else 1] += (
                account.balance
            )
        return {partner: tuple(values) for partner, values in balances.items()}

    def _receipts(self):
        """One receipt per woman who paid, saved or was covered at the posted meeting:
        what she paid and how it was applied, what she still owes, her savings."""
        self.ensure_one()
        savings = self._savings_balances()
        receipts = []
        for line in self.line_ids.sorted(lambda line: line.partner_id.name or ""):
            covered = line.covered_by_group + line.covered_by_association
            if not (line.amount_paid or line.savings_deposit or line.voluntary_deposit or covered):
                continue
            allocations = line.sudo().allocation_ids
            loan = line.loan_id
            receipts.append(
                {
                    "line": line,
                    "covered": covered,
                    "principal": sum(allocations.mapped("principal")),
                    "interest": sum(allocations.mapped("interest")),
                    "penalty": sum(allocations.mapped("penalty")),
                    "principal_left": loan.principal_outstanding,
                    "interest_left": loan.interest_outstanding,
                    "compulsory": savings.get(line.partner_id, (0.0, 0.0))[0],
                    "voluntary": savings.get(line.partner_id, (0.0, 0.0))[1],
                }
            )
        return receipts
