"""Build assets/calendar/months.bin: every lunar month of every regime's calendar.

Source: table ``t_month`` of the DDBC Time Authority dump (CC BY-SA 3.0, DILA), joined through
``t_era`` -> ``t_emperor`` -> ``t_dynasty_names`` (rank 0). One calendar per dynasty name; its
months are the months of all its eras, merged by the day of their new moon (朔).

    python3 scripts/calendar/gen_months.py            # write assets/calendar/months.bin
    python3 scripts/calendar/gen_months.py --check    # exit 1 if the file would change
    python3 scripts/calendar/gen_months.py --report   # print every decision taken on the rows

How the rows become months (each step is counted in ``--report``):

* A row covers the days ``first..last`` of one month of one era. When an era began within a
  month, its row starts on the day of the proclamation (``start_from`` = that day's number in
  the month) and the predecessor's row ends the day before; the month's 朔 is
  ``first - (start_from - 1)``. Rows that share a 朔 are one month; its label (month number,
  leap) and civil year come from the row that covers the 朔 itself.
* The civil year is the year the row's ``ganzhi`` (the year's 干支) names, taken nearest the
  month's date: 漢元年冬十月 (late 207 BCE) is in the year 206 BCE, 武周's 正月 (a December) in
  the following year, as the calendars themselves counted.
* A month lasts until the next month of its calendar begins; at a break in a calendar (the
  regime's end, a gap in the table) the length is taken from the rows, or else from another
  calendar's month with the same 朔.
* Rows with status ``P`` (proleptic: an era counted before its proclamation or after its end)
  make months only where the calendar has no standard (``S``) month; such months are flagged.
* A row that carries on a month begun by the row before it (same month and year, starting the
  day after that row ends) keeps that row's 朔 even where its ``start_from`` is wrong.
* ``ROW_FIXES`` corrects rows whose numbers contradict the rows around them (typing errors in
  ``first``, ``last``, ``start_from`` or the month); ``MONTH_FIXES`` corrects month starts that
  every independent table puts elsewhere. Each entry says why, and is listed in MONTHS.md.
* A single missing month between two months two numbers apart is filled (its days are fixed by
  its neighbours); ``HOLE_DONORS`` fills a longer gap from another calendar of the dump, with
  the reason. Other gaps stay empty: the table has no months there.

The binary layout is described in ``MONTHS.md`` and in ``src/calendar/months.rs``.
"""

import argparse
import struct
import sys
from collections import defaultdict
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, str(Path(__file__).resolve().parent))
import ddbc  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "assets" / "calendar" / "months.bin"

MAGIC = b"ANLM"
VERSION = 1

# Month codes: 1..12 are 正月..十二月 in the calendar's own naming; 13 is 臘月 and 14 is 一月
# (武周's second and third months, 690-700); 20 + b is 建X月 with X the b-th branch (子 = 0),
# the names of 761-762.
LA = 13
YI = 14
JIAN = 20
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
STEMS = "甲乙丙丁戊己庚辛壬癸"
GANZHI = [STEMS[i % 10] + BRANCHES[i % 12] for i in range(60)]

# Corrections to single rows: id -> (field changes, reason).
ROW_FIXES = {
    # 遼 天贊元年二月: the row starts on the 22nd day (start_from 22) of a month whose 朔 is
    # 2057879 (神冊七年二月, the row before it), so its first day is 2057900; the dump has
    # 2057800, a day of the tenth month of the previous year.
    23237: ({"first": 2057900}, "first 2057800 for 2057900: the 22nd day of 神冊七年二月 (朔 2057879)"),
    # 金 天會元年九月: 太宗 took the throne on 丙戌, the 16th day of the ninth month (朔 辛未
    # 2131498, as in 宋 and 遼); the row has first = the 朔 and last = the 16th day.
    29472: (
        {"first": 2131513, "last": 2131526},
        "first/last 2131498/2131513 for 2131513/2131526: 天會 begins on 丙戌, day 16 of 九月 (朔 2131498)",
    ),
    # 北宋 紹聖元年四月: 紹聖 begins on day 12 (start_from 12) of 四月 (朔 2120749, as the
    # 元祐九年四月 row and 遼 have); the row has first = the 朔.
    28321: (
        {"first": 2120760, "last": 2120777},
        "first/last 2120749/2120760 for 2120760/2120777: 紹聖 begins on day 12 of 四月 (朔 2120749)",
    ),

    # 清 光緒三十四年十月: the second part of 十月 (after 光緒's death) is labelled 十二月.
    85904: ({"month": 10, "month_name": "十"}, "month 12 for 10: the second part of 十月 (朔 2418240)"),
    # 漢三年 (204 BCE), 西漢 and 楚: the month after 四月 is numbered 七 (then 六, 七, 八);
    # it is 五月 (朔 1647079).
    206: ({"month": 5, "month_name": "五"}, "month 7 for 5: between 四月 and 六月 of 204 BCE"),
    43983: ({"month": 5, "month_name": "五"}, "month 7 for 5: between 四月 and 六月 of 204 BCE"),
    # 唐 咸通十四年七月: the row after the one ending on day 18 starts on day 21 (朔 2040130, a
    # 30-day month in every table), not day 20.
    86338: ({"start_from": 21}, "start_from 20 for 21: 七月's 朔 is 2040130 (the row before it)"),
    # 明 景泰八年正月 (天順元年): the row starts on the last day of 景泰七年十二月 (a 30-day
    # month, 2253223..2253252); 正月's 朔 is 2253253, as the 天順 row's start_from 21 says.
    68943: ({"first": 2253253}, "first 2253252 for 2253253: the day after 景泰七年十二月 (30 days) ends"),
}

# Corrections to whole months: calendar -> {朔 in the dump: corrected 朔}, with the reason.
# The lengths follow from the corrected starts.
MONTH_FIXES = {
    # 嘉靖元年五月 to 三年十一月 (1522-1524): the dump's month starts are one or two days
    # late. The astronomical sxtwl and Liu's historical tables (大統曆) agree with each other
    # on every one of these months, as the published tables do; the dump agrees with them
    # again from 嘉靖三年十二月.
    "明": (
        {
            2277114: 2277113, 2277144: 2277143, 2277173: 2277172, 2277203: 2277201,
            2277232: 2277231, 2277262: 2277260, 2277291: 2277290, 2277321: 2277320,
            2277351: 2277350, 2277381: 2277379, 2277410: 2277409, 2277440: 2277439,
            2277470: 2277468, 2277499: 2277497, 2277528: 2277527, 2277558: 2277556,
            2277587: 2277585, 2277616: 2277615, 2277646: 2277644, 2277675: 2277674,
            2277705: 2277704, 2277734: 2277733, 2277823: 2277822, 2277882: 2277881,
            2277941: 2277940, 2277970: 2277969, 2278029: 2278028,
        },
        "sxtwl and Liu's tables agree",
    ),
}


# Gaps filled from another calendar of the dump: (first missing day, calendar) -> (donor,
# reason). The donor's months must tile the gap and continue the numbering on both sides.
HOLE_DONORS = {
    # 金 大定二十九年 (1189): 世宗 died on the second day of the year and the dump has no rows
    # for the rest of the year under 章宗 (明昌 began in 1190). 金's months agree with 南宋's
    # in the dump for 1188 and 1190, and Liu's 遼/金/元 table has 金 = 宋 for 1189.
    (2155388, "金"): ("南宋", "大定二十九年 under 章宗 is missing from the dump; 金 and 宋 agree on 1188-1190"),
}


class Row:
    __slots__ = (
        "id", "n", "num", "name", "leap", "era", "first", "last", "ygz", "sf", "status",
        "dyn", "code", "shuo",
    )


def month_code(num, name, leap_flag):
    """(code, leap) of a row: 後九月 and 後十二月 are leap months; 臘月, 一月, 建X月 get codes."""
    if name == "臘":
        return LA, False
    if num == -2 and name == "一":
        return YI, False
    if len(name) == 1 and name in BRANCHES:
        return JIAN + BRANCHES.index(name), False
    if not 1 <= num <= 12:
        raise ValueError(f"month number {num} ({name})")
    return num, leap_flag or name.startswith("後")


def julian_year(jdn):
    """The astronomical year of the proleptic Julian calendar date of a JDN."""
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    return d - 4800 + m // 10


def civil_year(ygz, shuo):
    """The astronomical year named by the 干支 ``ygz`` nearest the month starting on ``shuo``."""
    y0 = julian_year(shuo + 15)
    g = GANZHI.index(ygz)
    for y in (y0, y0 + 1, y0 - 1):
        if (y - 4) % 60 == g:
            return y
    raise ValueError(f"year 干支 {ygz} is not near {y0}")


def load_rows(t):
    dyn_name = {r[0]: r[1] for r in t["t_dynasty_names"] if r[2] == "0"}
    emp_dyn = {r[0]: r[1] for r in t["t_emperor"]}
    era_emp = {r[0]: r[1] for r in t["t_era"]}
    rows = []
    fixes_seen = set()
    for r in t["t_month"]:
        x = Row()
        rid = int(r[0])
        vals = {
            "year": r[1], "month": r[2], "month_name": r[3], "leap_month": r[4], "era_id": r[5],
            "first": r[6], "last": r[7], "ganzhi": r[8], "start_from": r[9], "status": r[10],
        }
        if rid in ROW_FIXES:
            for k, v in ROW_FIXES[rid][0].items():
                vals[k] = str(v)
            fixes_seen.add(rid)
        x.id = rid
        x.n = int(vals["year"])
        x.num = int(vals["month"])
        x.name = vals["month_name"]
        x.era = vals["era_id"]
        x.first = int(vals["first"])
        x.last = int(vals["last"])
        x.ygz = vals["ganzhi"]
        x.sf = int(vals["start_from"])
        x.status = vals["status"]
        x.dyn = dyn_name[emp_dyn[era_emp[x.era]]]
        x.code, x.leap = month_code(x.num, x.name, vals["leap_month"] == "1")
        x.shuo = x.first - (x.sf - 1)
        rows.append(x)
    missing = set(ROW_FIXES) - fixes_seen
    if missing:
        raise SystemExit(f"ROW_FIXES names rows not in the dump: {sorted(missing)}")
    return rows


class Month:
    __slots__ = ("shuo", "days", "code", "leap", "year", "proleptic", "rows", "end", "alias")

    def __repr__(self):
        year = self.year if self.year > 0 else f"前{1 - self.year}"
        days = f", {self.days} days" if self.days else ""
        pro = ", proleptic" if self.proleptic else ""
        return f"{year} {label(self.code, self.leap)} (朔 {self.shuo} = {julian_date(self.shuo)}{days}{pro})"


class Report:
    def __init__(self):
        self.items = defaultdict(list)

    def add(self, kind, text):
        self.items[kind].append(text)


def _months_from(rows, report, dyn, status):
    """Group rows of one status by 朔 into months (length not yet known)."""
    by_shuo = defaultdict(list)
    for r in rows:
        by_shuo[r.shuo].append(r)
    months = []
    for shuo, rs in sorted(by_shuo.items()):
        # The row covering the 朔 names the month; failing that, the earliest.
        rs.sort(key=lambda r: (r.first, r.id))
        head = rs[0]
        m = Month()
        m.shuo = shuo
        m.code, m.leap = head.code, head.leap
        m.year = civil_year(head.ygz, shuo)
        m.proleptic = status == "P"
        m.rows = rs
        m.end = max(r.last for r in rs)
        m.alias = None
        m.days = None
        for r in rs[1:]:
            if (r.code, r.leap) != (m.code, m.leap):
                if m.alias not in (None, (r.code, r.leap)):
                    raise SystemExit(f"{dyn} {shuo}: three names for one month")
                m.alias = (r.code, r.leap)
                report.add("alias", f"{dyn} {m!r} is also called {label(r.code, r.leap)} (row {r.id})")
            y = civil_year(r.ygz, shuo)
            if y != m.year:
                report.add("year-conflict", f"{dyn} {m!r}: row {r.id} has the 干支 of the next or previous year ({r.ygz}); row {head.id}, at the 朔, decides")
        months.append(m)
    return months


def _continuations(dyn, rows, report):
    """Rows that carry on a month begun by the row before them take its 朔.

    A row whose first day is the day after another row of the calendar ends, with the same
    month and year, less than 30 days after that row's 朔, is the rest of that month (the
    era or ruler changed within it). Its ``start_from`` should say so; where it does not
    (typing errors: 1, or one or two days off), the 朔 of the row before is kept.
    """
    ends = {}
    for r in sorted(rows, key=lambda r: (r.first, r.id)):
        key = (r.code, r.leap, r.ygz, r.first - 1)
        q = ends.get(key)
        if q is not None and r.first - q.shuo < 30 and r.shuo != q.shuo:
            report.add(
                "start-from",
                f"{dyn} row {r.id} ({r.first}..{r.last}) carries on row {q.id} ({q.first}..{q.last}); "
                f"start_from {r.sf} for {r.first - q.shuo + 1}",
            )
            r.shuo = q.shuo
            r.sf = r.first - q.shuo + 1
        ends[(r.code, r.leap, r.ygz, r.last)] = r


NUMERALS = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def label(code, leap):
    """The name of a month: 正月, 閏九月, 臘月, 建子月."""
    p = "閏" if leap else ""
    if code == LA:
        return p + "臘月"
    if code == YI:
        return p + "一月"
    if code >= JIAN:
        return p + "建" + BRANCHES[code - JIAN] + "月"
    return p + NUMERALS[code - 1] + "月"


def julian_date(jdn):
    """The proleptic Julian date of a JDN, astronomical year: 1118-05-22."""
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    return f"{d - 4800 + m // 10}-{m + 3 - 12 * (m // 10):02}-{e - (153 * m + 2) // 5 + 1:02}"


def following(code, year):
    """The (month, year) after a month of a year that begins with 正月 (no leap month)."""
    return (code + 1, year) if code < 12 else (1, year + 1)


def build(t=None):
    """Every calendar: ``{name: [Month, ...]}`` in order of 朔, and the report of decisions."""
    if t is None:
        t = ddbc.tables(ddbc.default_dump())
    rows = load_rows(t)
    report = Report()
    for rid, (changes, why) in sorted(ROW_FIXES.items()):
        report.add("row-fix", f"row {rid}: {why}")
    by_dyn = defaultdict(list)
    for r in rows:
        by_dyn[r.dyn].append(r)
    for dyn, rs in by_dyn.items():
        _continuations(dyn, rs, report)
    cals = {}
    for dyn, rs in by_dyn.items():
        std = _months_from([r for r in rs if r.status == "S"], report, dyn, "S")
        pro = _months_from([r for r in rs if r.status == "P"], report, dyn, "P")
        months = {m.shuo: m for m in std}
        for p in pro:
            s = months.get(p.shuo)
            if s is not None:
                if (s.code, s.leap, s.year) != (p.code, p.leap, p.year):
                    report.add(
                        "proleptic-renamed",
                        f"{dyn}: the proleptic {p!r} is the standard {s!r}; kept the standard",
                    )
                s.end = max(s.end, p.end)
                continue
            months[p.shuo] = p
        ordered = sorted(months.values(), key=lambda m: m.shuo)
        # Overlaps: a proleptic month overlapping a standard one is dropped.
        kept = []
        for m in ordered:
            if kept and m.shuo <= kept[-1].end and m.shuo - kept[-1].shuo < 29:
                a = kept[-1]
                if a.proleptic and not m.proleptic:
                    report.add("proleptic-dropped", f"{dyn}: proleptic month {a!r} overlaps standard {m!r}; dropped")
                    kept.pop()
                elif m.proleptic and not a.proleptic:
                    report.add("proleptic-dropped", f"{dyn}: proleptic month {m!r} overlaps standard {a!r}; dropped")
                    continue
                else:
                    raise SystemExit(f"{dyn}: months {a!r} and {m!r} overlap")
            kept.append(m)
        cals[dyn] = kept
    for dyn, (fixes, why) in MONTH_FIXES.items():
        ms = cals[dyn]
        seen = 0
        for m in ms:
            if m.shuo in fixes:
                new = fixes[m.shuo]
                report.add("month-fix", f"{dyn} {m!r}: 朔 {new} = {julian_date(new)} ({why})")
                m.shuo = new
                m.end = min(m.end, new + 29)
                seen += 1
        if seen != len(fixes):
            raise SystemExit(f"MONTH_FIXES for {dyn}: {len(fixes) - seen} months not found")
        for a, b in zip(ms, ms[1:]):
            a.end = min(a.end, b.shuo - 1)
    # Lengths: to the next month of the calendar when it follows within 30 days.
    known = defaultdict(set)
    starts = {m.shuo for ms in cals.values() for m in ms}
    for dyn, ms in cals.items():
        for a, b in zip(ms, ms[1:]):
            gap = b.shuo - a.shuo
            if gap in (29, 30):
                a.days = gap
                known[a.shuo].add(gap)
            elif gap < 29:
                raise SystemExit(f"{dyn}: months {a!r} and {b!r} are {gap} days apart")
    for dyn, ms in cals.items():
        for m in ms:
            if m.days is not None:
                if m.end - m.shuo + 1 > m.days:
                    raise SystemExit(f"{dyn}: rows of {m!r} run to {m.end}, past the next month")
                continue
            span = m.end - m.shuo + 1
            if span in (29, 30):
                m.days = span
                known[m.shuo].add(span)
                report.add("length-from-rows", f"{dyn} {m!r}: the last before a break; its rows cover {span} days")
    for dyn, ms in cals.items():
        for m in ms:
            if m.days is not None:
                continue
            span = m.end - m.shuo + 1
            if len(known[m.shuo]) == 1 or len({m.shuo + 29, m.shuo + 30} & starts) == 1:
                if not known[m.shuo]:
                    known[m.shuo] = {d for d in (29, 30) if m.shuo + d in starts}
                m.days = next(iter(known[m.shuo]))
                report.add("length-from-other", f"{dyn} {m!r}: rows end after {span} days; as in the other calendars with this 朔")
            else:
                raise SystemExit(f"{dyn} {m!r}: no length ({span} days of rows, others {known[m.shuo]})")
    # Holes: one month missing between two months whose numbers are two apart (八月 and 十月,
    # 十二月 and next year's 二月) is the month between (its days are fixed by its
    # neighbours). Other gaps are left empty.
    for dyn, ms in cals.items():
        filled = []
        for a, b in zip(ms, ms[1:]):
            hole = b.shuo - (a.shuo + a.days)
            if hole == 0:
                continue
            gap_label = following(a.code, a.year)
            if (a.shuo + a.days, dyn) in HOLE_DONORS:
                donor, why = HOLE_DONORS[(a.shuo + a.days, dyn)]
                run = [d for d in cals[donor] if a.shuo + a.days <= d.shuo < b.shuo]
                ok = (
                    run
                    and run[0].shuo == a.shuo + a.days
                    and run[-1].shuo + run[-1].days == b.shuo
                    and all(x.shuo + x.days == y.shuo for x, y in zip(run, run[1:]))
                    and (run[0].code, run[0].year) == gap_label
                    and following(run[-1].code, run[-1].year) == (b.code, b.year)
                )
                if not ok:
                    raise SystemExit(f"HOLE_DONORS: {donor}'s months do not fill {dyn}'s hole after {a!r}")
                for d in run:
                    m = Month()
                    m.shuo, m.days, m.code, m.leap, m.year = d.shuo, d.days, d.code, d.leap, d.year
                    m.proleptic, m.rows, m.end, m.alias = d.proleptic, [], d.shuo + d.days - 1, None
                    filled.append(m)
                report.add("hole-donor", f"{dyn}: no rows from {a!r} to {b!r}; {len(run)} months of {donor} ({why})")
                continue
            if (
                hole in (29, 30)
                and a.code <= 12
                and (
                    (following(*gap_label) == (b.code, b.year) and not b.leap)
                    or (gap_label == (b.code, b.year) and b.leap)
                )
                and a.proleptic == b.proleptic
            ):
                m = Month()
                m.shuo, m.days, m.leap = a.shuo + a.days, hole, False
                m.code, m.year = gap_label
                m.proleptic, m.rows, m.end, m.alias = a.proleptic, [], m.shuo + hole - 1, None
                filled.append(m)
                report.add("hole-filled", f"{dyn}: no row for {m!r}, between {label(a.code, a.leap)} and {label(b.code, b.leap)}")
            else:
                report.add("break", f"{dyn}: no months from {julian_date(a.shuo + a.days)} to {julian_date(b.shuo - 1)} ({hole} days), after {a!r}")
        if filled:
            ms.extend(filled)
            ms.sort(key=lambda m: m.shuo)
    return cals, report


def ordered(cals):
    """Calendars in the order of the file: by their first 朔, then by name."""
    return sorted(cals.items(), key=lambda kv: (kv[1][0].shuo, kv[0]))


def encode(cals):
    """The bytes of months.bin (layout in MONTHS.md and src/calendar/months.rs)."""
    cals = ordered(cals)
    months, years, segs, aliases, names, table = bytearray(), [], [], [], b"", []
    for name, ms in cals:
        m0, y0, s0 = len(months), len(years), len(segs)
        last_year = None
        prev = None
        for i, m in enumerate(ms):
            assert 1 <= m.code < 32 and m.days in (29, 30), (name, m)
            if prev is None or m.shuo != prev.shuo + prev.days:
                segs.append(struct.pack("<II", len(months), m.shuo))
            if m.year != last_year:
                assert last_year is None or m.year > last_year, (name, m)
                years.append(struct.pack("<hH", m.year, i))
                last_year = m.year
            if m.alias is not None:
                aliases.append(struct.pack("<IBBH", len(months), m.alias[0], int(m.alias[1]), 0))
            months.append(m.code | m.leap << 5 | m.proleptic << 6 | (m.days == 30) << 7)
            prev = m
        raw = name.encode("utf-8")
        table.append(
            struct.pack("<IIIHHHBB", m0, len(ms), y0, len(years) - y0, s0, len(segs) - s0, len(raw), 0)
        )
        names += raw
    head = MAGIC + struct.pack(
        "<BBHIIHHI", VERSION, 0, len(cals), len(months), len(years), len(segs), len(aliases), len(names)
    )
    return head + b"".join(table) + b"".join(segs) + bytes(months) + b"".join(years) + b"".join(aliases) + names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", action="store_true", help="print every decision")
    ap.add_argument("--check", action="store_true", help="exit 1 if months.bin would change")
    args = ap.parse_args()
    cals, report = build()
    data = encode(cals)
    if args.report:
        for k, v in report.items.items():
            print(f"== {k}: {len(v)}")
            for line in v:
                print("  ", line)
        for name, ms in ordered(cals):
            print(f"{name}\t{len(ms)} months\t{sum(m.proleptic for m in ms)} proleptic")
    if args.check:
        if not OUT.exists() or OUT.read_bytes() != data:
            print(f"{OUT.relative_to(ROOT)} is out of date: run scripts/calendar/gen_months.py", file=sys.stderr)
            sys.exit(1)
        print(f"{OUT.relative_to(ROOT)} is up to date ({len(data)} bytes)")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    total = sum(len(ms) for ms in cals.values())
    print(f"wrote {OUT.relative_to(ROOT)}: {len(cals)} calendars, {total} months, {len(data)} bytes")


if __name__ == "__main__":
    main()
