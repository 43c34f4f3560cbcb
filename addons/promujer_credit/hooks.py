# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Charts of accounts installed before the suite get its accounts too."""
    env["account.chart.template"]._promujer_load_accounts()
