# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

LEVELS = [("institution", "Institution"), ("region", "Regional office"), ("branch", "Branch")]


class PromujerOperationalReport(models.TransientModel):
    """The Operational Data report of the institution, as of any date: branches, share of
    female clients, associations, current borrowers, gross portfolio and default."""

    _name = "promujer.operational.report"
    _description = "Operational Data report"
    _inherit = ["promujer.institution.mixin", "promujer.xlsx.mixin"]
    _promujer_pdf_report = "promujer_reports.action_report_operational_data"

    as_of = fields.Date("As of", required=True, default=fields.Date.context_today)
    usd_currency_id = fields.Many2one(
        "res.currency",
        string="Dollar currency",
        default=lambda self: self.env.ref("base.USD"),
        required=True,
    )
    line_ids = fields.One2many("promujer.operational.report.line", "report_id", readonly=True)
    empty_reason = fields.Text(
        "Nothing to report", readonly=True, help="Why the report has no figures on its date."
    )

    def action_compute(self):
        """Compute, then show the figures in the dialog (with its PDF, XLSX and pivot), or
        why there are none."""
        self.ensure_one()
        self._compute_lines()
        return self._reopen()

    def _reopen(self):
        return self._promujer_form_action(
            name=self.env._(
                "Operational Data as of %(date)s", date=self._promujer_date(self.as_of)
            ),
            target="new",
        )

    def _empty_reason(self, branches):
        """Why nothing is to report as of the date: a date before the institution's books,
        no loan disbursed yet, or nothing open then."""
        root = self.company_id.sudo()._promujer_settings()
        if root.promujer_entry_min_date and self.as_of < root.promujer_entry_min_date:
            reason = self.env._(
                "it is before %(first)s, the first day of the institution's books",
                first=self._promujer_date(root.promujer_entry_min_date),
            )
        else:
            first = (
                self.env["promujer.loan"]
                .sudo()
                .search(
                    [("company_id", "in", branches.ids), ("disbursement_date", "!=", False)],
                    order="disbursement_date",
                    limit=1,
                )
            )
            if not first:
                reason = self.env._("no loan was ever disbursed in your branches")
            elif first.disbursement_date > self.as_of:
                reason = self.env._(
                    "no loan was disbursed before that date: the first loan of your branches "
                    "was disbursed on %(first)s",
                    first=self._promujer_date(first.disbursement_date),
                )
            else:
                reason = self.env._(
                    "no association of your branches was open and no loan was outstanding"
                )
        return self.env._(
            "Nothing to report as of %(date)s: %(reason)s.",
            date=self._promujer_date(self.as_of),
            reason=reason,
        )

    def _compute_lines(self):
        self.ensure_one()
        Figures = self.env["promujer.portfolio.figures"]
        branches = self._promujer_allowed_branches(required=False)
        if not branches:
            raise UserError(
                self.env._("You are allowed in no branch of %(c)s.", c=self.company_id.sudo().name)
            )
        portfolio = Figures._portfolio_by_branch(self.as_of, branches.ids)
        clients = Figures._clients_by_branch(self.as_of, branches.ids)
        # What each center was on the date: its kind and its regional office then.
        centers_then = self.env["promujer.branch.history"]._promujer_as_of(branches.ids, self.as_of)
        # The institution's name and currency, read for a user who may be allowed in one
        # branch only (the figures are restricted to her branches above).
        root = self.company_id.sudo()
        rows = {}
        regions = {}
        centers = branches.filtered(
            lambda c: (
                centers_then[c.id][0] in ("focal", "neighborhood")
                or c.id in portfolio
                or c.id in clients
            )
        )
        Company = self.env["res.company"].sudo()
        for branch in centers:
            kind, region_id = centers_then[branch.id]
            regions[branch] = Company.browse(region_id)
            values = self._branch_values(
                kind, clients.get(branch.id, (0, 0, 0)), portfolio.get(branch.id, {}), root
            )
            rows[branch] = values
        rows = dict(
            sorted(rows.items(), key=lambda item: (regions[item[0]].name or "", item[0].name))
        )
        empty = not any(
            values[key]
            for values in rows.values()
            for key in ("associations", "clients", "borrowers", "portfolio")
        )
        self.empty_reason = self._empty_reason(branches) if empty else False
        lines = [] if empty else self._lines_with_totals(rows, root, regions)
        self.line_ids = [Command.clear()] + [Command.create(vals) for vals in lines]

    def _branch_values(self, kind, clients, portfolio, root):
        """The figures of one center as of the date: `clients` (associations, clients,
        women), `portfolio` {currency_id: figures} in the institution's currency and in
        US dollars."""
        values = self._empty_values()
        values["branches"] = 1 if kind == "focal" else 0
        associations, members, women = clients
        values.update(associations=associations, clients=members, women=women)
        company_currency = root.currency_id
        for currency_id, figures in portfolio.items():
            # Rates are the institution's, read for a user of one branch too.
            currency = self.env["res.currency"].sudo().browse(currency_id)
            values["borrowers"] += figures["borrowers"]
            values["loans"] += figures["loans"]
            for key, target in (
                ("outstanding", "portfolio"),
                ("par1", "par1"),
                ("par7", "par7"),
                ("par30", "par30"),
                ("par90", "par90"),
            ):
                values[target] += currency._convert(
                    figures[key], company_currency, root, self.as_of, round=False
                )
            values["portfolio_usd"] += currency._convert(
                figures["outstanding"], self.usd_currency_id, root, self.as_of, round=False
            )
        return values

    @api.model
    def _empty_values(self):
        return dict.fromkeys(
            (
                "branches",
                "associations",
                "clients",
                "women",
                "borrowers",
                "loans",
                "portfolio",
                "portfolio_usd",
                "par1",
                "par7",
                "par30",
                "par90",
            ),
            0,
        )

    def _lines_with_totals(self, rows, root, regions_of):
        """Branch lines, a subtotal per regional office (the branch's on the date,
        `regions_of`) and the institution's total."""
        lines = []
        total = self._empty_values()
        regions = {}
        for branch, values in rows.items():
            region = regions_of[branch]
            regions.setdefault(region, []).append((branch, values))
            for key in total:
                total[key] += values[key]
        sequence = 0
        for region, members in regions.items():
            subtotal = self._empty_values()
            for branch, values in members:
                sequence += 1
                lines.append(
                    self._line_vals(values, "branch", branch.name, sequence, branch, region)
                )
                for key in subtotal:
                    subtotal[key] += values[key]
            sequence += 1
            lines.append(
                self._line_vals(
                    subtotal,
                    "region",
                    region.name or self.env._("No regional office"),
                    sequence,
                    self.env["res.company"],
                    region,
                )
            )
        lines.append(self._line_vals(total, "institution", root.name, sequence + 1, root, root))
        return lines

    def _line_vals(self, values, level, name, sequence, company, region):
        portfolio = values["portfolio"]
        return {
            **values,
            "name": name,
            "level": level,
            "sequence": sequence,
            "company_id": company.id,
            "region_id": region.id,
            "female_pct": 100.0 * values["women"] / values["clients"] if values["clients"] else 0.0,
            "par30_pct": 100.0 * values["par30"] / portfolio if portfolio else 0.0,
            "par1_pct": 100.0 * values["par1"] / portfolio if portfolio else 0.0,
            "par7_pct": 100.0 * values["par7"] / portfolio if portfolio else 0.0,
            "par90_pct": 100.0 * values["par90"] / portfolio if portfolio else 0.0,
        }

    # ------------------------------------------------------------------ outputs

    def _total_line(self):
        self.ensure_one()
        return self.line_ids.filtered(lambda line: line.level == "institution")

    def action_open_lines(self):
        self.ensure_one()
        if not self.line_ids:
            self._compute_lines()
        return self._promujer_list_action(
            "promujer_reports.promujer_operational_report_line_action",
            "report_id",
            default=False,
            display_name=self.env._(
                "Operational data as of %(date)s", date=self._promujer_date(self.as_of)
            ),
        )

    def _xlsx_title(self):
        return self.env._("Operational Data")

    def _xlsx_settings(self):
        settings = [(self.env._("As of"), self.as_of)]
        if self.empty_reason:
            settings.append((self.env._("Nothing to report"), self.empty_reason))
        return settings

    def _xlsx_lines(self):
        return self.line_ids.sorted("sequence")

    def _xlsx_filename(self):
        return f"operational_data_{self.as_of}.xlsx"

    def _xlsx_columns(self):
        return [
            (self.env._("Branch or region"), "name", None),
            (self.env._("Level"), "level", None),
            (self.env._("Focal Centers"), "branches", None),
            (self.env._("Female clients (%)"), "female_pct", "pct"),
            (self.env._("Clients"), "clients", None),
            (self.env._("Community associations"), "associations", None),
            (self.env._("Current borrowers"), "borrowers", None),
            (self.env._("Gross portfolio (USD)"), "portfolio_usd", "money"),
            (
                self.env._("Gross portfolio (%(c)s)", c=self.currency_id.name),
                "portfolio",
                "money",
            ),
            (self.env._("Default: PAR > 30 (%)"), "par30_pct", "pct"),
            (self.env._("PAR > 30 amount"), "par30", "money"),
        ]


class PromujerOperationalReportLine(models.TransientModel):
    _name = "promujer.operational.report.line"
    _inherit = ["promujer.ratio.mixin"]
    _description = "Operational Data report line"
    _order = "sequence"
    # The percentages of the pivot's groups and totals: from the sums, never averaged.
    _promujer_ratios = {
        "female_pct": ("women", "clients"),
        "par1_pct": ("par1", "portfolio"),
        "par7_pct": ("par7", "portfolio"),
        "par30_pct": ("par30", "portfolio"),
        "par90_pct": ("par90", "portfolio"),
    }

    report_id = fields.Many2one("promujer.operational.report", required=True, ondelete="cascade")
    as_of = fields.Date(related="report_id.as_of")
    currency_id = fields.Many2one(related="report_id.currency_id")
    sequence = fields.Integer()
    name = fields.Char(string="Branch or region")
    level = fields.Selection(LEVELS)
    company_id = fields.Many2one("res.company", string="Branch")
    region_id = fields.Many2one("res.company", string="Regional office")
    branches = fields.Integer("Focal Centers")
    associations = fields.Integer("Community associations")
    clients = fields.Integer()
    women = fields.Integer("Female clients")
    female_pct = fields.Float("Female clients (%)", aggregator="avg")
    borrowers = fields.Integer("Current borrowers")
    loans = fields.Integer("Loans outstanding")
    portfolio = fields.Monetary("Gross portfolio")
    portfolio_usd = fields.Float("Gross portfolio (USD)", digits=(16, 2))
    par1 = fields.Monetary("PAR > 1")
    par7 = fields.Monetary("PAR > 7")
    par30 = fields.Monetary("PAR > 30 (default)")
    par90 = fields.Monetary("PAR > 90")
    par1_pct = fields.Float("PAR > 1 (%)", aggregator="avg")
    par7_pct = fields.Float("PAR > 7 (%)", aggregator="avg")
    par30_pct = fields.Float("PAR > 30 (%)", aggregator="avg")
    par90_pct = fields.Float("PAR > 90 (%)", aggregator="avg")
