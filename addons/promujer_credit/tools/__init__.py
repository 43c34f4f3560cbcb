"""Money math of the suite: plain Python, importing nothing from Odoo.

Models call these functions; the tests under ``tests/unit`` run them without a database.
"""
