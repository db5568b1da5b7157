"""Compare every month of assets/calendar/months.bin with two independent calendars and write
assets/calendar/MONTHS.md and the test sample tests/fixtures/calendar/.

    scripts/calendar/fetch-check-packages.sh      # once: the packages, into target/
    python3 scripts/calendar/check_months.py      # compare, write MONTHS.md and the fixtures
    python3 scripts/calendar/check_months.py --check   # exit 1 if either would change

The independent calendars:

* chinesecalendar-py 0.0.1 (Yuk Tung Liu's historical tables; GPL-3.0): the calendar each
  regime used as Liu reconstructs it, with separate tables for 蜀, 吳, 後秦, 北涼, 北魏/西魏/
  北周/隋, 東魏/北齊, 遼/金/蒙古 (947-1279) and 南明. Used to check only: no data of it is
  shipped; the fixtures hold facts (the day a month began) read off it for 1,000 months.
* sxtwl 2.0.7 (BSD-3-Clause): an astronomical calendar; a second opinion on month starts.

Each month of months.bin is compared with the month of the same calendar that contains its
15th day: same 朔, same length, same number and leap flag, same civil year. Disagreements
are grouped by cause (``classify``) with the decision taken for each group.
"""

import argparse
import math
import struct
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "target" / "calendar-sources" / "site"))

import gen_months  # noqa: E402

try:
    import sxtwl  # noqa: E402
    from ChineseCalendar_py import calendar_conversion as liu_cc  # noqa: E402
    from ChineseCalendar_py.calendar_calculation import getJDm  # noqa: E402
except ImportError as e:  # pragma: no cover
    raise SystemExit(f"{e}: run scripts/calendar/fetch-check-packages.sh first")

MONTHS_MD = ROOT / "assets" / "calendar" / "MONTHS.md"
FIXTURES = ROOT / "tests" / "fixtures" / "calendar"
SAMPLE = FIXTURES / "months-sample.tsv"
SAMPLE_SIZE = 1000


# -- months.bin, read back ------------------------------------------------------------------

def read_bin(path=gen_months.OUT):
    """Every month of the file: {calendar: [(year, code, leap, first, days, proleptic)]}."""
    b = path.read_bytes()
    magic, ver, _, n_cal, n_m, n_y, n_s, n_a, n_n = struct.unpack_from("<4sBBHIIHHI", b, 0)
    assert magic == gen_months.MAGIC and ver == gen_months.VERSION
    cal_at = 24
    seg_at = cal_at + 20 * n_cal
    m_at = seg_at + 8 * n_s
    y_at = m_at + n_m
    a_at = y_at + 4 * n_y
    name_at = a_at + 8 * n_a
    segs = dict(struct.unpack_from("<II", b, seg_at + 8 * i) for i in range(n_s))
    out = {}
    name_off = name_at
    for c in range(n_cal):
        m0, mc, y0, yc, _s0, _sc, nl, _ = struct.unpack_from("<IIIHHHBB", b, cal_at + 20 * c)
        name = b[name_off:name_off + nl].decode()
        name_off += nl
        years = [struct.unpack_from("<hH", b, y_at + 4 * i) for i in range(y0, y0 + yc)]
        months = []
        day = None
        yi = 0
        for i in range(mc):
            if m0 + i in segs:
                day = segs[m0 + i]
            while yi + 1 < len(years) and years[yi + 1][1] <= i:
                yi += 1
            byte = b[m_at + m0 + i]
            days = 30 if byte & 0x80 else 29
            months.append((years[yi][0], byte & 0x1F, bool(byte & 0x20), day, days, bool(byte & 0x40)))
            day += days
        out[name] = months
    return out


# -- the independent calendars ---------------------------------------------------------------

LIU = liu_cc.calendar_conversion("ChiT")

# Which of Liu's calendars each DDBC regime is checked against, and when (astronomical
# years, inclusive). Other regimes and years: Liu's default (the calendar of the dynasty
# taken as legitimate: 秦, 漢, 魏, 晉, the southern dynasties, 隋, 唐, 五代, 宋, 元, 明, 清).
LIU_REGIME = {
    "蜀漢": [("Shu", 221, 263)],
    "孫吳": [("Wu", 222, 280)],
    "後秦": [("LaterQin", 384, 417)],
    "北涼": [("NorthernLiang", 412, 439)],
    "北魏": [("WeiZhouSui", 398, 534)],
    "西魏": [("WeiZhouSui", 535, 557)],
    "北周": [("WeiZhouSui", 557, 581)],
    "隋": [("WeiZhouSui", 581, 589)],
    "東魏": [("WeiQi", 534, 550)],
    "北齊": [("WeiQi", 550, 577)],
    "遼": [("LiaoJinYuan", 947, 1125)],
    "金": [("LiaoJinYuan", 947, 1234)],
    "蒙古": [("LiaoJinYuan", 947, 1271)],
    "元": [("LiaoJinYuan", 1271, 1279)],
    "南明": [("SouthernMing", 1645, 1683)],
}


def liu_calendar(regime, year):
    for name, a, b in LIU_REGIME.get(regime, ()):
        if a <= year <= b:
            return name
    return "default"


_liu_cache = {}


def liu_year(calendar, y):
    """Liu's months of the Chinese year ``y`` (astronomical): [(code, leap, first, days)]."""
    key = (calendar, y)
    if key not in _liu_cache:
        f = liu_cc.calendar_function_lookup(calendar, "None")
        try:
            cy = f(LIU, y)
        except (ValueError, IndexError, KeyError):
            cy = {"cm": []}
        jd0 = int(math.floor(getJDm(y - 1, 12, 31) + 0.6))
        months, seen = [], set()
        for x in cy["cm"]:
            cm = int(x["cm"])
            code, leap = abs(cm), cm < 0
            # A second month of one number is the leap month (後十二月 of 239), except in
            # 太初元年, whose 十月-十二月 come twice.
            if (code, leap) in seen and y != -103:
                leap = True
            seen.add((code, leap))
            months.append((code, leap, jd0 + int(x["d"]), int(x["n"])))
        _liu_cache[key] = months
    return _liu_cache[key]


def liu_month_at(calendar, jdn, year_hint):
    for y in (year_hint, year_hint + 1, year_hint - 1):
        for code, leap, first, days in liu_year(calendar, y):
            if first <= jdn < first + days:
                return y, code, leap, first, days
    return None


def liu_label(year, code, leap):
    """Our month code as Liu labels it (武周 and 761-762 differ)."""
    if 690 <= year <= 700 or year == 689:
        return {1: 11, gen_months.LA: 12, gen_months.YI: 1}.get(code, code), leap
    if code >= gen_months.JIAN:
        b = code - gen_months.JIAN
        return {0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 4, 10: 9, 11: 10}[b], leap
    return code, leap


def sxtwl_month_at(jdn):
    """sxtwl's month containing the day: (first, days)."""
    d = sxtwl.fromSolar(*jdn_to_ymd(jdn))
    first = jdn - d.getLunarDay() + 1
    n = sxtwl.fromSolar(*jdn_to_ymd(first + 29))
    days = 29 if n.getLunarDay() == 1 else 30
    return first, days


def jdn_to_ymd(jdn):
    """Julian before 1582-10-15, Gregorian after (what sxtwl takes)."""
    if jdn >= 2299161:
        a = jdn + 32044
        b = (4 * a + 3) // 146097
        c = a - 146097 * b // 4
    else:
        b = 0
        c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    return 100 * b + d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1


def julian_str(jdn):
    y, m, d = jdn_to_ymd(jdn) if jdn < 2299161 else jdn_to_ymd(jdn)
    return f"{y}-{m:02}-{d:02}"


# -- comparing ------------------------------------------------------------------------------

def compare(shipped):
    """Every month against Liu: a list of (regime, month, liu or None, what differs)."""
    out = []
    for regime, months in shipped.items():
        for m in months:
            year, code, leap, first, days, pro = m
            lc = liu_calendar(regime, year)
            lm = liu_month_at(lc, first + 14, year)
            what = []
            if lm is None:
                what.append("absent")
            else:
                ly, lcode, lleap, lfirst, ldays = lm
                if lfirst != first:
                    what.append("start")
                elif ldays != days:
                    what.append("length")
                if (lcode, lleap) != liu_label(year, code, leap):
                    what.append("name")
                if ly != year:
                    what.append("year")
            out.append((regime, m, lc, lm, tuple(what)))
    return out


REFORMS = [
    # (regime or None, first year, last year, cause)
    (None, 8, 23, "新 (建丑)"),
    (None, 236, 239, "景初 (建丑)"),
    (None, 689, 701, "武周 (建子)"),
    (None, 761, 762, "761-762 (建子, months named by 建)"),
]


def classify(regime, m, lc, lm, what):
    """The cause of a disagreement: (category key, short description)."""
    year, code, leap, first, days, pro = m
    if regime == "明" and 1522 <= year <= 1524:
        return "jiajing"
    if pro:
        return "proleptic"
    if lm is None:
        return "outside"
    for r, a, b, _ in REFORMS:
        if a <= year <= b and ("name" in what or "year" in what) and "start" not in what and "length" not in what:
            return "reform-naming"
    if year < -103:
        return "qin-han"
    if lc != "default":
        return "regime-" + lc
    return "default-" + ("early" if year < 618 else "tang-song" if year < 1368 else "ming-qing")


CATEGORIES = {
    "jiajing": (
        "明 嘉靖元年-三年 (1522-1524): month starts 1-2 days off",
        "corrected (MONTH_FIXES in gen_months.py): Liu's tables and sxtwl agree against the dump, "
        "as every other published table does; pinned by a test.",
    ),
    "proleptic": (
        "Proleptic months (status P): an era counted before its proclamation or after its end",
        "kept, flagged `proleptic`: they are the dump's own extension, not any regime's calendar; "
        "where a standard month of the regime covers the day it wins.",
    ),
    "outside": (
        "Months Liu's tables do not cover",
        "kept: nothing to compare with.",
    ),
    "reform-naming": (
        "Names of months at the calendar reforms (新, 景初, 武周, 761-762): same days, another label",
        "kept DDBC: it follows each calendar's own names and years (臘月, 一月, 建子月); the table "
        "maps them (LA_YUE, YI_YUE, jian) and 762's 建巳月 is also 四月.",
    ),
    "qin-han": (
        "秦 and 漢 before 太初 (before 104 BCE): reconstructions of the 顓頊曆 differ",
        "kept DDBC: both tables are modern reconstructions of a calendar no day-by-day record of "
        "which survives; sxtwl (astronomical) differs from both more often.",
    ),
    "default-early": (
        "漢 to 南北朝 and 隋 (before 618), main calendar: single months differ by a day",
        "kept DDBC: two modern reconstructions differ by a day here, or in the place of a leap month; "
        "with no dated record to decide, the source table is kept and the alternative listed below.",
    ),
    "default-tang-song": (
        "唐 to 元 (618-1367), main calendar: single months differ by a day",
        "kept DDBC: the two tables differ by a day here, or in the place of a leap month; the "
        "alternative is listed below.",
    ),
    "default-ming-qing": (
        "明 and 清 (from 1368): single months differ",
        "kept DDBC (except 嘉靖 1-3 above).",
    ),
}
for _lc in ("Shu", "Wu", "LaterQin", "NorthernLiang", "WeiZhouSui", "WeiQi", "LiaoJinYuan", "SouthernMing"):
    CATEGORIES["regime-" + _lc] = (
        f"A regime's own calendar ({_lc}) as Liu reconstructs it differs from DDBC's months for it",
        "kept DDBC (Liu's tables may not be shipped): where DDBC has no months of the regime's own "
        "(後秦, 北涼: it gives 東晉's) a text dated in that regime's calendar may be a month or a day "
        "off at these months; see 'Regimes with their own calendar' below.",
    )


def sxtwl_stats(shipped):
    """Agreement of the month starts and lengths with sxtwl, by period."""
    periods = [(-300, -104, "before 太初 (-104)"), (-104, 220, "104 BCE-220"), (220, 618, "220-617"),
               (618, 960, "618-959"), (960, 1368, "960-1367"), (1368, 1645, "1368-1644"), (1645, 1913, "1645-1912")]
    out = []
    for a, b, name in periods:
        n = same = 0
        for regime, months in shipped.items():
            for year, code, leap, first, days, pro in months:
                if a <= year < b and not pro:
                    n += 1
                    f, d = sxtwl_month_at(first + 14)
                    same += (f, d) == (first, days)
        out.append((name, n, same))
    return out


PAIRS = [("遼", "北宋"), ("金", "南宋"), ("蒙古", "南宋"), ("元", "南宋"), ("西夏", "北宋"), ("西夏", "南宋"),
         ("西遼", "南宋"), ("蜀漢", "曹魏"), ("孫吳", "曹魏"), ("北魏", "劉宋"), ("北魏", "南梁"), ("東魏", "南梁"),
         ("西魏", "南梁"), ("北齊", "陳"), ("北周", "陳"), ("後秦", "東晉"), ("北涼", "東晉"), ("前涼", "東晉"),
         ("南明", "清")]


def pair_diff(shipped, a, b):
    """Standard months of ``a`` in the span both cover (where ``b``'s are standard too), and
    how many differ from ``b``'s."""
    bs = {m[3]: m for m in shipped[b] if not m[5]}
    lo = max(shipped[a][0][3], shipped[b][0][3])
    hi = min(shipped[a][-1][3], shipped[b][-1][3])
    pro = {m[3] for m in shipped[b] if m[5]}
    ms = [m for m in shipped[a] if lo <= m[3] <= hi and not m[5] and m[3] not in pro]
    differ = [m for m in ms if m[3] not in bs or bs[m[3]][1:3] + (bs[m[3]][4],) != m[1:3] + (m[4],)]
    years = sorted({m[0] for m in differ})
    return len(ms), len(differ), years


def ce(year):
    """Historians' numbering of an astronomical year."""
    return year if year > 0 else year - 1


def month_label(code, leap):
    if code == gen_months.LA:
        name = "臘月"
    elif code == gen_months.YI:
        name = "一月"
    elif code >= gen_months.JIAN:
        name = "建" + gen_months.BRANCHES[code - gen_months.JIAN] + "月"
    else:
        name = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"][code - 1] + "月"
    return ("閏" if leap else "") + name


def choose_sample(shipped, rows, by_cat):
    """1,000 months: evenly spread over every calendar, and at least one of each kind of
    disagreement, in calendar order."""
    total = sum(len(v) for v in shipped.values())
    differing = {}
    for cat, rs in sorted(by_cat.items()):
        for r in rs[:: max(1, len(rs) // 3)][:3]:
            differing[(r[0], r[1])] = cat
    budget = SAMPLE_SIZE - len(differing)
    share = {k: max(3, round(budget * len(v) / total)) for k, v in shipped.items()}
    while sum(share.values()) > budget:
        k = max(share, key=lambda k: share[k])
        share[k] -= 1
    while sum(share.values()) < budget:
        k = max(share, key=lambda k: len(shipped[k]) / share[k])
        share[k] += 1
    picked = set(differing)
    for k, months in shipped.items():
        n = min(share[k], len(months))
        for i in range(n):
            j = (2 * i + 1) * len(months) // (2 * n)
            while (k, months[j]) in picked and j + 1 < len(months):
                j += 1
            picked.add((k, months[j]))
    # Collisions at the end of a calendar leave a few short: take the next months of the
    # largest calendar.
    big = max(shipped, key=lambda k: len(shipped[k]))
    j = 0
    while len(picked) < SAMPLE_SIZE:
        picked.add((big, shipped[big][j]))
        j += 1
    order = {k: i for i, k in enumerate(shipped)}
    cat_of = {(r[0], r[1]): classify(*r) for r in rows if r[4]}
    out = sorted(picked, key=lambda km: (order[km[0]], km[1][3]))[:SAMPLE_SIZE]
    return [(k, m, cat_of.get((k, m))) for k, m in out]


def sample_tsv(shipped, sample):
    lines = [
        "# 1,000 months of the shipped calendars as an independent table computes them: Yuk Tung",
        "# Liu's historical Chinese calendar (chinesecalendar-py 0.0.1), the month containing the",
        "# 15th day of the shipped month. Facts (the day a month began and its length) derived",
        "# from it, for testing only; written by scripts/calendar/check_months.py.",
        "# calendar\tyear (CE, historians')\tnumber\tleap\tfirst (JDN)\tdays\texpected difference (MONTHS.md category; empty: none)",
    ]
    for k, m, cat in sample:
        year, code, leap, first, days, pro = m
        lc = liu_calendar(k, year)
        lm = liu_month_at(lc, first + 14, year)
        assert lm is not None, (k, m)
        differs = (lm[3], lm[4]) != (first, days)
        if differs and cat is None:
            cat = classify(k, m, lc, lm, ("start",))
        if not differs:
            cat = None
        lines.append(f"{k}\t{ce(year)}\t{code}\t{int(leap)}\t{lm[3]}\t{lm[4]}\t{cat or ''}")
    return "\n".join(lines) + "\n"


def months_md(shipped, rows, by_cat, report, stats):
    total = sum(len(v) for v in shipped.values())
    data = gen_months.OUT.read_bytes()
    L = []
    w = L.append
    w("# The lunar months: `months.bin`")
    w("")
    w("Written by `scripts/calendar/check_months.py`; do not edit by hand.")
    w("")
    w(f"Every month of {len(shipped)} regimes' calendars, {total:,} months from 221 BCE to 1912 in "
      f"{len(data):,} bytes, embedded by `src/calendar/months.rs`.")
    w("")
    w("## Sources and licences")
    w("")
    w("- **DDBC Time Authority Database** (Dharma Drum Institute of Liberal Arts, 2008-2010; "
      "`shared/data/ddbc-time/`, table `t_month`): **CC BY-SA 3.0**. `months.bin` is derived from it "
      "and shared under the same licence, with this attribution.")
    w("- **sxtwl** 2.0.7 (PyPI, BSD-3-Clause): an astronomical calendar. Used to check; the corrected "
      "month starts of 嘉靖 1-3 are the days it and Liu's tables agree on (facts, listed below).")
    w("- **chinesecalendar-py** 0.0.1 (PyPI, Yuk Tung Liu's historical calendar tables, GPL-3.0): used "
      "to check only, never as a source of shipped data. `tests/fixtures/calendar/months-sample.tsv` "
      "holds 1,000 facts read off it (the day a month began, its length) for a test.")
    w("")
    w("Regenerate: `python3 scripts/calendar/gen_months.py` (byte-identical from the dump; `--check` "
      "tells whether the file is current, `--report` prints every decision). Check: "
      "`scripts/calendar/fetch-check-packages.sh` (into `target/calendar-sources/`), then "
      "`python3 scripts/calendar/check_months.py`.")
    w("")
    w("## Conventions")
    w("")
    w("- One calendar per DDBC dynasty, named by its rank-0 name (北宋, 南宋, 遼, 金, 西夏, 元, 唐, 武周 …), "
      "the months of all its eras merged by their 朔.")
    w("- Years are civil years: the year the calendar itself counted, read from each row's year 干支. "
      "漢元年冬十月 (14 Nov 207 BCE) is in 206 BCE; 太初元年 (104 BCE) has 15 months (十月-十二月 twice); "
      "武周's 正月 (a December, 690-700) opens the next year, and 700 has 15 months; so do 建子月 and "
      "建丑月 of 762. A text that names such a month by the old reckoning (十一月 of the year before) "
      "will not find it under that name: the table knows the calendar's own names only.")
    w("- Month numbers: 1-12 are 正月-十二月; 後九月 (秦, 漢 before 太初) and 後十二月 (魏 239) are leap "
      "months; 13 is 武周's 臘月, 14 its 一月; 20-31 are 建子月-建亥月 (761-762). 上元二年九月 is also "
      "建戌月 and 762's 建巳月 is also 四月: both names find the month.")
    w("- 望 is the 15th day; 晦 the last (29th or 30th).")
    w("- Proleptic months (DDBC status `P`: an era counted before its proclamation or after its end, "
      "e.g. 崇禎 to 1895, 建武元年 before 光武's accession) are kept and flagged; where the regime has a "
      "standard month with the same 朔 the standard one is kept, and a proleptic month overlapping a "
      "standard one is dropped.")
    w("")
    w("## Layout")
    w("")
    w("All integers little-endian.")
    w("")
    w("| part | bytes | content |")
    w("|---|---|---|")
    w("| header | 24 | `ANLM`; version u8 = 1; 0 u8; calendars u16 *C*; months u32 *M*; years u32 *Y*; segments u16 *S*; aliases u16 *A*; name bytes u32 *N* |")
    w("| calendars | 20 *C* | first month u32; month count u32; first year u32; year count u16; first segment u16; segment count u16; name length u8; 0 u8 |")
    w("| segments | 8 *S* | runs of consecutive months: first month u32; JDN of its 朔 u32 |")
    w("| months | *M* | one byte a month: bits 0-4 number (1-12, 13 臘月, 14 一月, 20+b 建X月), bit 5 leap, bit 6 proleptic, bit 7 30 days (else 29) |")
    w("| years | 4 *Y* | civil year (astronomical) i16; index of its first month in the calendar u16 |")
    w("| aliases | 8 *A* | second names: month u32; number u8; leap u8; 0 u16 |")
    w("| names | *N* | the calendars' names, UTF-8, in calendar order |")
    w("")
    w("A month's 朔 is its segment's JDN plus the lengths of the months before it in the segment; "
      "`MonthTable::embedded()` sums them once, on first use.")
    w("")
    w("## Calendars")
    w("")
    w("| calendar | months | proleptic | from | to |")
    w("|---|---:|---:|---|---|")
    for k, ms in shipped.items():
        w(f"| {k} | {len(ms)} | {sum(m[5] for m in ms)} | {ce(ms[0][0])} {month_label(ms[0][1], ms[0][2])} "
          f"({julian_str(ms[0][3])}) | {ce(ms[-1][0])} {month_label(ms[-1][1], ms[-1][2])} |")
    w("")
    w("Dates are proleptic Julian before 1582-10-15, Gregorian after; years astronomical in the dates, "
      "historians' (negative BCE) in the year columns.")
    w("")
    w("## Decisions on the rows (gen_months.py)")
    w("")
    titles = {
        "row-fix": "Rows corrected (`ROW_FIXES`): numbers that contradict the rows around them",
        "start-from": "Rows that carry on a month begun by the row before them, with a wrong `start_from`: the 朔 of the row before is kept",
        "month-fix": "Month starts corrected (`MONTH_FIXES`)",
        "year-conflict": "Rows of one month with different years: the row at the 朔 decides",
        "proleptic-renamed": "Proleptic rows naming a standard month otherwise: the standard name is kept",
        "proleptic-dropped": "Proleptic months overlapping a standard month: dropped",
        "alias": "Months with two names (both find the month)",
        "length-from-rows": "Last months before a break: length from the rows",
        "length-from-other": "Last months before a break whose rows stop early (the regime ended): length from another calendar's month with the same 朔",
        "hole-filled": "One month missing between months two numbers apart: filled (its days are fixed by its neighbours)",
        "hole-donor": "A longer gap filled from another calendar of the dump (`HOLE_DONORS`)",
        "break": "Gaps left empty (the table has no months there: the regime was interrupted or the dump lacks rows)",
    }
    for key, title in titles.items():
        items = report.items.get(key, [])
        w(f"### {title}: {len(items)}")
        w("")
        for line in items:
            w(f"- {line}")
        w("")
    w("Each correction is pinned by a test in `src/calendar/months/tests.rs`.")
    w("")
    w("## Comparison with Liu's historical tables")
    w("")
    n_diff = sum(len(v) for v in by_cat.values())
    w(f"Each of the {total:,} months was compared with the month of Liu's table for that regime that "
      f"contains its 15th day (his separate tables for 蜀, 吳, 後秦, 北涼, 北魏/西魏/北周/隋, 東魏/北齊, "
      f"遼/金/蒙古 947-1279 and 南明; his main table elsewhere). {total - n_diff:,} agree in start, length, "
      f"number and year; {n_diff} differ. A 朔 one day off changes two months (the length of the one "
      f"before, the start of its own).")
    w("")
    w("| cause | months | decision |")
    w("|---|---:|---|")
    for cat in sorted(by_cat, key=lambda c: -len(by_cat[c])):
        title, decision = CATEGORIES[cat]
        w(f"| {title} | {len(by_cat[cat])} | {decision} |")
    w("")
    for cat in sorted(by_cat, key=lambda c: -len(by_cat[c])):
        title, _ = CATEGORIES[cat]
        w(f"### {title}")
        w("")
        for regime, m, lc, lm, what in by_cat[cat]:
            year, code, leap, first, days, pro = m
            theirs = "none" if lm is None else (
                f"{ce(lm[0])} {month_label(*liu_label_back(lm))} {julian_str(lm[3])} {lm[4]}d")
            w(f"- {regime} {ce(year)} {month_label(code, leap)}: {julian_str(first)} {days}d; Liu ({lc}): "
              f"{theirs} — {', '.join(what)}")
        w("")
    w("## Comparison with sxtwl (astronomical)")
    w("")
    w("| period | months | same start and length |")
    w("|---|---:|---:|")
    for name, n, same in stats:
        w(f"| {name} | {n} | {same} ({100 * same / max(n, 1):.1f}%) |")
    w("")
    w("sxtwl is a second, independent opinion: it differs from the table most before 104 BCE and "
      "in 220-617, the centuries of the most calendars side by side, and agrees with Liu's tables "
      "on the corrected months of 嘉靖 1-3.")
    w("")
    w("## Regimes with their own calendar")
    w("")
    w("Does DDBC give a regime its own months, or the months of the dynasty beside it? Standard "
      "months of the first regime over the span both cover, and how many differ from the second's:")
    w("")
    w("| regime | compared with | months | differ | years with a difference |")
    w("|---|---|---:|---:|---|")
    for a, b in PAIRS:
        n, d, ys = pair_diff(shipped, a, b)
        yl = ", ".join(str(ce(y)) for y in ys[:12]) + (" …" if len(ys) > 12 else "")
        w(f"| {a} | {b} | {n} | {d} | {yl} |")
    w("")
    w("DDBC distinguishes 遼, 金 and 蒙古/元 from 宋 (their months differ in the years Liu's separate "
      "遼/金/元 table differs from 宋, and agree with that table but for the few months listed "
      "above), 蜀 and 吳 from 魏, and 北魏/東魏/西魏/北齊/北周 from the southern dynasties, 南明 "
      "from 清. It does not distinguish 西夏 (the months of 宋), 後秦 or 北涼 (the months of 東晉, "
      "where Liu reconstructs their own 三紀曆 and 玄始曆: the differences are listed above).")
    w("")
    return "\n".join(L)


def liu_label_back(lm):
    return lm[1], lm[2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="exit 1 if MONTHS.md or the sample would change")
    args = ap.parse_args()
    shipped = read_bin()
    rows = compare(shipped)
    by_cat = defaultdict(list)
    for r in rows:
        if r[4]:
            by_cat[classify(*r)].append(r)
    _, report = gen_months.build()
    stats = sxtwl_stats(shipped)
    md = months_md(shipped, rows, by_cat, report, stats)
    sample = sample_tsv(shipped, choose_sample(shipped, rows, by_cat))
    outputs = [(MONTHS_MD, md), (SAMPLE, sample)]
    if args.check:
        stale = [p for p, text in outputs if not p.exists() or p.read_text(encoding="utf-8") != text]
        for p in stale:
            print(f"{p.relative_to(ROOT)} is out of date", file=sys.stderr)
        sys.exit(1 if stale else 0)
    for p, text in outputs:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    for k, v in sorted(by_cat.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(v):5} {k}")


if __name__ == "__main__":
    main()
