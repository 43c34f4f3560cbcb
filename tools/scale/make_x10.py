"""A x10 portfolio for the SQL-bound benchmarks (3 and 4), made in SQL: copies a generated
database and replicates its clients, associations, groups, cycles, loans, installments,
meetings, meeting lines and allocations N-1 more times with shifted ids. The accounting
(journal entries, savings) is not replicated: the x10 database serves the arrears update
and the portfolio reports only. See docs/benchmarks.md.

    python3 make_x10.py --source pm_scale_2001 --target pm_scale_x10 [--factor 10]
"""

import argparse
import os
import sys
import time

import psycopg2
from psycopg2 import sql

# table -> {column: table whose ids it holds}; every listed table is replicated.
TABLES = [
    ("res_partner", {"id": "res_partner", "commercial_partner_id": "res_partner"}),
    (
        "promujer_association",
        {
            "id": "promujer_association",
            "president_id": "res_partner",
            "treasurer_id": "res_partner",
            "secretary_id": "res_partner",
        },
    ),
    (
        "promujer_solidarity_group",
        {
            "id": "promujer_solidarity_group",
            "association_id": "promujer_association",
            "leader_id": "res_partner",
        },
    ),
    (
        "promujer_solidarity_group_member_rel",
        {"group_id": "promujer_solidarity_group", "partner_id": "res_partner"},
    ),
    (
        "promujer_association_member_rel",
        {"association_id": "promujer_association", "partner_id": "res_partner"},
    ),
    (
        "promujer_loan_cycle",
        {"id": "promujer_loan_cycle", "association_id": "promujer_association"},
    ),
    (
        "promujer_loan",
        {
            "id": "promujer_loan",
            "cycle_id": "promujer_loan_cycle",
            "association_id": "promujer_association",
            "partner_id": "res_partner",
            "group_id": "promujer_solidarity_group",
        },
    ),
    (
        "promujer_loan_installment",
        {
            "id": "promujer_loan_installment",
            "loan_id": "promujer_loan",
            "partner_id": "res_partner",
            "cycle_id": "promujer_loan_cycle",
            "association_id": "promujer_association",
        },
    ),
    (
        "promujer_meeting",
        {
            "id": "promujer_meeting",
            "association_id": "promujer_association",
            "cycle_id": "promujer_loan_cycle",
        },
    ),
    (
        "promujer_meeting_line",
        {
            "id": "promujer_meeting_line",
            "meeting_id": "promujer_meeting",
            "partner_id": "res_partner",
            "loan_id": "promujer_loan",
            "group_id": "promujer_solidarity_group",
        },
    ),
    (
        "promujer_meeting_allocation",
        {
            "id": "promujer_meeting_allocation",
            "line_id": "promujer_meeting_line",
            "meeting_id": "promujer_meeting",
            "installment_id": "promujer_loan_installment",
        },
    ),
]
# Text columns made unique per copy.
SUFFIXED = {
    "promujer_association": ("code", "name"),
    "promujer_loan_cycle": ("name",),
    "res_partner": ("promujer_national_id",),
}
# Only what the generator made (clients of the portfolio's groups).
ONLY = {
    "res_partner": "id IN (SELECT partner_id FROM promujer_solidarity_group_member_rel)",
}


def connect(db):
    return psycopg2.connect(
        host=os.environ.get("PGHOST", "127.0.0.1"),
        port=os.environ.get("PGPORT", "5432"),
        user=os.environ.get("PGUSER"),
        dbname=db,
    )


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", default="pm_scale_2001")
    parser.add_argument("--target", default="pm_scale_x10")
    parser.add_argument("--factor", type=int, default=10)
    return parser.parse_args(argv)


def copy_database(source, target):
    """target (dropped first) a copy of source."""
    admin = connect("postgres")
    admin.autocommit = True
    with admin.cursor() as cr:
        cr.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(target)))
        cr.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(target), sql.Identifier(source)
            )
        )


def highest_ids(cr):
    """table -> its highest id, for every table whose ids are shifted."""
    top = {}
    for _table, refs in TABLES:
        for ref in set(refs.values()):
            if ref not in top:
                cr.execute(
                    sql.SQL("SELECT COALESCE(MAX(id), 0) FROM {}").format(sql.Identifier(ref))
                )
                top[ref] = cr.fetchone()[0]
    return top


def copy_expressions(table, refs, columns, top, k):
    """The SELECT list of copy k of table: ids shifted, unique texts suffixed."""
    exprs = []
    for column in columns:
        ident = sql.Identifier(column)
        if column in refs:
            exprs.append(sql.SQL("{} + {}").format(ident, sql.Literal(k * top[refs[column]])))
        elif column in SUFFIXED.get(table, ()):
            exprs.append(sql.SQL("{} || {}").format(ident, sql.Literal(f"-x{k}")))
        else:
            exprs.append(ident)
    return exprs


def replicate(cr, table, refs, top, factor):
    """The original rows of table copied factor-1 more times, its id sequence moved on."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s ORDER BY ordinal_position",
        [table],
    )
    columns = [row[0] for row in cr.fetchall()]
    first_ref = next(iter(refs))
    original = sql.SQL("{} <= %s").format(sql.Identifier(first_ref))
    where = sql.SQL(" AND ").join([original] + ([sql.SQL(ONLY[table])] if table in ONLY else []))
    for k in range(1, factor):
        cr.execute(
            sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {} WHERE ").format(
                sql.Identifier(table),
                sql.SQL(", ").join(map(sql.Identifier, columns)),
                sql.SQL(", ").join(copy_expressions(table, refs, columns, top, k)),
                sql.Identifier(table),
            )
            + where,
            [top[refs[first_ref]]],
        )
    if "id" in columns:
        cr.execute(
            sql.SQL("SELECT setval(pg_get_serial_sequence(%s, 'id'), MAX(id)) FROM {}").format(
                sql.Identifier(table)
            ),
            [table],
        )


def main(argv):
    args = parse_args(argv)
    copy_database(args.source, args.target)
    conn = connect(args.target)
    start = time.monotonic()
    with conn, conn.cursor() as cr:
        top = highest_ids(cr)
        for table, refs in TABLES:
            replicate(cr, table, refs, top, args.factor)
            print(f"{table}: x{args.factor} ({time.monotonic() - start:.0f} s)", file=sys.stderr)
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute("VACUUM ANALYZE")
    print(f"{args.target}: {args.factor} x {args.source} in {time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
