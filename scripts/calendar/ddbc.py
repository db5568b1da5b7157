"""Read the DDBC Time Authority MySQL dumps without a database server.

The dumps (``../shared/data/ddbc-time/SQL-authority_time_*.sql``, CC BY-SA 3.0, DILA) hold
one ``INSERT INTO `table` VALUES (...),(...);`` statement per table chunk; each tuple is a
row of integers, quoted strings and NULLs. ``tables(path)`` returns every table as a list of
rows (lists of ``str`` or ``None``), in file order.

Years in the dumps are astronomical (0 = 1 BCE); Julian Day Numbers are integers.
"""

import re
from pathlib import Path

_INSERT = re.compile(r"^INSERT INTO `(\w+)` VALUES (.*);$", re.M)
_TUPLE = re.compile(r"\(((?:[^()']|'(?:[^'\\]|\\.)*')*)\)")
_VALUE = re.compile(r"'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?)|(NULL)")


def _unescape(s):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "0": "\0"}.get(m.group(1), m.group(1)), s)


def tables(path):
    """All tables of one dump: ``{name: [row, ...]}``, each row a list of str or None."""
    text = Path(path).read_text(encoding="utf-8")
    out = {}
    for m in _INSERT.finditer(text):
        rows = out.setdefault(m.group(1), [])
        for t in _TUPLE.finditer(m.group(2)):
            row = []
            for v in _VALUE.finditer(t.group(1)):
                if v.group(1) is not None:
                    row.append(_unescape(v.group(1)))
                elif v.group(2) is not None:
                    row.append(v.group(2))
                else:
                    row.append(None)
            rows.append(row)
    return out


def default_dump(kind="chinese"):
    """The path of a dump beside the repository: ``../shared/data/ddbc-time/``."""
    root = Path(__file__).resolve().parents[2]
    return root.parent / "shared" / "data" / "ddbc-time" / f"SQL-authority_time_{kind}.sql"


if __name__ == "__main__":
    t = tables(default_dump())
    for name, rows in sorted(t.items()):
        print(f"{name}: {len(rows)} rows, first {rows[0] if rows else None}")
