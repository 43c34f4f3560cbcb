"""The addons' manifests, checked without Odoo: versions, licences, dependencies."""

import ast
from pathlib import Path

import pytest

ADDONS = Path(__file__).resolve().parents[2] / "addons"
SUITE = ["promujer_credit", "promujer_training", "promujer_health", "promujer_reports"]
# docs/architecture.md: the four addons' dependencies. Health needs only credit (its
# education sessions are counted as coverage by reports, which depends on both).
DEPENDS = {
    "promujer_credit": {"account", "hr", "mail"},
    "promujer_training": {"promujer_credit"},
    "promujer_health": {"promujer_credit"},
    "promujer_reports": {"promujer_training", "promujer_health"},
}


def manifest(addon):
    return ast.literal_eval((ADDONS / addon / "__manifest__.py").read_text())


def test_the_suite_is_four_addons():
    found = sorted(p.parent.name for p in ADDONS.glob("*/__manifest__.py"))
    assert found == sorted(SUITE)


@pytest.mark.parametrize("addon", SUITE)
def test_manifest_follows_oca_style(addon):
    data = manifest(addon)
    assert data["version"].startswith("18.0.") and len(data["version"].split(".")) == 5
    assert data["license"] in ("AGPL-3", "LGPL-3")
    assert data["author"] == "Pro Mujer Bolivia"
    assert data["summary"] and data["category"]
    assert "description" not in data
    assert (ADDONS / addon / "static/description/icon.png").is_file()
    assert (ADDONS / addon / "readme/DESCRIPTION.md").is_file()


@pytest.mark.parametrize("addon", SUITE)
def test_manifest_depends_as_designed(addon):
    depends = set(manifest(addon)["depends"])
    assert depends >= DEPENDS[addon]
    suite_depends = depends & set(SUITE)
    assert suite_depends == DEPENDS[addon] & set(SUITE)
    # No addon of the suite depends on one that comes after it in the chain.
    later = SUITE[SUITE.index(addon) + 1 :]
    assert not set(manifest(addon)["depends"]) & set(later)


@pytest.mark.parametrize("addon", SUITE)
def test_manifest_files_exist(addon):
    data = manifest(addon)
    for key in ("data", "demo"):
        for name in data.get(key, []):
            assert (ADDONS / addon / name).is_file(), f"{addon}: {key} file {name} is missing"
