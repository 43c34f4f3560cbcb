# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A realistic, reproducible portfolio built through the suite's own actions.

Used by `setup/generate` (the portfolio of July 2001: 24 Focal Centers, 1,547 community
associations, 28,606 clients, a gross portfolio of US$ 3,505,310; or N times it) and by its
smoke test. Everything goes through the suite's models and actions: associations are
activated, cycles submitted, approved and disbursed, meetings posted. History older than
the last few weeks is one catch-up meeting per cycle: a meeting dated on the last due date
before the recent window, where each woman pays everything due until then (a late woman
only what was due until she stopped paying), posted like any other meeting, so that the
General Ledger ties to the loans."""

import random
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, models

from odoo.addons.promujer_credit.demo.promujer_demo_data import (
    ASSOCIATION_NAMES,
    FIRST_NAMES,
    SURNAMES,
)

# The seed's figures of July 2001.
SEED_ASSOCIATIONS = 1547
SEED_CLIENTS = 28606
SEED_PORTFOLIO_USD = 3505310.0
# The Focal Centers of the seed per regional office (promujer_organisation.xml).
REGION_WEIGHTS = {"El Alto": 1.25, "Cochabamba": 1.0, "Tarija": 0.8, "Sucre": 0.85}
# Members per association: fewer than 25 on average in the seed (28,606 / 1,547 = 18.5).
MIN_MEMBERS, MAX_MEMBERS = 15, 22
ASSOCIATION_WORDS = [
    *ASSOCIATION_NAMES,
    "Señor de Mayo",
    "Villa Esperanza",
    "Las Palmeras",
    "Santa Rosa",
]
# Context of the generator: no chatter on creation nor field tracking (bulk loading);
# every check, entry and state change of the actions still happens.
BULK_CONTEXT = {"mail_create_nolog": True, "mail_notrack": True, "tracking_disable": True}
# The generator plans its meetings every week or fortnight from the disbursement: its
# schedules keep those dates (no meeting-day or holiday shift, see tools/calendar.py).
NATURAL_DATES = {"promujer_natural_due_dates": True}


class PromujerPortfolioGenerator(models.AbstractModel):
    _name = "promujer.portfolio.generator"
    _description = "Pro Mujer portfolio generator (benchmarks and scale tests)"

    # ------------------------------------------------------------------ institution

    @api.model
    def _setup_institution(self, root, lanes=1):
        """Settings, loan products and staff of the generated portfolio on `root` (an
        institution whose regional offices and Focal Centers exist). Returns a dict of
        what the batches need; idempotent, and writes nothing when all is there (the
        generator's processes call it at every batch, side by side).

        `lanes`: one loan product per process generating side by side, each paying from
        its own cash journal: the entries of one journal are numbered one after the
        other, so two processes posting in one journal would wait for each other."""
        root = root.with_context(**BULK_CONTEXT)
        settings = {
            # 28,606 clients in 1,547 associations: 18.5 women each, in 3 to 5 groups.
            "promujer_assoc_min_members": MIN_MEMBERS,
            "promujer_assoc_max_members": 30,
            "promujer_assoc_min_groups": 3,
            "promujer_assoc_max_groups": 6,
            "promujer_group_min_members": 4,
            "promujer_group_max_members": 6,
        }
        if "promujer_training_required" in root._fields:
            # The generated associations are past their initial training (history).
            settings["promujer_training_required"] = False
        if any(root[name] != value for name, value in settings.items()):
            root.write(settings)
        products = self._setup_products(root, lanes)
        centers = self.env["res.company"].search(
            [("id", "child_of", root.id), ("promujer_center_kind", "=", "focal")], order="id"
        )
        officers = {}
        Employee = self.env["hr.employee"].with_context(**BULK_CONTEXT)
        for center in centers:
            staff = Employee.search(
                [("company_id", "=", center.id), ("job_title", "=", "Loan officer (generated)")]
            )
            if not staff:
                staff = Employee.create(
                    [
                        {
                            "name": f"Asesora {n + 1} {center.name}",
                            "job_title": "Loan officer (generated)",
                            "company_id": center.id,
                        }
                        for n in range(4)
                    ]
                )
            officers[center.id] = staff.ids
        return {
            "root": root,
            "product": products[0],
            "products": products,
            "centers": centers,
            "officers": officers,
        }

    @api.model
    def _setup_products(self, root, lanes):
        """The generated portfolio's loan products, one per lane: GEN-USD pays from the
        institution's cash journal, GEN-USD-2 and the next from cash journals of their
        own (created once)."""
        usd = self.env.ref("base.USD")
        Product = self.env["promujer.loan.product"].with_company(root).with_context(**BULK_CONTEXT)
        products = Product.browse()
        for lane in range(max(lanes, 1)):
            code = "GEN-USD" if not lane else f"GEN-USD-{lane + 1}"
            product = Product.search([("code", "=", code), ("company_id", "=", root.id)], limit=1)
            if not product:
                values = {"name": "Village banking (USD, generated portfolio)", "code": code}
                if lane:
                    values["name"] += f" {lane + 1}"
                    values["journal_id"] = self._lane_journal(root, lane).id
                product = Product.create(Product._village_banking_vals(root, usd, **values))
            products |= product
        return products

    @api.model
    def _lane_journal(self, root, lane):
        Journal = self.env["account.journal"].with_company(root)
        code = f"GEN{lane + 1}"
        journal = Journal.search([("code", "=", code), ("company_id", "=", root.id)], limit=1)
        return journal or Journal.create(
            {
                "name": f"Cash (generated portfolio {lane + 1})",
                "code": code,
                "type": "cash",
                "company_id": root.id,
            }
        )

    # ------------------------------------------------------------------ plan

    # ------------------------------------------------------------------ batches

    @api.model
    def _generate_batch(self, setup, plans, today, recent_days=7):
        """Create the associations of `plans` with their history, through the actions.
        Returns the associations created."""
        env = self.env(context=dict(self.env.context, **BULK_CONTEXT))
        self = self.with_env(env)
        # One random generator per association, seeded by its plan.
        rngs = {plan["index"]: random.Random(plan["seed"]) for plan in plans}
        women = self._create_women(plans, today, rngs)
        items = self._create_associations(setup, plans, women, rngs)

        def having(test):
            return env["promujer.association"].union(*(a for p, a, _w in items if test(p)))

        having(lambda p: p["state"] != "forming").action_start_training()
        having(lambda p: p["state"] not in ("forming", "training")).action_activate()
        for plan, association, _ids in items:
            if plan["consolidation"]:
                # Consolidated before the period generated (history), as the demo does.
                association.write(
                    {"state": "consolidated", "consolidation_date": plan["consolidation"]}
                )
        self._generate_prior_cycles(setup, items, today, recent_days)
        self._generate_withdrawn_proposals(setup, items, today)
        self._generate_current_cycles(setup, items, today, recent_days, rngs)
        having(lambda p: p["suspend"]).action_suspend()
        return env["promujer.association"].union(*(a for _p, a, _w in items))

    @api.model
    def _create_women(self, plans, today, rngs):
        """{plan index: [partner ids]}: the members of each planned association."""
        vals, owners = [], []
        for plan in plans:
            rng = rngs[plan["index"]]
            for n in range(sum(plan["group_sizes"])):
                vals.append(
                    {
                        "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} "
                        f"{rng.choice(SURNAMES)}",
                        "promujer_is_client": True,
                        "promujer_gender": "female",
                        "promujer_national_id": f"G{plan['index']:07d}-{n:02d}",
                        "promujer_birthdate": today - timedelta(days=rng.randint(20, 55) * 365),
                    }
                )
                owners.append(plan["index"])
        partners = self.env["res.partner"].create(vals)
        women = {plan["index"]: [] for plan in plans}
        for owner, partner in zip(owners, partners, strict=True):
            women[owner].append(partner.id)
        return women

    @api.model
    def _create_associations(self, setup, plans, women, rngs):
        """[(plan, association, [partner ids])]: the associations with their board."""
        associations = self.env["promujer.association"].create(
            [
                self._association_vals(setup, plan, women[plan["index"]], rngs[plan["index"]])
                for plan in plans
            ]
        )
        items = []
        for plan, association in zip(plans, associations, strict=True):
            ids = women[plan["index"]]
            association.write(
                {
                    "president_id": ids[0],
                    "treasurer_id": ids[1],
                    "secretary_id": ids[2],
                    "committee_member_ids": [Command.set(ids[3:6])],
                }
            )
            items.append((plan, association, ids))
        return items

    @api.model
    def _generate_prior_cycles(self, setup, items, today, recent_days):
        """Earlier cycles: disbursed, repaid in full at one catch-up meeting, closed."""
        prior = [(a, w, p["prior"]) for p, a, w in items if p["prior"]]
        cycles = self._create_cycles(setup["product"], prior, today)
        # Four eyes hold for generated history too: the system records the committees'
        # proposals, the user running the generator approves them.
        cycles.with_user(SUPERUSER_ID).action_submit()
        cycles.action_approve()
        cycles.with_context(**NATURAL_DATES).action_disburse()
        self._post_catch_up(cycles, prior, today, recent_days)
        cycles.action_close()

    @api.model
    def _generate_withdrawn_proposals(self, setup, items, today):
        """Proposals rejected or cancelled before the current one."""
        for kind in ("rejected", "cancelled"):
            extra = [(a, w, p["current"]) for p, a, w in items if p["extra"] == kind]
            drafts = self._create_cycles(setup["product"], extra, today, planned=False)
            if kind == "rejected":
                drafts.with_user(SUPERUSER_ID).action_submit()
                drafts._do_reject("The credit committee must review the amounts.")
            else:
                drafts.action_cancel()

    @api.model
    def _generate_current_cycles(self, setup, items, today, recent_days, rngs):
        """The current cycles, in every state but closed; the disbursed ones repaid so far."""
        current = [(a, w, p["current"]) for p, a, w in items if p["current"]]
        cycles = self._create_cycles(setup["product"], current, today)
        state_of = {c: entry[2]["state"] for c, entry in zip(cycles, current, strict=True)}
        cycles.filtered(lambda c: state_of[c] != "draft").with_user(SUPERUSER_ID).action_submit()
        cycles.filtered(lambda c: state_of[c] in ("approved", "disbursed")).action_approve()
        disbursed = [
            (c, e) for c, e in zip(cycles, current, strict=True) if e[2]["state"] == "disbursed"
        ]
        if disbursed:
            cycles = self.env["promujer.loan.cycle"].union(*(c for c, _e in disbursed))
            cycles.with_context(**NATURAL_DATES).action_disburse()
            entries = [e for _c, e in disbursed]
            self._post_catch_up(cycles, entries, today, recent_days)
            rng_of = {association: rngs[p["index"]] for p, association, _w in items}
            self._post_recent(cycles, entries, today, recent_days, rng_of)

    @api.model
    def _association_vals(self, setup, plan, ids, rng):
        officers = setup["officers"][plan["branch_id"]]
        groups, start = [], 0
        for number, size in enumerate(plan["group_sizes"], start=1):
            members = ids[start : start + size]
            start += size
            groups.append(
                Command.create(
                    {
                        "name": f"Grupo {number}",
                        "member_ids": [Command.set(members)],
                        "leader_id": members[0],
                    }
                )
            )
        first = (plan["prior"] or plan["current"] or {}).get("disbursement")
        return {
            "name": f"{ASSOCIATION_WORDS[plan['index'] % len(ASSOCIATION_WORDS)]} "
            f"{plan['index'] + 1}",
            "company_id": plan["branch_id"],
            "officer_id": officers[plan["index"] % len(officers)],
            "meeting_weekday": str(first.weekday() if first else rng.randint(0, 4)),
            "meeting_place": "Sede vecinal",
            "formation_date": plan["formation"],
            "group_ids": groups,
        }

    @api.model
    def _create_cycles(self, product, entries, today, planned=True):
        """Draft cycles for (association, [partner ids], cycle plan) entries."""
        vals_list = []
        for association, ids, cycle in entries:
            disbursement = cycle["disbursement"] if planned else None
            vals_list.append(
                {
                    "association_id": association.id,
                    "product_id": product.id,
                    "term_months": cycle["term"],
                    "committee_date": (disbursement or today) - timedelta(days=7),
                    "committee_member_ids": [Command.set(ids[3:6])],
                    "committee_note": "Approved by the credit committee.",
                    "disbursement_date": disbursement or False,
                    "loan_ids": [
                        Command.create({"partner_id": ids[m], "amount": cycle["amounts"][m]})
                        for m in sorted(cycle["borrowers"])
                    ],
                }
            )
        return self.env["promujer.loan.cycle"].create(vals_list)

    @api.model
    def _post_catch_up(self, cycles, entries, today, recent_days):
        """One meeting per cycle on the last due date before the recent window: every
        woman pays all that was due until then, a late one only until she stopped."""
        vals_list, plans = [], []
        for cycle, (association, ids, plan) in zip(cycles, entries, strict=True):
            if plan["state"] == "closed":
                when = plan["catch_up"]
            else:
                when = self._meeting_dates(plan, cycle.frequency, today, recent_days)[0]
            if when:
                vals_list.append(
                    {"association_id": association.id, "cycle_id": cycle.id, "date": when}
                )
                plans.append((ids, plan))
        meetings = self.env["promujer.meeting"].create(vals_list)
        for meeting, (ids, plan) in zip(meetings, plans, strict=True):
            for line in meeting.line_ids.filtered("loan_id"):
                stop = plan["late"].get(ids.index(line.partner_id.id))
                if stop and stop != "last" and stop < meeting.date:
                    due = line.loan_id.installment_ids.filtered(lambda i, s=stop: i.due_date <= s)
                    paid, count = sum(due.mapped("amount_residual")), len(due)
                else:
                    paid, count = line.amount_due, line.installments_due
                line.write({"amount_paid": paid, "savings_deposit": line.savings_deposit * count})
        meetings.action_post()
        return meetings

    @api.model
    def _post_recent(self, cycles, entries, today, recent_days, rng_of):
        """The meetings of the recent window, one date after the other (`rng_of`: the
        random generator of each association)."""
        dates = [
            self._meeting_dates(plan, cycle.frequency, today, recent_days)[1]
            for cycle, (_a, _ids, plan) in zip(cycles, entries, strict=True)
        ]
        for round_ in range(max(map(len, dates), default=0)):
            vals_list, plans = [], []
            for cycle, (association, ids, plan), when in zip(cycles, entries, dates, strict=True):
                if round_ < len(when):
                    vals_list.append(
                        {
                            "association_id": association.id,
                            "cycle_id": cycle.id,
                            "date": when[round_],
                        }
                    )
                    plans.append((ids, plan, round_ == len(when) - 1, rng_of[association]))
            meetings = self.env["promujer.meeting"].create(vals_list)
            for meeting, (ids, plan, last, rng) in zip(meetings, plans, strict=True):
                for line in meeting.line_ids:
                    stop = plan["late"].get(ids.index(line.partner_id.id))
                    missed = (stop == "last" and last) or (
                        stop and stop != "last" and stop < meeting.date
                    )
                    values = {}
                    if line.loan_id and missed:
                        values.update(amount_paid=0.0, savings_deposit=0.0)
                    if rng.random() < 0.08:
                        values["voluntary_deposit"] = float(rng.choice((5, 10, 20)))
                    if values:
                        line.write(values)
            meetings.action_post()

    # ------------------------------------------------------------------ checks

    @api.model
    def _finish(self, today):
        """The daily arrears update, as the scheduled action does it."""
        self.env["promujer.loan"]._update_arrears(today)

    @api.model
    def _ledger_check(self, root, currency):
        """General Ledger against the suite, in `currency`, from the ledger tie-out
        service: (portfolio account balance, outstanding principal of the loans, savings
        account balance, savings of the women) and the differences per woman."""
        totals, differences = self.env["promujer.ledger.check"]._tie_out(root)
        portfolio = totals.get(("portfolio", currency), (0.0, 0.0))
        savings = totals.get(("savings", currency), (0.0, 0.0))
        return {
            "portfolio_ledger": currency.round(portfolio[0]),
            "portfolio_loans": currency.round(portfolio[1]),
            "savings_ledger": currency.round(savings[0]),
            "savings_women": currency.round(savings[1]),
            "differences": differences,
        }
