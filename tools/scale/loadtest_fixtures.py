"""The load test's fixtures: one clerk per Focal Center (a low-rights user), the
associations and cycles she posts meetings for, savings to withdraw, cycles to disburse.
See loadtest.py."""

import sys
import time
from datetime import timedelta

from benchmark import approved_cycle, association_of_30
from common import fmt_duration, suite_env

from odoo import Command


def ensure_user(env, login, company, companies, groups):
    """A user (login = password) of `companies`, with only the given groups."""
    Users = env["res.users"].with_context(no_reset_password=True, active_test=False)
    user = Users.search([("login", "=", login)])
    values = {
        "company_id": company.id,
        "company_ids": [Command.set(companies.ids)],
        "groups_id": [Command.set([env.ref("base.group_user").id, *(g.id for g in groups)])],
        "active": True,
    }
    if user:
        user.write(values)
    else:
        user = Users.create({"name": login, "login": login, "password": login, **values})
    return user


def clerk_users(env, center, index):
    """The clerk's officer and accountant users, of her Focal Center only."""
    officer = ensure_user(
        env,
        f"lt_officer_{index + 1:02d}",
        center,
        center,
        [env.ref("promujer_credit.group_loan_officer")],
    )
    accountant = ensure_user(
        env,
        f"lt_accountant_{index + 1:02d}",
        center,
        center,
        [env.ref("account.group_account_invoice")],
    )
    return officer, accountant


def pending_work(env, center, prefix, today):
    """The load test's associations of the center with meetings not yet posted:
    ([(association, cycle, dates to post)], how many meetings in all)."""
    Association = env["promujer.association"]
    work, left = [], 0
    for association in Association.search(
        [("company_id", "=", center.id), ("name", "=like", f"{prefix} %")], order="id"
    ):
        cycle = association.cycle_ids.filtered(lambda c: c.state == "disbursed")[:1]
        if not cycle:
            continue
        last = max(
            cycle.meeting_ids.filtered(lambda m: m.state == "posted").mapped("date"),
            default=None,
        )
        dates = sorted(
            {
                d
                for d in cycle.loan_ids.installment_ids.mapped("due_date")
                if d <= today and (last is None or d > last)
            }
        )
        if dates:
            work.append((association, cycle, dates))
            left += len(dates)
    return work, left


def voluntary_savings(env, setup, work, today):
    """Up to 5 voluntary savings accounts with a balance to withdraw from (some of the
    first association's women opened and credited when fewer are left)."""
    Savings = env["promujer.savings.account"]
    savings = Savings.search(
        [
            ("association_id", "in", [a.id for a, _c, _d in work]),
            ("kind", "=", "voluntary"),
            ("balance", ">=", 1.0),
        ]
    )
    if len(savings) < 5:
        first = work[0][0]
        women = first.member_ids.sorted("id")[:5] - savings.partner_id
        existing = Savings.search([("association_id", "=", first.id), ("kind", "=", "voluntary")])
        new = Savings.create(
            [
                {
                    "partner_id": woman.id,
                    "association_id": first.id,
                    "kind": "voluntary",
                    "currency_id": setup["product"].currency_id.id,
                }
                for woman in women - existing.partner_id
            ]
        )
        accounts = (existing | new).filtered(lambda a: a.partner_id in women)
        env["promujer.savings.transaction"].create(
            [
                {"account_id": account.id, "kind": "deposit", "amount": 50.0, "date": today}
                for account in accounts
            ]
        ).action_post()
        savings |= accounts
    return savings


def clerk_fixtures(env, setup, index, today, need, disburse):
    """One clerk's work, kept between runs: her officer and accountant users; associations
    of 30 women named "Load test <center> ..." with an 8-month weekly cycle disbursed 34
    weeks ago, whose meetings not yet posted she posts in date order (new associations
    when fewer than `need` are left); voluntary savings to withdraw from; a cycle
    approved today for her accountant to disburse if `disburse`."""
    center = setup["centers"][index]
    officer, accountant = clerk_users(env, center, index)
    prefix = f"Load test {center.name}"
    work, left = pending_work(env, center, prefix, today)
    tag = str(int(time.time() * 1000))
    while left < need:
        association = association_of_30(env, setup, f"L{tag}C{index}N{len(work)}", center)
        association.name = f"{prefix} {tag}-{len(work)}"
        cycle = approved_cycle(env, setup, association, today - timedelta(weeks=34), term_months=8)
        cycle.action_disburse()
        dates = sorted({d for d in cycle.loan_ids.installment_ids.mapped("due_date") if d <= today})
        work.append((association, cycle, dates))
        left += len(dates)
    savings = voluntary_savings(env, setup, work, today)
    to_disburse = []
    if disburse:
        association = association_of_30(env, setup, f"L{tag}C{index}D", center)
        association.name = f"{prefix} {tag}-to-disburse"
        to_disburse = approved_cycle(env, setup, association, today).ids
    return {
        "center": center.name,
        "officer": officer.login,
        "accountant": accountant.login,
        "associations": [
            {"association_id": a.id, "cycle_id": c.id, "dates": [str(d) for d in dates]}
            for a, c, dates in work
        ],
        "to_disburse": to_disburse,
        "savings": savings.ids[:5],
    }


def fixtures(reg, clerks, need, today, disbursing):
    """Every clerk's work (clerk_fixtures), and a director user in every branch."""
    plan = []
    started = time.monotonic()
    with reg.cursor() as cr:
        env, root = suite_env(cr)
        setup = env["promujer.portfolio.generator"]._setup_institution(root)
        if clerks > len(setup["centers"]):
            sys.exit(f"{clerks} clerks, {len(setup['centers'])} Focal Centers: one clerk each")
        tree = env["res.company"].search([("id", "child_of", root.id)])
        ensure_user(
            env, "lt_director", root, tree, [env.ref("promujer_credit.group_branch_manager")]
        )
        cr.commit()
    for index in range(clerks):
        with reg.cursor() as cr:
            env, root = suite_env(cr)
            setup = env["promujer.portfolio.generator"]._setup_institution(root)
            plan.append(clerk_fixtures(env, setup, index, today, need, index % disbursing == 0))
            cr.commit()
        sys.stderr.write(
            f"\rfixtures: {index + 1}/{clerks} clerks ({fmt_duration(time.monotonic() - started)})"
        )
    sys.stderr.write("\n")
    return plan


# ---------------------------------------------------------------------- the run
