# shellcheck shell=bash
# Shared by setup/demo, setup/test and the other setup commands: finds Odoo 18.0 and
# PostgreSQL, installs the Python packages the suite needs into the Python that runs
# Odoo, and generates setup/odoo.conf. Source it; do not run it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SETUP="$ROOT/setup"
STATE="$SETUP/.state"
PY=${PYTHON:-python3}
export TZ=UTC
export PGHOST=${PGHOST:-127.0.0.1}
export PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-$(id -un)}

# The addons of the suite, in dependency order, and what the demo and the tests install.
SUITE_MODULES="promujer_credit,promujer_training,promujer_health,promujer_reports"
# The Bolivian chart of accounts: the demo company uses it when it is installed.
INSTALL_MODULES="l10n_bo,$SUITE_MODULES"
# Development-only addons (tools/addons: the portfolio generator), never in production:
# the tests, the benchmarks, the generated portfolios and the upgrade test install them.
DEV_MODULES="promujer_scale"

ODOO_OFFICIAL="https://github.com/odoo/odoo (branch 18.0)"

die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

say() {
    printf '==> %s\n' "$*"
}

# Odoo is taken, in this order, from: an importable `odoo` package; ODOO_SRC pointing at a
# source checkout. Sets ODOO_ROOT (the directory holding the `odoo` package).
find_odoo() {
    "$PY" -c 'import sys' 2>/dev/null || die "no Python interpreter '$PY' (set PYTHON to the Python that runs Odoo)"
    local where
    # find_spec locates the package without importing it: on a new machine Odoo's source
    # may be on the path (a .pth file) before its own requirements are installed.
    if where=$("$PY" -c '
import importlib.util, os, sys
spec = importlib.util.find_spec("odoo")
if spec is None or not spec.origin or not os.path.isfile(spec.origin):
    sys.exit(1)
print(os.path.dirname(os.path.dirname(os.path.abspath(spec.origin))))' 2>/dev/null); then
        ODOO_ROOT=$where
    elif [ -n "${ODOO_SRC:-}" ]; then
        [ -f "$ODOO_SRC/odoo/__init__.py" ] && [ -f "$ODOO_SRC/odoo/release.py" ] \
            || die "ODOO_SRC=$ODOO_SRC is not an Odoo source checkout: it has no odoo/__init__.py. Point it at the directory that holds odoo-bin."
        ODOO_ROOT=$(cd "$ODOO_SRC" && pwd)
        export PYTHONPATH="$ODOO_ROOT${PYTHONPATH:+:$PYTHONPATH}"
    else
        die "Odoo 18.0 is not importable by $PY and ODOO_SRC is not set.
  Odoo 18.0 Community is on no package registry. Get its source from $ODOO_OFFICIAL, e.g.
      git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git ~/odoo18
  then run this command again with ODOO_SRC pointing at it:
      ODOO_SRC=~/odoo18 $0"
    fi
    local version
    version=$(PYTHONPATH="${PYTHONPATH:-}" "$PY" - "$ODOO_ROOT" <<'EOF'
import runpy, sys
release = runpy.run_path(sys.argv[1] + "/odoo/release.py")
print("%s.%s" % release["version_info"][:2])
EOF
    ) || die "cannot read the version of the Odoo in $ODOO_ROOT"
    [ "$version" = "18.0" ] || die "the Odoo in $ODOO_ROOT is version $version; this suite needs 18.0 ($ODOO_OFFICIAL)"
}

# Odoo's own requirements, adapted to what installs from PyPI on this Python: the binary
# psycopg2 (no pg_config needed), a cbor2 that has wheels, and no python-ldap (only the
# auth_ldap addon uses it, and it needs the OpenLDAP headers to build).
_odoo_requirements() {
    local req="$ODOO_ROOT/requirements.txt"
    [ -f "$req" ] || return 0
    sed -E \
        -e 's/^cbor2==5\.4\.2[^;]*/cbor2>=5.6,<6 /' \
        -e 's/^psycopg2==/psycopg2-binary==/' \
        -e '/^python-ldap/d' \
        "$req"
}

install_requirements() {
    mkdir -p "$STATE"
    local wanted="$STATE/requirements.wanted" stamp="$STATE/requirements.done"
    { _odoo_requirements; cat "$SETUP/requirements.txt"; "$PY" -c 'import sys; print("#", sys.executable, sys.version)'; } > "$wanted"
    if [ -f "$stamp" ] && cmp -s "$wanted" "$stamp" && "$PY" -c 'import odoo, psycopg2, pytest_odoo, pylint_odoo, hypothesis' 2>/dev/null; then
        return 0
    fi
    say "installing Python packages into $("$PY" -c 'import sys; print(sys.prefix)')"
    local pipargs=(-m pip install --quiet --disable-pip-version-check)
    if [ -f "$ODOO_ROOT/requirements.txt" ]; then
        _odoo_requirements > "$STATE/odoo-requirements.txt"
        pipargs+=(-r "$STATE/odoo-requirements.txt")
    fi
    pipargs+=(-r "$SETUP/requirements.txt")
    # pip's own chatter about unreachable local indexes is noise; its errors are kept.
    if ! "$PY" "${pipargs[@]}" 2>&1 | { grep -v -e "^WARNING: Location '" -e "Running pip as the 'root' user" || true; }; then
        die "pip could not install the requirements (see above)"
    fi
    cp "$wanted" "$stamp"
}

# Debian packages the suite needs beside Python: Chromium for the browser tours,
# wkhtmltopdf for PDF printing, poppler-utils (pdftotext) for the PDF tests, gettext
# (msgmerge) for the translations, and the DejaVu fonts the printed documents use.
SYSTEM_PACKAGES="chromium:chromium wkhtmltopdf:wkhtmltopdf pdftotext:poppler-utils msgmerge:gettext"

install_system_packages() {
    local missing=() entry
    for entry in $SYSTEM_PACKAGES; do
        command -v "${entry%%:*}" >/dev/null 2>&1 || missing+=("${entry#*:}")
    done
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
    [ "${#missing[@]}" -eq 0 ] && return 0
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
    command -v apt-get >/dev/null 2>&1 \
        || die "missing ${missing[*]} and no apt-get here: install them with your system's packages (Debian: apt-get install ${missing[*]})"
    say "installing Debian packages: ${missing[*]}"
    if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}" >"$STATE/apt.log" 2>&1; then
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -q >>"$STATE/apt.log" 2>&1 || true
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}" >>"$STATE/apt.log" 2>&1 \
            || die "apt-get could not install ${missing[*]} (see $STATE/apt.log)"
    fi
}

# PostgreSQL from PGHOST/PGPORT/PGUSER (PGPASSWORD if needed). Nothing else is tried.
check_postgres() {
    [ "$PGUSER" != "postgres" ] || die "PGUSER is 'postgres': Odoo refuses to run as the PostgreSQL superuser 'postgres'. Create a role for yourself (createuser -s \$(whoami)) and use it."
    "$PY" - <<'EOF' || exit 1
import os, sys
import psycopg2
dsn = dict(host=os.environ["PGHOST"], port=os.environ["PGPORT"], user=os.environ["PGUSER"], dbname="postgres", connect_timeout=5)
try:
    psycopg2.connect(**dsn).close()
except psycopg2.OperationalError as exc:
    sys.stderr.write(
        "ERROR: PostgreSQL does not answer at %(host)s:%(port)s as role %(user)s:\n  %(err)s\n"
        "  Start a PostgreSQL server (e.g. `pg_ctlcluster 15 main start`, or `sudo systemctl start postgresql`),\n"
        "  create your role (`sudo -u postgres createuser -s $USER`), or point PGHOST, PGPORT, PGUSER\n"
        "  (and PGPASSWORD) at a server that answers.\n" % dict(dsn, err=str(exc).strip())
    )
    sys.exit(1)
EOF
}

# setup/odoo.conf: generated on every run, never edited by hand.
write_config() {
    mkdir -p "$STATE/data"
    local paths="$ROOT/addons,$ROOT/tools/addons"
    [ -d "$ODOO_ROOT/addons/account" ] && paths="$paths,$ODOO_ROOT/addons"
    # Addons installed from PyPI (odoo-addon-* wheels) live in site-packages/odoo/addons.
    local extra
    extra=$("$PY" - "$ODOO_ROOT" <<'EOF'
import os, site, sys
seen = {os.path.realpath(os.path.join(sys.argv[1], "odoo", "addons"))}
for base in site.getsitepackages() + [site.getusersitepackages()]:
    path = os.path.join(base, "odoo", "addons")
    if os.path.isdir(path) and os.path.realpath(path) not in seen:
        if any(os.path.isfile(os.path.join(path, d, "__manifest__.py")) for d in os.listdir(path)):
            print(path)
EOF
    )
    local p
    for p in $extra; do paths="$paths,$p"; done
    cat > "$SETUP/odoo.conf" <<EOF
; Generated by setup/lib.sh on every run: do not edit, your changes would be lost.
[options]
addons_path = $paths
data_dir = $STATE/data
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = ${PGPASSWORD:-False}
http_interface = ${ODOO_HTTP_INTERFACE:-127.0.0.1}
http_port = ${ODOO_HTTP_PORT:-8069}
EOF
}

prepare() {
    find_odoo
    install_requirements
    install_system_packages
    check_postgres
    write_config
    say "Odoo 18.0 from $ODOO_ROOT; PostgreSQL at $PGHOST:$PGPORT as $PGUSER"
}

odoo_cli() {
    "$PY" -m odoo -c "$SETUP/odoo.conf" "$@"
}

# Drops a database and its filestore, if they exist.
drop_database() {
    local db=$1
    "$PY" - "$db" <<'EOF'
import os, sys
import psycopg2
from psycopg2 import sql
db = sys.argv[1]
conn = psycopg2.connect(host=os.environ["PGHOST"], port=os.environ["PGPORT"], user=os.environ["PGUSER"], dbname="postgres")
conn.autocommit = True
with conn.cursor() as cr:
    cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [db])
    cr.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(db)))
conn.close()
EOF
    rm -rf "$STATE/data/filestore/$db"
}
