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

import math
import random
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, models

from odoo.addons.promujer_credit.demo.promujer_demo_data import FIRST_NAMES, SURNAMES
from odoo.addons.promujer_credit.tools import schedule

# The seed's figures of July 2001.
SEED_ASSOCIATIONS = 1547
SEED_CLIENTS = 28606
SEED_PORTFOLIO_USD = 3505310.0
# The Focal Centers of the seed per regional office (promujer_organisation.xml).
REGION_WEIGHTS = {"El Alto": 1.25, "Cochabamba": 1.0, "Tarija": 0.8, "Sucre": 0.85}
# Members per association: fewer than 25 on average in the seed (28,606 / 1,547 = 18.5).
MIN_MEMBERS, MAX_MEMBERS = 15, 22
ASSOCIATION_WORDS = [
    "Mujeres Emprendedoras",
    "Flor de Illimani",
    "Nueva Esperanza",
    "Las Kantutas",
    "Manos Unidas",
    "Virgen de Copacabana",
    "Sol Naciente",
    "Mujeres de Progreso",
    "Señor de Mayo",
    "Villa Esperanza",
    "Las Palmeras",
    "Santa Rosa",
]
# Context of the generator: no chatter on creation nor field tracking (bulk loading);
# every check, entry and state change of the actions still happens.
BULK_CONTEXT = {"mail_create_nolog": True, "mail_notrack": True, "tracking_disable": True}


class PromujerPortfolioGenerator(models.AbstractModel):
    _name = "promujer.portfolio.generator"
    _description = "Pro Mujer portfolio generator (benchmarks and scale tests)"

    # ------------------------------------------------------------------ institution

    @api.model
    def _setup_institution(self, root):
        """Settings, loan product and staff of the generated portfolio on `root` (an
        institution whose regional offices and Focal Centers exist). Returns a dict of
        what the batches need; idempotent."""
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
        root.write(settings)
        usd = self.env.ref("base.USD")
        product = self.env["promujer.loan.product"].search(
            [("code", "=", "GEN-USD"), ("company_id", "=", root.id)], limit=1
        )
        if not product:
            product = (
                self.env["promujer.loan.product"]
                .with_company(root)
                .with_context(**BULK_CONTEXT)
                .create(
                    self.env["promujer.loan.product"]._village_banking_vals(
                        root,
                        usd,
                        name="Village banking (USD, generated portfolio)",
                        code="GEN-USD",
                    )
                )
            )
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
        return {"root": root, "product": product, "centers": centers, "officers": officers}

    # ------------------------------------------------------------------ plan

    @api.model
    def _plan(
        self,
        centers,
        today,
        seed=2001,
        associations=SEED_ASSOCIATIONS,
        clients=SEED_CLIENTS,
        portfolio_usd=SEED_PORTFOLIO_USD,
        recent_days=7,
        prior_share=0.3,
    ):
        """Everything the portfolio will be, decided without writing anything: one dict
        per association. Loan amounts are scaled so that the outstanding principal after
        the planned repayments is `portfolio_usd`."""
        rng = random.Random(seed)
        sizes = self._plan_sizes(rng, associations, clients)
        branch_of = self._plan_branches(rng, centers, associations)
        plans = []
        for index in range(associations):
            plans.append(
                self._plan_association(
                    rng, index, branch_of[index], sizes[index], today, recent_days, prior_share
                )
            )
        self._scale_amounts(plans, portfolio_usd, today, recent_days)
        return plans

    @api.model
    def _plan_sizes(self, rng, associations, clients):
        sizes = [rng.randint(MIN_MEMBERS, MAX_MEMBERS) for _n in range(associations)]
        low, high = MIN_MEMBERS, max(MAX_MEMBERS, math.ceil(clients / associations))
        if not low * associations <= clients <= 30 * associations:
            low = max(1, clients // associations)
        while sum(sizes) != clients:
            i = rng.randrange(associations)
            step = 1 if sum(sizes) < clients else -1
            if low <= sizes[i] + step <= max(high, 30 if step > 0 else high):
                sizes[i] += step
        return sizes

    @api.model
    def _plan_branches(self, rng, centers, associations):
        weights = []
        for center in centers:
            region = center.promujer_region_id.name or ""
            factor = next((w for key, w in REGION_WEIGHTS.items() if key in region), 1.0)
            weights.append(factor * rng.uniform(0.8, 1.2))
        total = sum(weights)
        shares = [associations * w / total for w in weights]
        counts = [int(s) for s in shares]
        by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
        for i in by_remainder[: associations - sum(counts)]:
            counts[i] += 1
        branch_of = []
        for center, count in zip(centers, counts, strict=True):
            branch_of += [center.id] * count
        return branch_of

    @api.model
    def _plan_association(self, rng, index, branch_id, size, today, recent_days, prior_share):
        """One association's plan: its state, its earlier and current cycles, who is late.
        The draws come one after the other in a fixed order (the seed reproduces it)."""
        groups = math.ceil(size / 5)
        group_sizes = [size // groups + (1 if g < size % groups else 0) for g in range(groups)]
        state = self._draw_state(rng)
        plan = {
            "index": index,
            "branch_id": branch_id,
            "group_sizes": group_sizes,
            "state": state,
            "suspend": False,
            "prior": None,
            "current": None,
            "extra": None,
            "formation": today - timedelta(days=rng.randint(30, 60)),
            "consolidation": None,
        }
        if state in ("forming", "training"):
            return plan
        frequency = "biweekly" if state == "consolidated" else "weekly"
        current_state = self._draw_cycle_state(rng)
        has_prior = state == "consolidated" or current_state is None or rng.random() < prior_share
        term, disbursed, start_next = self._draw_current_dates(rng, current_state, frequency, today)
        members = list(range(size))
        if has_prior:
            plan["prior"] = self._plan_prior(rng, frequency, start_next, members)
            plan["formation"] = plan["prior"]["disbursement"] - timedelta(days=rng.randint(60, 120))
        elif disbursed:
            plan["formation"] = disbursed - timedelta(days=rng.randint(45, 90))
        if state == "consolidated":
            plan["consolidation"] = plan["formation"] + timedelta(days=1)
        if current_state:
            plan["current"] = self._plan_current(
                rng, current_state, term, disbursed, members, plan["prior"], today
            )
        for cycle in (plan["prior"], plan["current"]):
            if cycle:
                for member, number in cycle["borrowers"].items():
                    top = 20 if number == 1 else 40
                    cycle["amounts"][member] = 10.0 * rng.randint(top // 2, top)
        roll = rng.random()
        if roll < 0.015 and plan["current"]:
            plan["extra"] = "rejected"
        elif roll < 0.025 and plan["current"]:
            plan["extra"] = "cancelled"
        if state == "active" and current_state == "disbursed" and rng.random() < 0.01:
            plan["suspend"] = True
        return plan

    @api.model
    def _draw_state(self, rng):
        roll = rng.random()
        if roll < 0.015:
            return "forming"
        if roll < 0.04:
            return "training"
        if roll < 0.37:
            return "consolidated"
        return "active"

    @api.model
    def _draw_cycle_state(self, rng):
        """The state of the current cycle, None for an association between cycles."""
        roll = rng.random()
        for limit, state in ((0.91, "disbursed"), (0.93, "draft"), (0.95, "submitted")):
            if roll < limit:
                return state
        return "approved" if roll < 0.97 else None

    @api.model
    def _draw_current_dates(self, rng, current_state, frequency, today):
        """(term, disbursement date or None, the date the next cycle starts from)."""
        if current_state == "disbursed":
            step = schedule.FREQUENCY_DAYS[frequency]
            term = rng.choice((3, 4, 4, 4, 5, 6) if frequency == "weekly" else (4, 6, 6, 8))
            count = schedule.installment_count(term, frequency)
            disbursed = today - timedelta(days=rng.randint(3, count * step - 1))
            return term, disbursed, disbursed
        term = rng.choice((4, 4, 5, 6))
        return term, None, today - timedelta(days=rng.randint(5, 30))

    @api.model
    def _plan_prior(self, rng, frequency, start_next, members):
        """The earlier cycle: repaid in full at one catch-up meeting on its maturity."""
        step = schedule.FREQUENCY_DAYS[frequency]
        prior_term = rng.choice((4, 4, 6) if frequency == "weekly" else (4, 6, 8))
        prior_count = schedule.installment_count(prior_term, frequency)
        maturity = start_next - timedelta(days=rng.randint(7, 28))
        first_due = maturity - timedelta(days=step * (prior_count - 1))
        return {
            "state": "closed",
            "term": prior_term,
            "disbursement": first_due - timedelta(days=step),
            "catch_up": maturity,
            "borrowers": {m: 1 for m in members if rng.random() < 0.9},
            "amounts": {},
            "late": {},
        }

    @api.model
    def _plan_current(self, rng, state, term, disbursed, members, prior, today):
        """The current cycle: its borrowers (a second loan for those of the earlier one)
        and, once disbursed, who stopped paying and who missed the last meeting."""
        had = prior["borrowers"] if prior else {}
        current = {
            "state": state,
            "term": term,
            "disbursement": disbursed,
            "borrowers": {m: 2 if m in had else 1 for m in members if rng.random() < 0.9},
            "amounts": {},
            "late": {},
        }
        if disbursed:
            for member in current["borrowers"]:
                roll = rng.random()
                if roll < 0.045:
                    # Stopped paying 5 to 14 weeks ago.
                    current["late"][member] = today - timedelta(days=rng.randint(35, 98))
                elif roll < 0.085:
                    # Missed the last meeting only.
                    current["late"][member] = "last"
        return current

    @api.model
    def _meeting_dates(self, cycle_plan, frequency, today, recent_days):
        """(catch-up date or None, [recent meeting dates]) of a disbursed cycle."""
        step = schedule.FREQUENCY_DAYS[frequency]
        count = schedule.installment_count(cycle_plan["term"], frequency)
        first = cycle_plan["disbursement"] + timedelta(days=step)
        dues = [first + timedelta(days=step * n) for n in range(count)]
        window = today - timedelta(days=recent_days)
        past = [d for d in dues if d <= window]
        recent = [d for d in dues if window < d <= today]
        return (past[-1] if past else None), recent, dues

    @api.model
    def _paid_count(self, plan, member, today, recent_days):
        """(installments of the member's current loan that will be paid, installments)."""
        current = plan["current"]
        frequency = "biweekly" if plan["state"] == "consolidated" else "weekly"
        catch_up, recent, dues = self._meeting_dates(current, frequency, today, recent_days)
        last = recent[-1] if recent else catch_up
        held = [d for d in dues if last and d <= last]
        late = current["late"].get(member)
        if late == "last":
            return (len(held) - 1 if recent else len(held)), len(dues)
        if late:
            return len([d for d in held if d <= late]), len(dues)
        return len(held), len(dues)

    @api.model
    def _scale_amounts(self, plans, target, today, recent_days):
        """Scale the current loans so that the planned outstanding principal is `target`,
        within each woman's ladder (100 to 200 for a first loan, to 400 for a second)."""
        loans = []
        for plan in plans:
            current = plan["current"]
            if not current or current["state"] != "disbursed":
                continue
            for member in current["borrowers"]:
                paid, count = self._paid_count(plan, member, today, recent_days)
                loans.append((current, member, (count - paid) / count))
        base = {(id(c), m): c["amounts"][m] for c, m, _f in loans}
        factor = 1.0
        for _round in range(8):
            total = sum(c["amounts"][m] * f for c, m, f in loans)
            if not total:
                return
            factor *= target / total
            for cycle, member, _f in loans:
                top = 200.0 if cycle["borrowers"][member] == 1 else 400.0
                amount = round(base[(id(cycle), member)] * factor / 10) * 10
                cycle["amounts"][member] = min(max(amount, 100.0), top)

    # ------------------------------------------------------------------ batches

    @api.model
    def _generate_batch(self, setup, plans, today, recent_days=7):
        """Create the associations of `plans` with their history, through the actions.
        Returns the associations created."""
        env = self.env(context=dict(self.env.context, **BULK_CONTEXT))
        self = self.with_env(env)
        rng = random.Random(plans[0]["index"] if plans else 0)
        women = self._create_women(plans, today, rng)
        items = self._create_associations(setup, plans, women, rng)

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
        self._generate_current_cycles(setup, items, today, recent_days, rng)
        having(lambda p: p["suspend"]).action_suspend()
        return env["promujer.association"].union(*(a for _p, a, _w in items))

    @api.model
    def _create_women(self, plans, today, rng):
        """{plan index: [partner ids]}: the members of each planned association."""
        vals, owners = [], []
        for plan in plans:
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
    def _create_associations(self, setup, plans, women, rng):
        """[(plan, association, [partner ids])]: the associations with their board."""
        associations = self.env["promujer.association"].create(
            [self._association_vals(setup, plan, women[plan["index"]], rng) for plan in plans]
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
        cycles.action_disburse()
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
    def _generate_current_cycles(self, setup, items, today, recent_days, rng):
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
            cycles.action_disburse()
            entries = [e for _c, e in disbursed]
            self._post_catch_up(cycles, entries, today, recent_days)
            self._post_recent(cycles, entries, today, recent_days, rng)

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
    def _post_recent(self, cycles, entries, today, recent_days, rng):
        """The meetings of the recent window, one date after the other."""
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
                    plans.append((ids, plan, round_ == len(when) - 1))
            meetings = self.env["promujer.meeting"].create(vals_list)
            for meeting, (ids, plan, last) in zip(meetings, plans, strict=True):
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
