# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The plan of a generated portfolio: how many associations per branch, their sizes, states
and cycles, who is late, and the amounts scaled to the portfolio aimed at. Plain draws from
a seeded random generator, in a fixed order: the same seed gives the same portfolio."""

import math
import random
from datetime import timedelta

from odoo import api, models

from odoo.addons.promujer_credit.tools import schedule

from .promujer_portfolio_generator import (
    MAX_MEMBERS,
    MIN_MEMBERS,
    REGION_WEIGHTS,
    SEED_ASSOCIATIONS,
    SEED_CLIENTS,
    SEED_PORTFOLIO_USD,
)


class PromujerPortfolioGenerator(models.AbstractModel):
    _inherit = "promujer.portfolio.generator"

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
            plan = self._plan_association(
                rng, index, branch_of[index], sizes[index], today, recent_days, prior_share
            )
            # The seed of what the generation draws for this association: the same
            # whichever batch or process generates it.
            plan["seed"] = f"{seed}:{index}"
            plans.append(plan)
        self._scale_amounts(plans, portfolio_usd, today, recent_days)
        return plans

    @api.model
    def _plan_lanes(self, plans, lanes):
        """The plans split by Focal Center into `lanes` lists of about as many
        associations each, for processes generating side by side: a Focal Center's
        associations stay in one lane, in the order of the plan."""
        per_branch = {}
        for plan in plans:
            per_branch.setdefault(plan["branch_id"], []).append(plan)
        split = [[] for _n in range(lanes)]
        for branch_plans in sorted(per_branch.values(), key=len, reverse=True):
            min(split, key=len).extend(branch_plans)
        return [sorted(lane, key=lambda p: p["index"]) for lane in split]

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
