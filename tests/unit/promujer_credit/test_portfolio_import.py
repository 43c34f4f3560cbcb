"""Reading and checking the spreadsheets of an imported portfolio."""

import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from promujer_credit_tools import portfolio_import as pi

D = Decimal


def _table(file, rows):
    return pi.read_table(f"{file}.csv", pi.write_csv(file, rows))


def test_csv_rows_become_typed_values():
    table = _table(
        "clients",
        [
            {
                "name": "Ana",
                "id_number": "123",
                "gender": "F",
                "birth_date": "15/03/1980",
                "phone": "",
            }
        ],
    )
    records, problems = pi.parse_rows("clients", table)
    assert problems == []
    assert records == [
        {
            "row": 2,
            "name": "Ana",
            "id_number": "123",
            "gender": "female",
            "birth_date": date(1980, 3, 15),
            "phone": None,
            "invalid": False,
        }
    ]


def test_xlsx_cells_are_read_with_their_types():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(pi.header("loans"))
    sheet.append(["A1", 2, "VB", datetime(2024, 1, 15), 4567.0, 1000, 4, 250.5, 30])
    out = io.BytesIO()
    book.save(out)
    records, problems = pi.parse_rows("loans", pi.read_table("loans.xlsx", out.getvalue()))
    assert problems == []
    rec = records[0]
    assert rec["id_number"] == "4567"
    assert rec["disbursement_date"] == date(2024, 1, 15)
    assert rec["amount"] == D("1000.00")
    assert rec["principal_paid"] == D("250.50")
    assert rec["cycle_number"] == 2


def test_every_bad_cell_is_reported_by_row_and_column():
    table = _table(
        "loans",
        [
            {"association": "A", "cycle_number": "x", "product": "VB"},
            {
                "association": "A",
                "cycle_number": 1,
                "product": "VB",
                "disbursement_date": "2024-02-30",
                "id_number": "1",
                "amount": "-5",
                "term_months": 4,
                "principal_paid": "1.234",
                "interest_paid": 0,
            },
        ],
    )
    records, problems = pi.parse_rows("loans", table)
    assert [rec["invalid"] for rec in records] == [True, True]
    assert [(p[1], p[2]) for p in problems] == [
        (2, "cycle_number"),
        (2, "disbursement_date"),
        (2, "id_number"),
        (2, "amount"),
        (2, "term_months"),
        (2, "principal_paid"),
        (2, "interest_paid"),
        (3, "disbursement_date"),
        (3, "amount"),
        (3, "principal_paid"),
    ]


def test_missing_columns_and_files():
    assert pi.parse_rows("clients", [])[1] == [("clients", 0, "", "the file is missing or empty")]
    assert pi.parse_rows("savings", []) == ([], [])
    problems = pi.parse_rows("groups", [["association", "group"]])[1]
    assert [(p[1], p[2]) for p in problems] == [(1, "meeting_weekday"), (1, "id_number")]


def test_consistency_between_files():
    client = {"name": "N", "gender": "female", "birth_date": date(1980, 1, 1), "phone": None}
    data = {
        "clients": [
            {"row": 2, "id_number": "1", **client},
            {"row": 3, "id_number": "2", **client},
            {"row": 4, "id_number": "2", **client},
        ],
        "groups": [
            {"row": 2, "association": "A", "meeting_weekday": "0", "group": "G", "id_number": "1"},
            {"row": 3, "association": "A", "meeting_weekday": "1", "group": "G", "id_number": "2"},
            {"row": 4, "association": "B", "meeting_weekday": "1", "group": "G", "id_number": "9"},
        ],
        "loans": [
            {
                "row": 2,
                "association": "A",
                "cycle_number": 1,
                "product": "VB",
                "disbursement_date": date(2024, 1, 1),
                "id_number": "1",
                "amount": D(100),
                "term_months": 4,
                "principal_paid": D(101),
                "interest_paid": D(0),
            }
        ],
        "savings": [{"row": 2, "association": "B", "id_number": "1", "balance": D(5)}],
        "internal": [{"row": 2, "association": "Z", "balance": D(5)}],
    }
    for records in data.values():
        for rec in records:
            rec["invalid"] = False
    assert pi.check_consistency(data) == [
        ("clients", 4, "id_number", "this ID number is repeated"),
        ("groups", 3, "meeting_weekday", "the association meets on another day"),
        ("groups", 4, "id_number", "not a client of the file"),
        ("loans", 2, "principal_paid", "she paid more than the loan's amount"),
        ("savings", 2, "id_number", "not a member of this association"),
        ("internal", 2, "association", "not an association of the file"),
    ]


def test_a_bad_row_reports_its_cells_only():
    """A client row with a bad cell does not make her group, loan and savings rows fail."""
    tables = {
        "clients": _table(
            "clients", [{"name": "", "id_number": "1", "gender": "F", "birth_date": "1980-01-01"}]
        ),
        "groups": _table(
            "groups",
            [{"association": "A", "meeting_weekday": "Lunes", "group": "G", "id_number": "1"}],
        ),
        "savings": _table("savings", [{"association": "A", "id_number": "1", "balance": "5"}]),
    }
    data, problems = {}, []
    for file, table in tables.items():
        data[file], found = pi.parse_rows(file, table)
        problems += found
    problems += pi.check_consistency(data)
    assert problems == [("clients", 2, "name", "is empty")]


def test_payments_go_to_the_first_installments():
    lines = [(D(25), D(3)), (D(25), D(3)), (D(25), D(3)), (D(25), D(3))]
    assert pi.mark_paid(lines, D(60), D(7)) == [
        (D(25), D(3)),
        (D(25), D(3)),
        (D(10), D(1)),
        (D(0), D(0)),
    ]
    with pytest.raises(ValueError):
        pi.mark_paid(lines, D(101), D(0))
