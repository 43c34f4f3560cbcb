"""A x10 portfolio made in SQL, with its ledger: copies a generated database and
replicates its clients, associations, groups and memberships, cycles, loans,
installments, meetings, meeting lines and allocations, savings accounts and
transactions, joint-liability covers, and the journal entries and items of its cycles,
meetings and savings transactions, N-1 more times with shifted ids (the columns to shift
are read from the foreign keys; entry names and unique codes are suffixed). The as-of
reports and the ledger tie-out then run at x10. See docs/benchmarks.md.

    python3 make_x10.py --source pm_scale_2001 --target pm_scale_x10 [--factor 10]
"""

import argparse
import os
import sys
import time

import psycopg2
from psycopg2 import sql

# The tables replicated, in order. Which of their columns hold ids of a replicated table
# (and are shifted with it) is read from the database's foreign keys; `id` is shifted too.
TABLES = [
    "res_partner",
    "promujer_association",
    "promujer_solidarity_group",
    "promujer_solidarity_group_member_rel",
    "promujer_association_member_rel",
    "promujer_group_membership",
    "promujer_officer_assignment",
    "account_move",
    "account_move_line",
    "promujer_loan_cycle",
    "promujer_loan",
    "promujer_loan_installment",
    "promujer_meeting",
    "promujer_meeting_line",
    "promujer_meeting_allocation",
    "promujer_savings_account",
    "promujer_savings_transaction",
    "promujer_joint_liability",
]
# The entries of the records replicated: what their `promujer_origin_model` names.
ORIGINS = {
    "promujer.loan.cycle": "promujer_loan_cycle",
    "promujer.meeting": "promujer_meeting",
    "promujer.savings.transaction": "promujer_savings_transaction",
}
ORIGIN_FILTER = "promujer_origin_model IN ({})".format(", ".join(f"'{m}'" for m in ORIGINS))
# Text columns made unique per copy.
SUFFIXED = {
    "promujer_association": ("code", "name"),
    "promujer_loan_cycle": ("name",),
    "res_partner": ("promujer_national_id",),
    "account_move": ("name",),
    "account_move_line": ("move_name",),
}
# Only what the generator made: the clients of the portfolio's groups, the entries of
# its cycles, meetings and savings transactions.
ONLY = {
    "res_partner": "id IN (SELECT partner_id FROM promujer_solidarity_group_member_rel)",
    "account_move": ORIGIN_FILTER,
    "account_move_line": f"move_id IN (SELECT id FROM account_move WHERE {ORIGIN_FILTER})",
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


def references(cr):
    """table -> {column: replicated table whose ids it holds}, `id` first."""
    cr.execute(
        """
        SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%(tables)s)
           AND c.confrelid::regclass::text = ANY(%(tables)s)
         ORDER BY 1, 2
        """,
        {"tables": TABLES},
    )
    refs = {table: {} for table in TABLES}
    for table, column, target in cr.fetchall():
        refs[table][column] = target
    for table in TABLES:
        cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'id'",
            [table],
        )
        if cr.fetchone():
            refs[table] = {"id": table, **refs[table]}
    return refs


def highest_ids(cr):
    """table -> its highest id, for every replicated table with ids."""
    top = {}
    for table in TABLES:
        cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'id'",
            [table],
        )
        if cr.fetchone():
            cr.execute(sql.SQL("SELECT COALESCE(MAX(id), 0) FROM {}").format(sql.Identifier(table)))
            top[table] = cr.fetchone()[0]
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
        elif table == "account_move" and column == "promujer_origin_id":
            # The record an entry belongs to: shifted with that record's table.
            cases = [
                sql.SQL("WHEN {} THEN {} + {}").format(
                    sql.Literal(model), ident, sql.Literal(k * top[origin])
                )
                for model, origin in ORIGINS.items()
            ]
            exprs.append(
                sql.SQL("CASE promujer_origin_model {} ELSE {} END").format(
                    sql.SQL(" ").join(cases), ident
                )
            )
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
        # The copies reference each other in every direction (a client her group, a
        # cycle its entry): foreign keys are checked by the tie-out after, not row by row.
        cr.execute("SET LOCAL session_replication_role = replica")
        top = highest_ids(cr)
        refs = references(cr)
        for table in TABLES:
            replicate(cr, table, refs[table], top, args.factor)
            print(f"{table}: x{args.factor} ({time.monotonic() - start:.0f} s)", file=sys.stderr)
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute("VACUUM ANALYZE")
    print(f"{args.target}: {args.factor} x {args.source} in {time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
