"""Read the era table of cejs (npm package ``cejs``, BSD-3-Clause, file
``data/date/era_data.js``) without running JavaScript.

The file assigns one array per country (``CeL.era.pass_on.countries["中國"] = [ ... ]``).
Each element is a string ``'朝代/君主/紀年|起~訖|曆數|屬性=值|…'`` (or an object whose
``data`` property is such a string, or strings joined with ``+ CeL.era.pass_on.last_day``).
Empty leading name parts inherit from the previous element, ``=`` inherits one part, and a
two-part name (``朝代/君主``) is a ruler's years named after the ruler; this follows the rules
of ``parse_era`` in cejs's ``data/date/era.js``, re-implemented here from its description.

``entries(path, country)`` gives, in file order, dicts with the keys ``dynasty``, ``ruler``,
``era``, ``parts`` (how many name parts the element gave: 2 for a ruler's years, 3 for an
era), ``start`` and ``end`` (the raw date strings, the end possibly filled from the next
element), ``calendar`` (the raw 曆數 field) and ``attrs`` (``{key: [values]}``).

Dates are ``year/month/day`` of the Julian calendar before 1582-10-15 and of the Gregorian
calendar after it; years are historical (no year 0: -841 is 841 BCE).
"""

import re
from pathlib import Path

LAST_DAY = "2101/1/29"  # CeL.era.pass_on.last_day in the same file


def _lex_array(text, start):
    """The elements of the JavaScript array literal whose '[' is at ``start``: each a list
    of string literals (joined with '+') or, for an object literal, the strings it holds
    keyed by property name (``{'data': ...}``)."""
    i = start + 1
    n = len(text)
    elements = []
    current = []  # string pieces of the current element
    obj = None  # dict when the element is an object literal
    depth = 0  # brace depth inside an object element
    key = None
    while i < n:
        c = text[i]
        if c in " \t\r\n,+":
            if c == "," and depth == 0:
                if obj is not None:
                    elements.append(obj)
                elif current:
                    elements.append("".join(current))
                current, obj = [], None
            i += 1
            continue
        if text.startswith("//", i):
            i = text.index("\n", i)
            continue
        if text.startswith("/*", i):
            i = text.index("*/", i) + 2
            continue
        if c in "'\"":
            j = i + 1
            buf = []
            while text[j] != c:
                if text[j] == "\\":
                    nxt = text[j + 1]
                    if nxt == "u":
                        buf.append(chr(int(text[j + 2 : j + 6], 16)))
                        j += 6
                        continue
                    buf.append({"n": "\n", "t": "\t", "r": "\r"}.get(nxt, nxt))
                    j += 2
                    continue
                buf.append(text[j])
                j += 1
            s = "".join(buf)
            if obj is not None:
                if key is not None and depth == 1:
                    obj.setdefault(key, s)
                key = None
            else:
                current.append(s)
            i = j + 1
            continue
        if c == "{":
            if obj is None:
                obj = {}
            depth += 1
            i += 1
            continue
        if c == "}":
            depth -= 1
            i += 1
            continue
        if c == "]" and depth == 0 and obj is None:
            if current:
                elements.append("".join(current))
            return elements
        if obj is not None and depth == 1:
            m = re.match(r"([\w$\u0080-\uffff]+)\s*:", text[i:])
            if m:
                key = m.group(1)
                i += m.end()
                continue
        if text.startswith("CeL.era.pass_on.last_day", i):
            if obj is None:
                current.append(LAST_DAY)
            i += len("CeL.era.pass_on.last_day")
            continue
        # Anything else (function bodies in objects, identifiers) is skipped.
        i += 1
    raise ValueError("unterminated array")


def _split_attrs(fields):
    attrs = {}
    for f in fields:
        f = f.strip()
        if not f:
            continue
        if "=" in f:
            k, v = f.split("=", 1)
            attrs.setdefault(k.strip(), []).append(v.strip())
        else:
            attrs.setdefault(f, []).append(True)
    return attrs


_COUNTRY_PATTERN = re.compile(r"^(.*[^民帝])國$")
_DATE = re.compile(r"^\s*(?:([^:~]+):)?\s*([^~]*)(?:~\s*(.*))?$")


def entries(path, country):
    """The elements of one country's array, with names resolved as cejs resolves them."""
    text = Path(path).read_text(encoding="utf-8-sig")
    head = re.search(r"countries\[['\"]" + re.escape(country) + r"['\"]\]\s*=\s*\[", text)
    if not head:
        raise KeyError(country)
    raw = _lex_array(text, head.end() - 1)
    out = []
    previous = []
    for element in raw:
        if isinstance(element, dict):
            element = element.get("data")
            if not element:
                continue
        fields = element.split("|")
        if len(fields) < 2:
            continue
        names = fields[0].split("/")
        if len(names) == 1 and names[0]:
            previous = [names[0]]
            names = [names[0], "", names[0]]
            parts = 1
        else:
            parts = len(names)
            if not names[0] and previous:
                names = names[1:]
                keep = len(previous) - len(names)
                names = previous[: keep if keep > 1 else 1] + names
            names = [previous[i] if n == "=" and i < len(previous) else n for i, n in enumerate(names)]
            previous = list(names)
            parts = len(names)
            if len(names) < 3:
                names = names + [""] * (3 - len(names))
            if names[1] and not names[2]:
                names[2] = names[1]
        dynasty, ruler, era = names[0], names[1], names[2]
        m = _COUNTRY_PATTERN.match(dynasty)
        if m and ruler and "國" not in ruler and m.group(1) not in ruler:
            ruler = m.group(1) + ruler
        dm = _DATE.match(fields[1])
        start, end = (dm.group(2) or "").strip(), (dm.group(3) or "").strip()
        out.append(
            {
                "dynasty": dynasty,
                "ruler": ruler,
                "era": era,
                "parts": parts,
                "start": start,
                "end": end,
                "calendar": fields[2] if len(fields) > 2 else "",
                "attrs": _split_attrs(fields[3:]),
            }
        )
    # An element without an end lasts until the next element starts.
    for a, b in zip(out, out[1:] + [None]):
        if not a["end"] and b is not None:
            a["end_from_next"] = b["start"]
    return out
