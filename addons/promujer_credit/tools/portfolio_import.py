# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reading and checking the spreadsheets of a portfolio brought in mid-schedule.

Pure functions, no Odoo: rows (dicts of header -> raw cell) become typed values, and
every problem is a (file, row, column, message) tuple, row 1 being the header row; the
message is a `Text`, English, that the model translates.
What only the database can see (unknown product, ID already a client...) is checked by
the `promujer.portfolio.import` model on the parsed values."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal, InvalidOperation


class Text(str):
    """A message in English (its value) with its template and parameters, so that the
    model shows it in the user's language: ``env._(text.template, **text.params)``."""

    def __new__(cls, template, **params):
        text = super().__new__(cls, template % params if params else template)
        text.template, text.params = template, params
        return text


# The name Odoo's translation export looks for: these messages go to the addon's .pot.
_lt = Text

# The files, their columns (in template order) and the type of each column.
FILES = {
    "clients": [
        ("name", "text"),
        ("id_number", "text"),
        ("gender", "gender"),
        ("birth_date", "date"),
        ("phone", "text?"),
    ],
    "groups": [
        ("association", "text"),
        ("meeting_weekday", "weekday"),
        ("group", "text"),
        ("id_number", "text"),
    ],
    "loans": [
        ("association", "text"),
        ("cycle_number", "int"),
        ("product", "text"),
        ("disbursement_date", "date"),
        ("id_number", "text"),
        ("amount", "amount+"),
        ("term_months", "int"),
        ("principal_paid", "amount"),
        ("interest_paid", "amount"),
    ],
    "schedule": [
        ("id_number", "text"),
        ("due_date", "date"),
        ("principal", "amount"),
        ("interest", "amount"),
    ],
    "savings": [
        ("association", "text"),
        ("id_number", "text"),
        ("balance", "amount"),
    ],
    "internal": [
        ("association", "text"),
        ("balance", "amount"),
    ],
}
# The files every import needs; the others may be left empty.
REQUIRED_FILES = ("clients", "groups")

WEEKDAYS = {
    "monday": "0",
    "tuesday": "1",
    "wednesday": "2",
    "thursday": "3",
    "friday": "4",
    "saturday": "5",
    "sunday": "6",
    "lunes": "0",
    "martes": "1",
    "miercoles": "2",
    "miércoles": "2",
    "jueves": "3",
    "viernes": "4",
    "sabado": "5",
    "sábado": "5",
    "domingo": "6",
}
GENDERS = {"f": "female", "female": "female", "m": "male", "male": "male"}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def header(file):
    """The header row of a file's template."""
    return [name for name, _kind in FILES[file]]


def read_table(filename, content):
    """The rows of a CSV or XLSX file as lists of cells (the first is the header)."""
    if (filename or "").lower().endswith(".xlsx"):
        import openpyxl  # noqa: PLC0415 - only XLSX files need it

        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    dialect = _dialect(text)
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _dialect(text):
    """The CSV dialect of `text`: commas, semicolons or tabs (commas when unsure)."""
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def write_csv(file, rows):
    """A CSV file of `rows` (dicts) under the template's header: for tests and exports."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header(file))
    for row in rows:
        writer.writerow([_cell_text(row.get(name)) for name in header(file)])
    return out.getvalue().encode()


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _text(value, _digits):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip(), None


def _date(value, _digits):
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(str(value), fmt).date(), None
        except ValueError:
            continue
    return None, _lt("%(value)s is not a date (YYYY-MM-DD or DD/MM/YYYY)", value=repr(value))


def _int(value, _digits):
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        return None, _lt("%(value)s is not a positive whole number", value=repr(value))
    if number <= 0:
        return None, _lt("%(value)s is not a positive whole number", value=repr(value))
    return int(number), None


def _amount(value, digits, positive=False):
    try:
        number = Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        return None, _lt("%(value)s is not an amount", value=repr(value))
    if not number.is_finite():
        return None, _lt("%(value)s is not an amount", value=repr(value))
    if number < 0 or (positive and number == 0):
        if positive:
            return None, _lt("%(value)s must be above zero", value=repr(value))
        return None, _lt("%(value)s must be at least zero", value=repr(value))
    quantum = Decimal(1).scaleb(-digits)
    if number != number.quantize(quantum):
        return None, _lt(
            "%(value)s has more than %(digits)s decimals", value=repr(value), digits=digits
        )
    return number.quantize(quantum), None


def _gender(value, _digits):
    gender = GENDERS.get(str(value).lower())
    return gender, None if gender else _lt("%(value)s is not a gender (F or M)", value=repr(value))


def _weekday(value, _digits):
    text = str(value).lower()
    if isinstance(value, int | float) and 0 <= value <= 6:
        return str(int(value)), None
    weekday = WEEKDAYS.get(text) or (text if text in set("0123456") else None)
    return weekday, None if weekday else _lt(
        "%(value)s is not a weekday (Monday...Sunday)", value=repr(value)
    )


CONVERTERS = {
    "text": _text,
    "date": _date,
    "int": _int,
    "amount": _amount,
    "amount+": lambda value, digits: _amount(value, digits, positive=True),
    "gender": _gender,
    "weekday": _weekday,
}


def _convert(kind, value, digits):
    """(typed value, message or None) of one cell."""
    if isinstance(value, str):
        value = value.strip()
    optional = kind.endswith("?")
    kind = kind.rstrip("?")
    if value is None or value == "":
        return None, (None if optional else _lt("is empty"))
    return CONVERTERS[kind](value, digits)


def parse_rows(file, table, digits=2):
    """(records, problems) of one file: `table` is the list of rows from `read_table`.

    Records are dicts of typed values with their `row` number (the header is row 1)
    and `invalid` (a cell of the row has a problem, its value is None): the checks
    between files still know its woman or association, and report nothing more of it."""
    problems, records = [], []
    if not table:
        if file in REQUIRED_FILES:
            problems.append((file, 0, "", _lt("the file is missing or empty")))
        return records, problems
    names = [str(cell or "").strip().lower() for cell in table[0]]
    columns = FILES[file]
    missing = [name for name, _kind in columns if name not in names]
    for name in missing:
        problems.append((file, 1, name, _lt("this column is missing from the header")))
    if missing:
        return records, problems
    index = {name: names.index(name) for name, _kind in columns}
    for number, row in enumerate(table[1:], start=2):
        if all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        record, bad = {"row": number}, False
        for name, kind in columns:
            cell = row[index[name]] if index[name] < len(row) else None
            value, message = _convert(kind, cell, digits)
            if message:
                problems.append((file, number, name, message))
                bad = True
            record[name] = value
        record["invalid"] = bad
        records.append(record)
    return records, problems


def valid(data, file):
    """The records of `file` whose every cell is valid."""
    return [rec for rec in data.get(file, []) if not rec["invalid"]]


def check_consistency(data):
    """Problems between the files, on parsed records: `data` maps file -> records.

    IDs unique among the clients; every woman of a group, a loan, a schedule row or
    a savings balance is a client of the file; a woman is in one group; a loan's
    association is one of the file's, with the woman in it, one loan per woman; what
    she paid does not exceed her loan; the schedule rows of a woman have a loan."""
    problems = []
    clients = _check_clients(data, problems)
    member_of, weekdays = _check_groups(data, clients, problems)
    loans = _check_loans(data, member_of, weekdays, problems)
    for rec in valid(data, "schedule"):
        if rec["id_number"] not in loans:
            problems.append(
                ("schedule", rec["row"], "id_number", _lt("she has no loan in the file"))
            )
    _check_balances(data, member_of, weekdays, problems)
    return problems


def _check_clients(data, problems):
    clients = {}
    for rec in data.get("clients", []):
        if rec["id_number"] is None:
            continue
        if rec["id_number"] in clients:
            problems.append(("clients", rec["row"], "id_number", _lt("this ID number is repeated")))
        else:
            clients[rec["id_number"]] = rec
    return clients


def _check_groups(data, clients, problems):
    member_of, weekdays = {}, {}
    for rec in data.get("groups", []):
        if rec["invalid"]:
            if rec["id_number"] and rec["association"]:
                member_of.setdefault(rec["id_number"], rec["association"])
            if rec["association"] and rec["meeting_weekday"]:
                weekdays.setdefault(rec["association"], rec["meeting_weekday"])
            elif rec["association"]:
                weekdays.setdefault(rec["association"], None)
            continue
        if rec["id_number"] not in clients:
            problems.append(("groups", rec["row"], "id_number", _lt("not a client of the file")))
        elif rec["id_number"] in member_of:
            problems.append(("groups", rec["row"], "id_number", _lt("she is already in a group")))
        else:
            member_of[rec["id_number"]] = rec["association"]
        day = weekdays.setdefault(rec["association"], rec["meeting_weekday"])
        if day is None:
            weekdays[rec["association"]] = day = rec["meeting_weekday"]
        if day != rec["meeting_weekday"]:
            problems.append(
                (
                    "groups",
                    rec["row"],
                    "meeting_weekday",
                    _lt("the association meets on another day"),
                )
            )
    return member_of, weekdays


def _loan_problem(rec, member_of, weekdays, loans):
    key = rec["id_number"]
    if rec["association"] not in weekdays:
        return "association", _lt("not an association of the file")
    if member_of.get(key) != rec["association"]:
        return "id_number", _lt("not a member of this association")
    if key in loans:
        return "id_number", _lt("she already has a loan in the file")
    if rec["principal_paid"] > rec["amount"]:
        return "principal_paid", _lt("she paid more than the loan's amount")
    return None


def _check_loans(data, member_of, weekdays, problems):
    loans, cycles = {}, {}
    for rec in data.get("loans", []):
        if rec["invalid"]:
            loans.setdefault(rec["id_number"], rec)
            continue
        problem = _loan_problem(rec, member_of, weekdays, loans)
        first = cycles.setdefault((rec["association"], rec["cycle_number"]), rec)
        terms = ("product", "disbursement_date", "term_months")
        if not problem and any(first[name] != rec[name] for name in terms):
            problem = "product", _lt("a cycle has one product, disbursement date and term")
        if problem:
            problems.append(("loans", rec["row"], *problem))
        else:
            loans[rec["id_number"]] = rec
    return loans


def _check_balances(data, member_of, weekdays, problems):
    seen = set()
    for rec in valid(data, "savings"):
        if member_of.get(rec["id_number"]) != rec["association"]:
            problems.append(
                ("savings", rec["row"], "id_number", _lt("not a member of this association"))
            )
        elif rec["id_number"] in seen:
            problems.append(("savings", rec["row"], "id_number", _lt("her balance is repeated")))
        seen.add(rec["id_number"])
    seen = set()
    for rec in valid(data, "internal"):
        if rec["association"] not in weekdays:
            problems.append(
                ("internal", rec["row"], "association", _lt("not an association of the file"))
            )
        elif rec["association"] in seen:
            problems.append(("internal", rec["row"], "association", _lt("its balance is repeated")))
        seen.add(rec["association"])


def mark_paid(lines, principal_paid, interest_paid):
    """(principal paid, interest paid) per installment, paying them in order.

    `lines` are (principal due, interest due) Decimals; what she paid goes to the first
    installments, principal and interest each on their own. Raises ValueError when she
    paid more than the schedule asks."""
    result, principal_left, interest_left = [], principal_paid, interest_paid
    for principal_due, interest_due in lines:
        principal = min(principal_due, principal_left)
        interest = min(interest_due, interest_left)
        principal_left -= principal
        interest_left -= interest
        result.append((principal, interest))
    if principal_left > 0 or interest_left > 0:
        raise ValueError("paid more than the schedule asks")
    return result
