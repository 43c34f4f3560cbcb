"""Load the addon's ``tools`` package without Odoo, as ``promujer_credit_tools``.

The addon package itself imports Odoo, so the unit tests import the database-free money
math directly: ``from promujer_credit_tools import schedule, money, allocation, arrears``.
"""

import importlib.util
import sys
from pathlib import Path

PACKAGE_NAME = "promujer_credit_tools"
TOOLS_DIR = Path(__file__).resolve().parents[3] / "addons" / "promujer_credit" / "tools"


def _load_tools():
    if PACKAGE_NAME in sys.modules:
        return sys.modules[PACKAGE_NAME]
    spec = importlib.util.spec_from_file_location(
        PACKAGE_NAME,
        TOOLS_DIR / "__init__.py",
        submodule_search_locations=[str(TOOLS_DIR)],
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules[PACKAGE_NAME] = package
    try:
        spec.loader.exec_module(package)
    except BaseException:
        del sys.modules[PACKAGE_NAME]
        raise
    return package


_load_tools()
