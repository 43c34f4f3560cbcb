"""A small generated portfolio (three associations through several meetings) on top of
the demo, made with the portfolio generator of the version being upgraded from.
Run with `odoo shell -d DB < portfolio.py`."""
# ruff: noqa: F821 - `env` is the shell's

from odoo import Command, fields

root = env.ref("promujer_credit.company_promujer_bolivia")
admin = env.ref("base.user_admin")
tree = env["res.company"].search([("id", "child_of", root.id)])
admin.write(
    {
        "groups_id": [
            Command.link(env.ref("promujer_credit.group_suite_admin").id),
            Command.link(env.ref("account.group_account_manager").id),
        ],
        "company_ids": [Command.link(c.id) for c in tree],
    }
)
gen_env = env(user=admin, su=True, context={"allowed_company_ids": [root.id, *(tree - root).ids]})
generator = gen_env["promujer.portfolio.generator"]
today = fields.Date.context_today(generator)
setup = generator._setup_institution(root.with_env(gen_env))
plans = generator._plan(
    setup["centers"], today, seed=11, associations=3, clients=60, portfolio_usd=7000.0
)
for plan in plans:
    plan["index"] += 8_000_000
associations = generator._generate_batch(setup, plans, today)
generator._finish(today)
env.cr.commit()
print("generated", len(associations), "associations,", len(associations.meeting_ids), "meetings")
