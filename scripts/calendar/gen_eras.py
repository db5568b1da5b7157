#!/usr/bin/env python3
"""Build the era table and the variant table of `annals` from public sources.

    scripts/calendar/fetch-sources.sh     # cejs, unicode-data, kanjidic-xml -> target/calendar-sources/
    python3 scripts/calendar/gen_eras.py  # -> assets/calendar/eras.tsv, variants.txt

Sources (see assets/calendar/README.md for versions and licences):
- DDBC Time Authority dumps (../shared/data/ddbc-time/, CC BY-SA 3.0): dynasties, rulers,
  eras and every month of the Chinese, Japanese and Korean calendars;
- cejs 4.5.10 `data/date/era_data.js` (BSD-3-Clause): rulers before 221 BCE, rebel and
  minor regimes, Vietnam, variant names;
- Unihan 15.0 (Debian unicode-data), KANJIDIC2 (Debian kanjidic-xml, CC BY-SA 3.0) and the
  OpenCC tables in assets/opencc/: variant characters.

The output depends only on the inputs: running the script twice gives identical files.
"""

import bz2
import collections
import gzip
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import cejs  # noqa: E402
import ddbc  # noqa: E402
import rules  # noqa: E402

SOURCES = ROOT / "target" / "calendar-sources"
CEJS = SOURCES / "cejs-4.5.10" / "package" / "data" / "date" / "era_data.js"
UNICODE = SOURCES / "unicode-data" / "usr" / "share" / "unicode"
KANJIDIC = SOURCES / "kanjidic-xml" / "usr" / "share" / "edict" / "kanjidic2.xml.gz"
OPENCC = ROOT / "assets" / "opencc"
OUT = ROOT / "assets" / "calendar"

# ---------------------------------------------------------------------------------------
# Calendar arithmetic (Julian Day Numbers; years astronomical inside this section)


def jd_to_ymd(j):
    """Julian calendar before JDN 2299161 (1582-10-15), Gregorian from it; astronomical
    year numbers."""
    if j < 2299161:
        c = j + 32082
        d = (4 * c + 3) // 1461
        e = c - (1461 * d) // 4
        m = (5 * e + 2) // 153
        return d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1
    a = j + 32044
    b = (4 * a + 3) // 146097
    c = a - (146097 * b) // 4
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    return 100 * b + d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1


def ymd_to_jd(y, m, d):
    """Inverse of jd_to_ymd (astronomical year)."""
    a = (14 - m) // 12
    yy = y + 4800 - a
    mm = m + 12 * a - 3
    if (y, m, d) >= (1582, 10, 15):
        return d + (153 * mm + 2) // 5 + 365 * yy + yy // 4 - yy // 100 + yy // 400 - 32045
    return d + (153 * mm + 2) // 5 + 365 * yy + yy // 4 - 32083


def hist(astro):
    """Astronomical year -> historians' year (no year 0)."""
    return astro - 1 if astro <= 0 else astro


def astro(h):
    return h + 1 if h < 0 else h


def add_years(h, n):
    return hist(astro(h) + n)


def is_cjk_name(s):
    return bool(s) and all(
        0x3400 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF or 0x20000 <= ord(c) <= 0x3FFFF
        for c in s
    )


# ---------------------------------------------------------------------------------------
# DDBC


COUNTRY_OF_DUMP = {"chinese": "China", "japanese": "Japan", "korean": "Korea"}


def strip_paren(s):
    return re.sub(r"[（(][^）)]*[）)]", "", s).strip()


class Era:
    """One era of the output table (fields documented in assets/calendar/README.md)."""

    def __init__(self, **kw):
        self.names = []  # primary first
        self.kind = "E"  # E: 年號, Y: a ruler's years
        self.regime = None
        self.ruler = None
        self.country = "China"
        self.start = None  # historians' CE year of 元年
        self.first = None  # historians' CE year of the first year in use
        self.month = 0  # month of the first day in use (13 = 臘月, 14 = 一月 of 武周)
        self.leap = 0
        self.first_jd = None
        self.end = None
        self.last_jd = None
        self.counted_to = None  # proleptic: years counted on after the real end
        self.continues = None  # Era continued by this one (another regime's)
        self.source = "D"  # D: DDBC, C: cejs, F: fixed (see ERAS.md)
        # "-": one count; "R": a revised count the 史記 年表 dates otherwise; "S": the 史記
        # 年表's count of a reign the revised tables date otherwise (README: chronology).
        self.chronology = "-"
        self.shiji = None  # cejs's note of the 史記's years: (first, last, counted on)
        self.cejs_starts = []
        self.ruler_extra = []
        self.personal = []
        self.co_rulers = []
        # The rulers who carried the era on after its first ruler: (ruler key, the CE year
        # from which the year is his, holding most of its months).
        self.successors = []
        self.first_ord = 1
        self.__dict__.update(kw)

    def len(self):
        return astro(self.end) - astro(self.start) + 1


class Regime:
    def __init__(self, names, country):
        self.names = names
        self.country = country


class Ruler:
    def __init__(self, regime, names):
        self.regime = regime
        self.names = names


def month_code(row):
    m = int(row[2])
    return {-1: 13, -2: 14}.get(m, m)


def load_ddbc(kind):
    t = ddbc.tables(ddbc.default_dump(kind))
    dyn_type = {r[0]: r[1] for r in t["t_dynasty"]}
    dyn_names = collections.defaultdict(list)
    for d, n, rk, lang in t["t_dynasty_names"]:
        dyn_names[d].append((int(rk), n))
    emp_dyn = {r[0]: r[1] for r in t["t_emperor"]}
    emp_names = collections.defaultdict(list)
    for e, n, rk, lang in t["t_emperor_names"]:
        emp_names[e].append((int(rk), n))
    era_emp = {r[0]: r[1] for r in t["t_era"]}
    era_names = collections.defaultdict(list)
    for e, n, rk, lang in t["t_era_names"]:
        era_names[e].append((int(rk), n))
    months = collections.defaultdict(list)
    for m in t["t_month"]:
        months[m[5]].append(m)

    def names_of(pairs):
        out = []
        for _, n in sorted(pairs):
            n = n.strip()
            if n and n not in out and not re.search(r"[\uac00-\ud7af]", n):
                out.append(n)
        return out

    records = []
    for era_id, emp in era_emp.items():
        dyn = emp_dyn.get(emp)
        if dyn is None or dyn_type.get(dyn) != kind:
            continue
        rows = sorted(months.get(era_id, []), key=lambda r: (int(r[6]), int(r[0])))
        s_rows = [r for r in rows if r[10] == "S"]
        if not s_rows or not era_names[era_id]:
            # Records without any name (唐 798, a copy of 大曆十四年 under 德宗) are left out.
            continue
        # A record whose year count starts again at 1 (秦 二世 after the last months of 始皇
        # 三十七年) holds two reigns: split it there.
        cut = next((i for i in range(1, len(s_rows)) if int(s_rows[i][1]) < int(s_rows[i - 1][1])), None)
        if cut is not None:
            tail = s_rows[cut:]
            records.append(
                {
                    "id": int(era_id),
                    "dynasty": names_of(dyn_names[dyn]),
                    "dyn_id": int(dyn),
                    "emperor": names_of(emp_names[emp]),
                    "emp_id": int(emp),
                    "names": names_of(era_names[era_id]),
                    "rows": [r for r in rows if int(r[6]) >= int(tail[0][6])],
                    "s": tail,
                }
            )
            rows = [r for r in rows if int(r[6]) < int(tail[0][6])]
            s_rows = s_rows[:cut]
        records.append(
            {
                "id": int(era_id),
                "dynasty": names_of(dyn_names[dyn]),
                "dyn_id": int(dyn),
                "emperor": names_of(emp_names[emp]),
                "emp_id": int(emp),
                "names": names_of(era_names[era_id]),
                "rows": rows,
                "s": s_rows,
            }
        )
    records.sort(key=lambda r: (int(r["s"][0][6]), r["id"]))
    return records


def ce_year_anchor(rows):
    """The historians' CE year of 元年 for a list of month rows of one era: the year that
    holds the middle of each complete era year, less its ordinal."""
    by_year = collections.defaultdict(list)
    for r in rows:
        by_year[int(r[1])].append(r)
    votes = collections.Counter()
    for k, rs in by_year.items():
        lo = min(int(r[6]) for r in rs)
        hi = max(int(r[7]) for r in rs)
        if len(rs) >= 12 and hi - lo >= 340:
            y = jd_to_ymd((lo + hi) // 2)[0]
            votes[y - (k - 1)] += 1
    if votes:
        return hist(votes.most_common(1)[0][0])
    # No complete year: estimate the middle of the year from the position of a month in it
    # (臘月 and 一月 of 武周 are its second and third months; before 104 BCE the year began
    # with the tenth month, so months 10-12 open the year named by the next CE year).
    r = rows[len(rows) // 2]
    m = {13: 2, 14: 3}.get(month_code(r), month_code(r))
    j = int(r[6])
    mid = j + round((6.5 - m) * 29.53)
    if j < 1683400 and m >= 10:
        mid += 365
    return hist(jd_to_ymd(mid)[0] - (int(r[1]) - 1))


def ddbc_eras(kind):
    """Eras of one DDBC dump: records of one era split at changes of ruler are joined."""
    country = COUNTRY_OF_DUMP[kind]
    records = load_ddbc(kind)
    regimes = {}
    merged = []
    open_by_key = {}
    for rec in records:
        dyn = rec["dynasty"][0]
        raw = rec["names"][0] if rec["names"] else "（無年號）"
        nameless = raw.startswith("（") or raw.startswith("(")
        alias_name = [n for n in rec["names"][1:] if not (n.startswith("（") or n.startswith("("))]
        first_ord = int(rec["s"][0][1])
        first_jd = int(rec["s"][0][6])
        # Join with an earlier record of the same regime that this one continues.
        target = None
        for cand in reversed(merged[-60:]):
            if cand["dyn_id"] != rec["dyn_id"]:
                continue
            c_last_ord = int(cand["s"][-1][1])
            c_last_jd = int(cand["s"][-1][7])
            c_first_jd = int(cand["s"][0][6])
            inside = c_first_jd <= first_jd <= c_last_jd and not nameless
            # The next record of one era: its count goes on (first_ord > 1), or it continues the
            # same year within a month (唐 天祐 under 哀帝 after 昭宗).
            near = 0 <= first_jd - c_last_jd <= (400 if first_ord > 1 else 31)
            if not inside and not (near and first_ord in (c_last_ord, c_last_ord + 1)):
                continue
            if nameless and cand["nameless"] and first_ord > 1:
                # A ruler's count goes on (高祖 after 高祖（漢王）); a new ruler's starts at 1.
                target = cand
                break
            if not nameless and not cand["nameless"] and fold_key(raw) in {fold_key(n) for n in cand["names"]}:
                target = cand
                break
        if target is not None:
            target["rows"].extend(rec["rows"])
            target["s"].extend(rec["s"])
            target["s"].sort(key=lambda r: int(r[6]))
            target["rows"].sort(key=lambda r: int(r[6]))
            for n in rec["names"]:
                if n not in target["names"] and not n.startswith("（"):
                    target["names"].append(n)
            target["rulers"].append(rec)
            continue
        rec = dict(rec)
        rec["nameless"] = nameless and not alias_name
        rec["raw"] = raw
        rec["rulers"] = [rec]
        if nameless and alias_name:
            rec["names"] = alias_name
        merged.append(rec)
        regimes.setdefault(rec["dyn_id"], rec["dynasty"])
    out = []
    for rec in merged:
        dyn = rec["dynasty"][0]
        emperor = rec["emperor"]
        ruler_main = strip_paren(emperor[0]) if emperor else ""
        if rec["nameless"]:
            base = strip_paren(ruler_main) or ruler_main
            if kind == "japanese":
                base = strip_paren(rec["raw"].strip("()（）")) or base
                base = rec["raw"].strip("()（）")
            suffix = {"（後元）": "後元", "（中元）": "中元"}.get(rec["raw"], "")
            names = [base + suffix]
            kind_code = "E" if suffix else "Y"
        else:
            names = rec["names"]
            kind_code = "E"
        rows = rec["rows"]
        s = rec["s"]
        start = ce_year_anchor(rows)
        first_row = s[0]
        last_row = s[-1]
        first = add_years(start, int(first_row[1]) - 1)
        end = add_years(start, int(last_row[1]) - 1)
        p_after = [r for r in rows if r[10] == "P" and int(r[6]) > int(last_row[7])]
        counted_to = add_years(start, max(int(r[1]) for r in p_after) - 1) if p_after else None
        if counted_to is not None and counted_to <= end:
            counted_to = None
        e = Era(
            names=list(names),
            kind=kind_code,
            country=country,
            start=start,
            first=first,
            month=month_code(first_row),
            leap=1 if first_row[4] != "0" else 0,
            first_jd=int(first_row[6]),
            end=end,
            last_jd=int(last_row[7]),
            counted_to=counted_to,
            source="D",
        )
        e.regime_names = rec["dynasty"]
        e.regime_key = (country, rec["dyn_id"])
        e.ruler_names = [strip_paren(n) for n in emperor] or [names[0]]
        e.ruler_key = (country, rec["dyn_id"], strip_paren(emperor[0]) if emperor else names[0])
        e.ddbc_ids = [r["id"] for r in rec["rulers"]]
        e.co_rulers = [
            ((country, rec["dyn_id"], strip_paren(r["emperor"][0])), [strip_paren(n) for n in r["emperor"]])
            for r in rec["rulers"][1:]
            if r["emperor"]
        ]
        e.successors = year_rulers(rec, start, country)
        e.first_ord = int(first_row[1])
        out.append(e)
    return out


def year_rulers(rec, start, country):
    """The rulers after the first of a joined DDBC era (貞觀 under 太宗, then 高宗): for each
    change, (ruler key, the CE year from which the year is his). A year is the ruler's who
    reigned most of its months, the later one when they are even (天會十三年, 1135: 熙宗's,
    太宗 having died in its first month)."""
    owner = {}
    for k, r in enumerate(rec["rulers"]):
        for row in r["s"] if k > 0 else rec["s"]:
            owner.setdefault(int(row[6]), k) if k == 0 else owner.__setitem__(int(row[6]), k)
    months = collections.defaultdict(collections.Counter)
    for row in rec["s"]:
        months[int(row[1])][owner[int(row[6])]] += 1
    out = []
    current = 0
    for ordinal in sorted(months):
        held = months[ordinal]
        k = max(held, key=lambda k: (held[k], k))
        if k > current:
            r = rec["rulers"][k]
            if r["emperor"]:
                key = (country, rec["dyn_id"], strip_paren(r["emperor"][0]))
                out.append((key, add_years(start, ordinal - 1)))
            current = k
    return out


# ---------------------------------------------------------------------------------------
# Folding (the same classes as src/search/fold.rs builds at run time)


class Fold:
    def __init__(self, tables):
        self.parent = {}
        for text in tables:
            for line in text.splitlines():
                if line.startswith("#") or "\t" not in line:
                    continue
                key, values = line.split("\t", 1)
                key = key.strip()
                if len(key) != 1:
                    continue
                for v in re.split(r"[ \t]", values):
                    if len(v) == 1:
                        self.union(key, v)
        for a in range(0x21, 0x7F):
            self.union(chr(a), chr(a + 0xFEE0))
        self.union(" ", "\u3000")
        self.classes = collections.defaultdict(list)
        for c in list(self.parent):
            self.classes[self.find(c)].append(c)
        self.rep = {}
        for members in self.classes.values():
            low = min(members)
            for c in members:
                self.rep[c] = low

    def find(self, c):
        self.parent.setdefault(c, c)
        while self.parent[c] != c:
            self.parent[c] = self.parent[self.parent[c]]
            c = self.parent[c]
        return c

    def union(self, a, b):
        if a == b:
            return
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def char(self, c):
        return self.rep.get(c, c)

    def key(self, s):
        return "".join(self.char(c) for c in s)


FOLD = None


def fold_key(s):
    return FOLD.key(s) if FOLD else s


def opencc_tables():
    return [
        (OPENCC / f).read_text(encoding="utf-8")
        for f in [
            "TSCharacters.txt",
            "STCharacters.txt",
            "TWVariants.txt",
            "TWVariantsRev.txt",
            "HKVariants.txt",
            "HKVariantsRev.txt",
            "JPShinjitaiCharacters.txt",
            "JPShinjitaiCharactersRev.txt",
        ]
    ]


# ---------------------------------------------------------------------------------------
# Variant characters


def read_unihan(name):
    with bz2.open(UNICODE / name, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            yield chr(int(cp[2:], 16)), field, value


def is_ideograph(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def variant_pairs():
    """Every variant pair of the packaged tables, as {(a, b): set of source tags}."""
    pairs = collections.defaultdict(set)

    def add(a, b, tag):
        if a != b and is_ideograph(a) and is_ideograph(b):
            pairs[tuple(sorted((a, b)))].add(tag)

    for c, field, value in read_unihan("Unihan_Variants.txt.bz2"):
        if field in ("kSemanticVariant", "kZVariant"):
            for v in value.split():
                code, _, sources = v.partition("<")
                # A link whose only source is kLau (a dictionary of Cantonese usage) records
                # Cantonese writing, not variants of the written language: 只 for 子, 簡 for 耕,
                # 孀 for 霜 are different words in 文言.
                if sources == "kLau":
                    continue
                add(c, chr(int(code[2:], 16)), "unihan-" + field[1:])
    # kStrange "I:U+XXXX": an incomplete form of that character. Most are the 缺筆 of taboo
    # avoidance that 四庫全書 prints for the Qing emperors' names: 𤣥 for 玄, 𢎞 for 弘, 𦙍 for 胤.
    for c, field, value in read_unihan("Unihan_DictionaryLikeData.txt.bz2"):
        if field == "kStrange":
            for v in re.findall(r"\bI:U\+([0-9A-F]+)", value):
                add(c, chr(int(v, 16)), "unihan-Strange-incomplete")
    # EACC (ANSI/NISO Z39.64, from CCCII) codes variant forms of a character at the same
    # position in a later layer: a first byte 0x21 + 6k + p is layer k of plane p.
    eacc = {}
    for c, field, value in read_unihan("Unihan_OtherMappings.txt.bz2"):
        if field == "kEACC":
            eacc[c] = value
    by_code = {v: c for c, v in eacc.items()}
    for c, code in sorted(eacc.items()):
        b1 = int(code[:2], 16)
        if b1 < 0x21 or b1 > 0x7E:
            continue
        layer, plane = divmod(b1 - 0x21, 6)
        # Layer 1 (0x27-0x2C) holds the simplified forms of mainland China, which OpenCC
        # covers with more care (one simplified form there stands for several characters).
        if layer < 2:
            continue
        base = by_code.get("%02X%s" % (0x21 + plane, code[2:]))
        if base is not None:
            add(c, base, "eacc")
    # KANJIDIC2: <variant var_type="jis208">1-46-81</variant> names a variant by its code.
    text = gzip.open(KANJIDIC, "rt", encoding="utf-8").read()
    code_of = {}
    chars = []
    for m in re.finditer(r"<literal>(.+?)</literal>(.*?)</character>", text, re.S):
        lit, body = m.group(1), m.group(2)
        for t, v in re.findall(r'<cp_value cp_type="(\w+)">([^<]+)<', body):
            code_of[(t, v.lower())] = lit
        chars.append((lit, re.findall(r'<variant var_type="(jis208|jis212|jis213|ucs)">([^<]+)<', body)))
    for lit, variants in chars:
        for t, v in variants:
            other = chr(int(v, 16)) if t == "ucs" else code_of.get((t, v.lower()))
            if other:
                add(lit, other, "kanjidic2")
    for a, b, why in rules.ATTESTED_PAIRS:
        add(a, b, "attested")
    return pairs


# ---------------------------------------------------------------------------------------
# cejs

_CEJS_DATE = re.compile(r"(-?\d+)(?:/(\d+)(?:/(\d+))?)?")


class NewYears:
    """The first days of the Chinese lunar years (正月 of the 夏正 calendar), from the DDBC
    month table, to turn a cejs date into the lunar year it falls in."""

    def __init__(self):
        t = ddbc.tables(ddbc.default_dump("chinese"))
        days = set()
        for r in t["t_month"]:
            if r[2] == "1" and r[4] == "0":
                j = int(r[6]) - (int(r[9]) - 1)
                y, m, d = jd_to_ymd(j)
                if m == 1 and d >= 8 or m == 2 and d <= 25:
                    days.add((y, j))
        by_year = {}
        for y, j in sorted(days):
            by_year.setdefault(y, j)
        self.years = sorted(by_year)
        self.days = [by_year[y] for y in self.years]

    def year(self, j):
        """The lunar year (historians' numbering) of JDN j; a date up to 3 days before a new
        year counts in the new year (calendars of Vietnam and Korea differ by a day or so)."""
        import bisect

        i = bisect.bisect_right(self.days, j + 3) - 1
        y, m, d = jd_to_ymd(j)
        if i < 0 or j - self.days[i] > 400:
            return hist(y if (m, d) >= (2, 10) else y - 1)
        return hist(self.years[i])


def cejs_point(s, ny, base_year=None, month=None):
    """A cejs date string -> (lunar year, JDN or None); year-only dates give no JDN. With
    `month` (the lunar month the date falls in, from the 曆數 field), the lunar year is the
    one whose middle lies about (6.5 - month) months after the date, which does not depend
    on which calendar placed the new year a month earlier or later; without it, the year
    comes from the DDBC new years."""
    s = s.strip()
    if not s or s.startswith("+"):
        return None
    m = _CEJS_DATE.search(s)
    if not m:
        return None
    parts = s.split(":")[-1].strip()
    if m.group(3) is None and m.group(2) is not None and base_year is not None and re.fullmatch(r"\d{1,2}/\d{1,2}", parts):
        y, mo, d = base_year, int(m.group(1)), int(m.group(2))
    else:
        y = int(m.group(1))
        if y == 0:
            return None
        if m.group(2) is None:
            return y, None
        mo, d = int(m.group(2)), int(m.group(3) or 1)
    j = ymd_to_jd(astro(y), mo, d)
    if month is not None:
        mid = j + round((6.5 - month) * 29.53)
        if j < 1683400 and month >= 10:
            mid += 365  # before 104 BCE the year began with the tenth month
        return hist(jd_to_ymd(mid)[0]), j
    return ny.year(j), j


_CAL_HEAD = re.compile(r"^(?:(\d*)/)?閏?(\d*)(?:/(\d*))?=")


def cejs_eras(country_key, ny):
    out = []
    last_of = {}
    for x in cejs.entries(CEJS, country_key):
        if "參照用" in x["attrs"]:
            continue
        head = _CAL_HEAD.match(x["calendar"])
        ordinal, month = 1, None
        if head:
            if head.group(1):
                ordinal = int(head.group(1))
            if head.group(2):
                month = int(head.group(2))
        st = cejs_point(x["start"], ny, month=month)
        if st is None:
            continue
        first_year, first_jd = st
        end = None
        last_jd = None
        if x["end"]:
            if x["end"].startswith("+"):
                if first_jd:
                    last_jd = first_jd + int(x["end"][1:]) - 1
                    end = ny.year(last_jd)
            else:
                e = cejs_point(x["end"], ny, base_year=add_years(first_year, 0) if first_jd else None)
                if e:
                    end, last_jd = e
        elif x.get("end_from_next"):
            e = cejs_point(x["end_from_next"], ny)
            if e:
                if e[1] is None:
                    end = add_years(e[0], -1)
                else:
                    last_jd = e[1] - 1
                    end = ny.year(last_jd)
        if end is None:
            end = first_year
        if astro(end) < astro(first_year):
            end = first_year
        start = add_years(first_year, -(ordinal - 1))
        attrs = x["attrs"]
        # An era carried on under the next ruler is a new element naming the same era.
        continuation = ordinal > 1 or (out and out[-1]["era"] == strip_paren(x["era"]))
        prev = last_of.get((x["dynasty"], x["era"]))
        if prev is not None and ordinal == 1 and x["parts"] == 3 and astro(prev["end"]) + 1 >= astro(first_year) >= astro(prev["first"]):
            start = prev["start"]

        # A reign dated by a revised chronology (楊寬's 戰國史料編年輯證, the 古本竹書紀年 as
        # reconstructed), and the 史記's years where cejs notes them (`注=前455年 - 前451年
        # （史記）`; `未改元`: the 史記 counts a restored ruler's years on from his first reign).
        # (Not a note that the sources part after this reign: 魯 哀公's `此後《史記》與楊寬…`.)
        cites = " ".join(v for k in ("據", "注") for v in attrs.get(k, []) if v is not True and "此後" not in v)
        revised = bool(re.search(r"楊寬|編年輯[証證]|竹書紀年輯", cites))
        shiji = None
        for v in attrs.get("注", []):
            m = re.match(r"前(\d+)年\s*-\s*前(\d+)年（史記）(未改元)?", v) if v is not True else None
            if m:
                shiji = (-int(m.group(1)), -int(m.group(2)), bool(m.group(3)))

        def vals(key):
            out = []
            for v in attrs.get(key, []):
                if v is True:
                    continue
                for p in re.split(r"[;；]", v):
                    p = strip_paren(p.strip())
                    if is_cjk_name(p) and p not in out:
                        out.append(p)
            return out

        era_name = strip_paren(x["era"])
        ruler = strip_paren(x["ruler"])
        last = out[-1] if out else None
        if last is not None and last["dynasty"] == strip_paren(x["dynasty"]) and last["era"] == era_name and last["start"] == start and x["parts"] != 2:
            # The same era carried on under the next ruler: one era.
            last["end"], last["last_jd"] = end, last_jd
            continue
        out.append(
            {
                "dynasty": strip_paren(x["dynasty"]),
                "ruler": ruler,
                "era": era_name,
                "parts": x["parts"],
                "start": start,
                "first": first_year,
                "first_jd": first_jd,
                "end": end,
                "last_jd": last_jd,
                "ordinal": ordinal,
                "month": month or 0,
                "alt_names": vals("年號") + vals("紀年"),
                "ruler_names": [ruler] + vals("君主") + vals("廟號") + vals("諡") + vals("封號") + vals("君主號"),
                "personal_names": vals("君主名") + vals("表字") + vals("君主字"),
                "regime_names": vals("國號") + vals("政權") + vals("朝代") + vals("國名"),
                "doubtful": "疑" in attrs or "傳說" in attrs,
                "revised": revised,
                "shiji": shiji,
                "continuation": continuation,
            }
        )
        last_of[(x["dynasty"], x["era"])] = out[-1]
    return out


GANZHI = set(a + b for i, a in enumerate("甲乙丙丁戊己庚辛壬癸") for j, b in enumerate("子丑寅卯辰巳午未申酉戌亥") if i % 2 == j % 2)


def acceptable_alt(primary, alt):
    """Whether cejs's alternative name `alt` for `primary` is a spelling of the same era (and
    not another era of the same ruler, which cejs records in the same field)."""
    if alt == primary or not is_cjk_name(alt) or alt in GANZHI:
        return False
    if len(alt) == len(primary):
        same = sum(a == b for a, b in zip(alt, primary))
        if same * 2 >= len(primary) or sorted(alt) == sorted(primary):
            return True
        return False
    # An abbreviation: the characters of alt in order within primary (始建國 -> 建國).
    it = iter(primary)
    if len(primary) >= 3 and len(alt) >= 2 and all(c in it for c in alt):
        return True
    # An expansion: primary inside alt (天鳳 -> 始建國天鳳).
    it = iter(alt)
    return len(alt) >= 3 and all(c in it for c in primary) and len(primary) >= 2


# ---------------------------------------------------------------------------------------
# Assembly

REPORT = []


def report(*a):
    REPORT.append(" ".join(str(x) for x in a))


def name_chars(eras):
    chars = set()
    for e in eras:
        for n in e.names + e.ruler_names + e.regime_names:
            chars.update(c for c in n if is_ideograph(c))
    chars.update("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥")
    chars.update("〇零一二三四五六七八九十百千廿卅卌元正臘閏年月日朔晦初")
    for a, b in SUIMING:
        chars.update(a)
    return chars


def regime_names_with_aliases(names):
    out = list(names)
    for n in names:
        for a in rules.REGIME_ALIASES.get(n, []):
            if a not in out:
                out.append(a)
    return out


def compatible(x, era):
    mine = set(regime_names_with_aliases([x["dynasty"]] + x["regime_names"]))
    mine |= {n[:-1] for n in mine if n.endswith("國") and len(n) > 2}
    theirs = set(regime_names_with_aliases(era.regime_names))
    return bool(mine & theirs)


NOT_CHINESE_ERAS = {"中華民國", "中华人民共和国", "滿洲國", "滿洲帝國", "中華帝國", "中曆"}


def bare_ruler(name, dynasty):
    """cejs prefixes a state's rulers with the state (秦國 悼公 -> 秦悼公); the bare title."""
    stem = dynasty[:-1] if dynasty.endswith("國") else dynasty
    return name[len(stem):] if name.startswith(stem) and len(name) > len(stem) + 1 else name


def add_name(e, n):
    if n and is_cjk_name(n) and n not in e.names:
        e.names.append(n)


def overlap(a, b):
    """Whether eras a and b are in use together for more than a year's change."""
    return astro(max(a.first, b.first, key=astro)) < astro(min(a.end, b.end, key=astro))


def apply_cejs(eras, cj):
    by_key = collections.defaultdict(list)
    for e in eras:
        for n in e.names:
            by_key[(e.country, fold_key(n))].append(e)
    added = []
    for country, entries in cj.items():
        for x in entries:
            name = x["era"]
            if x["dynasty"] in NOT_CHINESE_ERAS or astro(x["start"]) > 1912 and country == "China":
                continue
            if x["parts"] == 1 and (name.endswith(("曆", "歷")) or country != "China"):
                continue
            if x["parts"] == 1 or x["parts"] == 3 and name != x["ruler"]:
                keys = [name] + [a for a in x["alt_names"] if acceptable_alt(name, a)]
                if name in ("前元", "中元", "後元", "後"):
                    base = bare_ruler(x["ruler"], x["dynasty"])
                    keys = [base] if name == "前元" else [base + ("後元" if name == "後" else name)]
                cands = [e for k in keys for e in by_key.get((country, fold_key(k)), [])]
                best = None
                # (The era of cejs's own regime first: 後唐's 天成 is not 閩's, which took it
                # over in the same year, and 明宗's names are not 閩's ruler's.)
                for e in sorted(cands, key=lambda e: (not (compatible(x, e) or country != "China"), abs(astro(e.start) - astro(x["start"])))):
                    d = abs(astro(e.start) - astro(x["start"]))
                    within = astro(e.first) <= astro(x["first"]) <= astro(e.counted_to or e.end) + 1
                    same_regime = compatible(x, e) or country != "China"
                    if (d <= 3 or within) and same_regime or d <= 1 and x["first"] == x["start"] and not x["continuation"]:
                        best = e
                        break
                if best is not None:
                    mid_era = astro(best.start) < astro(x["first"]) <= astro(best.counted_to or best.end) + 1 and x["ordinal"] == 1
                    if best.start != x["start"] and not mid_era and not x["continuation"]:
                        best.cejs_starts.append((x["start"], x["dynasty"], x["ruler"]))
                    if name not in ("前元", "中元", "後元", "後"):
                        add_name(best, name)
                    for alt in x["alt_names"]:
                        if acceptable_alt(best.names[0], alt):
                            add_name(best, alt)
                    # (A ruler's names only for his own regime's record, or one that
                    # names him so too: 楚's 武穆王, who dated by 後唐's 天成, is not 後唐
                    # 明宗.)
                    shared = set(x["ruler_names"]) & set(best.ruler_names)
                    if compatible(x, best) or country != "China" or shared:
                        best.ruler_extra.extend(n for n in x["ruler_names"] if n not in best.ruler_extra)
                        best.personal.extend(n for n in x["personal_names"] if n not in best.personal)
                    continue
                if country == "China" and not (-841 <= x["start"] <= 1911):
                    continue
                if country in ("Japan", "Korea") and (x["first_jd"] is None or astro(x["start"]) > 1912):
                    continue
                if not is_cjk_name(x["dynasty"]) and not x["regime_names"]:
                    continue
                adoption = any(o.start == x["start"] for k in keys for o in by_key.get((country, fold_key(k)), []))
                e = cejs_era(x, country, "E", adoption)
                if not adoption and e.regime_key in DDBC_KEYS:
                    # An era cejs gives a ruler DDBC lists, overlapping DDBC's eras of that
                    # regime: a minority reading (cejs marks them 疑 or cites one author).
                    bare = bare_ruler(x["ruler"], x["dynasty"])
                    clash = [
                        o
                        for o in eras
                        if o.regime_key == e.regime_key
                        and o.kind == "E"
                        and (bare in o.ruler_names or any(bare in names for _, names in o.co_rulers))
                        and overlap(o, e)
                    ]
                    if clash:
                        report("cejs era not taken:", x["dynasty"], x["ruler"], name, x["start"], "overlaps", clash[0].names[0])
                        continue
                added.append(e)
            else:
                # A ruler's years.
                if country == "China" and astro(x["first"]) >= astro(-221):
                    near = [e for e in eras if e.country == "China" and e.kind == "Y" and abs(astro(e.start) - astro(x["start"])) <= 1 and compatible(x, e)]
                    if near:
                        e = min(near, key=lambda e: (abs(astro(e.start) - astro(x["start"])), abs(astro(e.end) - astro(x["end"]))))
                        e.ruler_extra.extend(n for n in x["ruler_names"] if n not in e.ruler_extra)
                        e.personal.extend(n for n in x["personal_names"] if n not in e.personal)
                        continue
                    # Years DDBC does not count, of a dynasty it has (石勒's years as 趙王,
                    # 319–328, before 後趙's first era 太和; rebels such as 盧芳 inside 東漢's
                    # years). Not a ruler's months before his own first era (南明 安宗 1644),
                    # a stub no history counts; nor the khans and kings of regimes DDBC lacks
                    # (柔然, 高昌, 渤海 before its eras): cejs's successions there overlap and
                    # leave gaps, and no chronicle counts years by them.
                    own_era = any(o["dynasty"] == x["dynasty"] and o["ruler"] == x["ruler"] and o["era"] != o["ruler"] for o in entries)
                    stub = own_era and astro(x["end"]) - astro(x["start"]) <= 1
                    if x["continuation"] or stub or (country, x["dynasty"]) not in DDBC_REGIME_KEY:
                        report("cejs ruler's years not taken:", x["dynasty"], x["ruler"], x["start"], x["end"])
                        continue
                    e = cejs_era(x, country, "Y")
                    ddbc_key = DDBC_REGIME_KEY[(country, x["dynasty"])]
                    inside = any(o.regime_key == ddbc_key[0] and overlap(o, e) for o in eras)
                    if inside:
                        # A rebel inside the dynasty's years: a regime of his own.
                        regime = (x["regime_names"] or [bare_ruler(x["ruler"], x["dynasty"])])[0]
                        e.regime_names = [regime]
                        e.regime_key = (country, "cejs", regime, x["dynasty"])
                    else:
                        # Before the dynasty's first era in DDBC: its own years.
                        e.regime_key, e.regime_names = ddbc_key
                    report("cejs ruler's years taken:", x["dynasty"], x["ruler"], x["start"], x["end"], e.regime_names[0])
                    added.append(e)
                    continue
                if country in ("Japan", "Korea"):
                    continue
                if country == "China" and astro(x["end"]) < astro(-841):
                    continue
                added.append(cejs_era(x, country, "Y"))
    # cejs ends an element where the next element of the file begins, which for regimes
    # listed side by side is not the next era of the same regime: end each added era no later
    # than the year the next one of its regime begins.
    by_regime = collections.defaultdict(list)
    for e in added:
        by_regime[e.regime_key].append(e)
    for group in by_regime.values():
        group.sort(key=lambda e: (astro(e.first), e.first_jd or 0))
        for a, b in zip(group, group[1:]):
            if astro(a.first) < astro(b.first) < astro(a.end):
                a.end = b.first
                a.last_jd = None
    return added + shiji_reigns(by_regime)


def shiji_reigns(by_regime):
    """The 史記 年表's count of the reigns cejs dates otherwise and notes the 史記's years
    of (衛's: `悼公|-469~|…|注=前455年 - 前451年（史記）`; also a reign the 史記 makes longer,
    出公's restoration to 456 where cejs's next reign begins in 469): a second record of the
    ruler's years, marked "S", and cejs's own marked "R". A restored ruler whose years the
    史記 counts on (`未改元`) keeps the 元年 of his first reign."""
    out = []
    for group in by_regime.values():
        for i, e in enumerate(group):
            if e.shiji is None:
                continue
            first, last, counted_on = e.shiji
            start = first
            if counted_on:
                before = [o for o in group[:i] if o.names[0] == e.names[0]]
                if before:
                    start = before[-1].start
            if astro(last) < astro(first):
                # (cejs's note for 嗣君 reads 前324年 - 前383年: the reign's length kept.)
                last = add_years(first, astro(e.end) - astro(e.first))
            if start == e.start and last == e.end:
                continue
            report("史記 reign:", e.regime_names[0], e.names[0], e.start, "->", start, first, last)
            out.append(shiji_count(e, start, first, last))
    return out


def shiji_count(e, start, first, last):
    """A second record of the ruler's years of `e` by the 史記 年表 (元年 `start`, in use
    from `first` to `last`), marked "S"; `e` is marked "R"."""
    twin = Era(**{k: list(v) if isinstance(v, list) else v for k, v in e.__dict__.items()})
    twin.start, twin.first, twin.end = start, first, last
    twin.first_ord = astro(first) - astro(start) + 1
    twin.chronology, twin.shiji = "S", None
    e.chronology = "R"
    return twin


def cejs_era(x, country, kind, adoption=False):
    regime = x["dynasty"]
    ddbc_regimes = REGIME_NAMES_DDBC.get(country, set())
    ddbc_key = None
    if kind == "E" and regime in ddbc_regimes:
        if adoption or bare_ruler(x["ruler"], x["dynasty"]) in DDBC_RULERS.get((country, regime), set()):
            # A regime counting in another's era, or a ruler DDBC lists without this era (南明
            # 魯王's 監國) (南唐 in 後周's 顯德 from 958): file it
            # under the DDBC regime of that name.
            ddbc_key = DDBC_REGIME_KEY.get((country, regime))
        else:
            # A rebel or pretender filed under the dynasty he rose against.
            regime = (x["regime_names"] or [bare_ruler(x["ruler"], x["dynasty"])])[0]
    ruler = x["ruler"]
    rnames = [ruler] + [n for n in x["ruler_names"][1:]]
    bare = bare_ruler(ruler, x["dynasty"])
    if bare != ruler:
        rnames.insert(0, bare)
    name = x["era"]
    if kind == "Y":
        names = [bare_ruler(name, x["dynasty"]) if name == ruler else name]
        if ruler not in names:
            names.append(ruler)
    elif name == "後":
        names = [bare + "後元", ruler + "後元"]
    else:
        names = [name] + [a for a in x["alt_names"] if acceptable_alt(name, a)]
    e = Era(
        names=[n for i, n in enumerate(names) if n and n not in names[:i]],
        kind=kind,
        country=country,
        start=x["start"],
        first=x["first"],
        month=x["month"],
        leap=0,
        # cejs's dates are often the first day of the month, or of the reign: not days.
        first_jd=None,
        end=x["end"],
        last_jd=None,
        source="C",
        chronology="R" if x["revised"] else "-",
        shiji=x["shiji"],
    )
    e.regime_names = [regime] + [n for n in x["regime_names"] if n != regime]
    e.regime_key = (country, "cejs", regime, x["dynasty"] if regime != x["dynasty"] else "")
    if ddbc_key is not None:
        e.regime_key, e.regime_names = ddbc_key
    e.ruler_names = list(dict.fromkeys(n for n in rnames if n))
    e.ruler_key = (country, "cejs", regime, ruler)
    e.personal = list(x["personal_names"])
    e.first_ord = astro(x["first"]) - astro(x["start"]) + 1
    return e


REGIME_NAMES_DDBC = collections.defaultdict(set)
DDBC_REGIME_KEY = {}
DDBC_RULERS = collections.defaultdict(set)
DDBC_KEYS = set()
ALIASES_DDBC = collections.defaultdict(set)


def main():
    global FOLD
    FOLD = Fold(opencc_tables())
    eras = []
    for kind in ("chinese", "japanese", "korean"):
        eras.extend(ddbc_eras(kind))
    for e in eras:
        e.regime_names = list(e.regime_names)
        REGIME_NAMES_DDBC[e.country].update(e.regime_names)
        DDBC_KEYS.add(e.regime_key)
        for n in regime_names_with_aliases(e.regime_names):
            DDBC_REGIME_KEY.setdefault((e.country, n), (e.regime_key, e.regime_names))
            DDBC_RULERS[(e.country, n)].update(e.ruler_names)
        ALIASES_DDBC[e.country].update(regime_names_with_aliases(e.regime_names))
    for kind in ("chinese", "japanese", "korean"):
        tt = ddbc.tables(ddbc.default_dump(kind))
        dyn_names = collections.defaultdict(list)
        for d, n, rk, lang in tt["t_dynasty_names"]:
            dyn_names[d].append(n)
        for emp, n, rk, lang in tt["t_emperor_names"]:
            dyn = next((r[1] for r in tt["t_emperor"] if r[0] == emp), None)
            for dn in regime_names_with_aliases(dyn_names.get(dyn, [])):
                DDBC_RULERS[(COUNTRY_OF_DUMP[kind], dn)].add(strip_paren(n))
    ny = NewYears()
    cj = {c: cejs_eras(k, ny) for k, c in [("中國", "China"), ("Việt Nam", "Vietnam"), ("琉球", "Ryukyu"), ("한국", "Korea"), ("日本", "Japan")]}
    report("DDBC eras", len(eras), "cejs", {k: len(v) for k, v in cj.items()})
    # Variant table over the characters of all names.
    probe = [Era(names=[x["era"]] + x["alt_names"], ruler_names=x["ruler_names"], regime_names=[x["dynasty"]] + x["regime_names"]) for v in cj.values() for x in v]
    chars = name_chars(eras + probe)
    write_variants(select_variants(variant_pairs(), chars))
    FOLD = Fold(opencc_tables() + [(OUT / "variants.txt").read_text(encoding="utf-8")])
    for members in sorted(FOLD.classes.values(), key=len, reverse=True)[:5]:
        report("class", len(members), "".join(sorted(members)))
    eras = apply_fixes(eras)
    link_continuations(eras)
    eras.extend(apply_cejs(eras, cj))
    eras = apply_fixes(eras, cejs=True)
    link_continuations(eras)
    for e in eras:
        for s, dyn, ruler in e.cejs_starts:
            report("start differs:", e.country, e.regime_names[0], e.names[0], "DDBC", e.start, "cejs", s, dyn, ruler)
    for e in eras:
        spellings(e)
    link_continuations(eras)
    write_table(eras)
    return eras, cj


def apply_fixes(eras, cejs=False):
    """The corrections of rules.FIXES (each documented in assets/calendar/ERAS.md): those
    of DDBC's records before cejs's are added, those marked "cejs" after."""
    out = list(eras)
    for fix in (f for f in rules.FIXES if f.get("cejs", False) == cejs):
        hits = [e for e in out if e.country == "China" and e.regime_names[0] == fix["regime"] and fix["name"] in e.names and (fix.get("start") is None or e.start == fix["start"])]
        if fix["action"] == "add":
            e = Era(**fix["era"])
            e.regime_names = [fix["regime"]]
            e.regime_key = ("China", "fix", fix["regime"]) if not [o for o in out if o.regime_names[0] == fix["regime"]] else [o for o in out if o.regime_names[0] == fix["regime"]][0].regime_key
            e.ruler_names = fix["ruler"]
            e.ruler_key = e.regime_key + (fix["ruler"][0],)
            e.source = "F"
            e.first_ord = astro(e.first) - astro(e.start) + 1
            out.append(e)
            continue
        if fix["action"] == "drop":
            # Every record it matches (a source's pieces of one era).
            if not hits:
                raise SystemExit("fix %s matches no era" % fix["id"])
            out = [e for e in out if not any(e is h for h in hits)]
            continue
        if len(hits) != 1:
            raise SystemExit("fix %s matches %d eras" % (fix["id"], len(hits)))
        e = hits[0]
        if fix["action"] == "revised":
            # A reign of the revised count that the 史記 年表 does not have.
            e.chronology = "R"
            continue
        if fix["action"] == "shiji":
            # The 史記 年表's count of a reign cejs dates otherwise without a note of it.
            first, last = fix["shiji"]
            if (first, last) == (e.start, e.end):
                # The 年表 agrees: one count, whatever cejs cites.
                e.chronology = "-"
                continue
            twin = shiji_count(e, first, first, last)
            twin.source = "F"
            out.append(twin)
            continue
        if fix["action"] == "also":
            # More spellings of a name the sources have, after theirs.
            e.names.extend(n for n in fix["names"] if n not in e.names)
            continue
        for k, v in fix["set"].items():
            setattr(e, k, v)
        e.source = "F"
    return out


def spellings(e):
    """Add the respellings of rules.py to e.names (sources' names come first)."""
    base = list(e.names)
    if e.kind == "Y":
        # A ruler's years answer to the ruler's titles (成吉思汗 for 蒙古 太祖), not to his
        # personal name.
        for n in e.ruler_names + e.ruler_extra:
            if len(n) <= 6 and n not in e.personal:
                add_name(e, n)
    if e.country != "China":
        return
    extra = []
    for n in base:
        for ch, resp, who, year in rules.TABOO:
            if ch in n and astro(e.end) < astro(year):
                extra.append(n.replace(ch, resp))
        for ch, form in rules.PRINT_FORMS:
            # Any spelling of the character (寧, 甯, 宁) may be printed so.
            if any(FOLD.char(c) == FOLD.char(ch) for c in n):
                extra.append("".join(form if FOLD.char(c) == FOLD.char(ch) else c for c in n))
        if e.kind == "Y" and astro(e.end) < astro(-220):
            for a, b in rules.POSTHUMOUS_FORMS:
                for x, y in ((a, b), (b, a)):
                    if x in n:
                        extra.append(n.replace(x, y))
        if e.kind == "E":
            for a, b in rules.HEAD_INTERCHANGE:
                if n.startswith(a) and len(n) >= 2:
                    extra.append(b + n[1:])
            if e.regime_names[0] in rules.ABBREVIATE_LAST_TWO and len(n) == 4:
                extra.append(n[2:])
            if n.endswith(("後元", "中元")) and len(n) > 2:
                extra.append(n[-2:])
    for n in extra:
        add_name(e, n)



def link_continuations(eras):
    """An era that a regime counted on from another regime's era (北漢 乾祐 from 後漢, 後漢
    天福 from 後晉): the same name and 元年, and it starts later."""
    by = collections.defaultdict(list)
    for e in eras:
        for n in e.names:
            by[(e.country, fold_key(n), e.start)].append(e)
    for e in eras:
        if e.continues is not None or e.first_ord <= 1:
            continue
        cands = {id(o): o for n in e.names for o in by[(e.country, fold_key(n), e.start)] if o is not e and o.regime_key != e.regime_key and astro(o.first) < astro(e.first)}
        if cands:
            e.continues = min(cands.values(), key=lambda o: (astro(o.first), o.names[0]))
            for n in e.continues.names:
                add_name(e, n)


def select_variants(pairs, chars):
    """The variant pairs to fold by, chosen so that classes grow only by characters that had
    no class: (1) Unihan kZVariant pairs and the attested pairs always; (2) kSemanticVariant
    and EACC pairs when one of the two characters is in no class yet (so two classes are never
    joined through a character with two meanings, as 历 for both 曆 and 厲); (3) KANJIDIC2
    pairs only for a character that no other table links (厯 -> 暦). Only pairs with a
    character of `chars` (the names) are considered, with every incomplete form of kStrange
    (the 缺筆 of taboo avoidance, which search folds too), and no class grows past the size of the
    largest class the OpenCC tables make alone (7)."""
    fold = Fold(opencc_tables())
    size = collections.Counter(fold.find(c) for c in fold.parent)
    linked = set(fold.parent)
    for (a, b), tags in pairs.items():
        if tags - {"kanjidic2", "unihan-Strange-incomplete"}:
            linked.update((a, b))

    cap = max(size.values())

    def cls_size(c):
        return size[fold.find(c)] if c in fold.parent else 1

    def join(a, b):
        ra, rb = fold.find(a), fold.find(b)
        if ra == rb:
            return False
        n = size.pop(ra, 1) + size.pop(rb, 1)
        fold.union(a, b)
        size[fold.find(a)] = n
        return True

    order = {"unihan-ZVariant": 0, "attested": 0, "unihan-SemanticVariant": 1, "eacc": 1, "unihan-Strange-incomplete": 1, "kanjidic2": 2}
    candidates = sorted(
        ((min(order[t] for t in tags), a, b, tags) for (a, b), tags in pairs.items() if a in chars or b in chars or "unihan-Strange-incomplete" in tags),
    )
    kept = {}
    for prio, a, b, tags in candidates:
        if prio == 0:
            ok = True
        elif prio == 1:
            ok = cls_size(a) == 1 or cls_size(b) == 1
        else:
            ok = a not in linked or b not in linked
        # No class grows beyond the largest that the OpenCC tables make by themselves.
        if ok and cls_size(a) + cls_size(b) > cap and fold.find(a) != fold.find(b):
            ok = False
        if ok and join(a, b):
            kept[(a, b)] = tags
    return kept


def write_variants(kept):
    graph = collections.defaultdict(set)
    for (a, b) in kept:
        graph[a].add(b)
        graph[b].add(a)
    lines = [
        "# Variant characters (異體字) of the names in the era table, for folding (OpenCC format:",
        "# a character, a tab, its variants). Generated by scripts/calendar/gen_eras.py from",
        "# Unihan 15.0 kSemanticVariant and kZVariant, the EACC layers of Unihan kEACC, KANJIDIC2",
        "# variant links (CC BY-SA 3.0, EDRDG) and the attested pairs of scripts/calendar/rules.py,",
        "# only pairs with a character used in an era, ruler or regime name, a 干支 or a numeral;",
        "# and every incomplete form of Unihan kStrange (缺筆: 𤣥 for 玄, 𦙍 for 胤).",
    ]
    for c in sorted(graph):
        lines.append(c + "\t" + " ".join(sorted(graph[c])))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "variants.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


COUNTRY_ORDER = ["China", "Japan", "Korea", "Vietnam", "Ryukyu"]


def ruler_name_forms(names, regime_names=(), personal=()):
    out = []
    for n in names:
        if n and is_cjk_name(n) and n not in out:
            out.append(n)
    # A temple name given with its dynasty (隋高祖, 遼太祖) is the temple name alone in the
    # dynasty's own history (隋書's `帝紀第二 高祖下`).
    for n in list(out):
        if n in personal:
            continue
        for r in regime_names:
            t = n[len(r):]
            if r and n.startswith(r) and len(t) == 2 and t[-1] in "祖宗" and t not in out:
                out.append(t)
    # A 諡號 X帝 is written X皇帝 in full (孝文皇帝 for 孝文帝), as ruler lines do.
    for n in list(out):
        if n.endswith("帝") and not n.endswith("皇帝") and len(n) >= 2:
            full = n[:-1] + "皇帝"
            if full not in out:
                out.append(full)
    return out


def write_table(eras):
    regimes = {}
    rulers = {}
    for e in eras:
        r = regimes.setdefault(e.regime_key, {"names": [], "country": e.country, "first": astro(e.first)})
        r["first"] = min(r["first"], astro(e.first))
        groups = [g for g, members in rules.GROUP_NAMES.items() if e.regime_names[0] in members]
        for n in regime_names_with_aliases(e.regime_names) + groups:
            if is_cjk_name(n) and n not in r["names"]:
                r["names"].append(n)
        if not r["names"]:
            report("regime without a name in characters:", e.regime_names, e.names)
            r["names"].append(e.regime_names[0].replace(" ", "_"))
        u = rulers.setdefault(e.ruler_key, {"regime": e.regime_key, "names": [], "first": astro(e.first)})
        u["first"] = min(u["first"], astro(e.first))
        u["names"] = ruler_name_forms(
            u["names"] + e.ruler_names + e.ruler_extra + e.personal, e.regime_names, e.personal
        )
        for key, names in e.co_rulers:
            c = rulers.setdefault(key, {"regime": e.regime_key, "names": [], "first": astro(e.last_jd and e.end or e.end)})
            c["names"] = ruler_name_forms(c["names"] + names)
    # The states of 周 (cejs's 曹國, 鄭國, 晉國 …, and 衛國, which outlasted 秦's unification
    # to 209) answer to their bare names, as the 史記's 世家 titles (鄭世家, 衛康叔世家) and
    # the chronicles name them; so do the clans of 晉's ministers before they were lords
    # (趙氏, 韓氏: 趙世家 tells 趙 獻侯's years before 烈侯's).
    for k, r in regimes.items():
        first = r["names"][0]
        if r["country"] == "China" and len(first) == 2 and first.endswith(("國", "氏")) and r["first"] < astro(-220) and first[0] not in r["names"]:
            r["names"].append(first[0])
    regime_order = sorted(regimes, key=lambda k: (COUNTRY_ORDER.index(regimes[k]["country"]), regimes[k]["first"], regimes[k]["names"][0]))
    regime_id = {k: i for i, k in enumerate(regime_order)}
    ruler_order = sorted(rulers, key=lambda k: (regime_id[rulers[k]["regime"]], rulers[k]["first"], rulers[k]["names"][0] if rulers[k]["names"] else ""))
    ruler_id = {k: i for i, k in enumerate(ruler_order)}
    # Within a year, by month where one first day is unknown (cejs), then by day.
    eras = sorted(eras, key=lambda e: (regime_id[e.regime_key], astro(e.first), {13: 1.2, 14: 1.4}.get(e.month, e.month), e.first_jd or 0, e.names[0]))
    era_id = {id(e): i for i, e in enumerate(eras)}

    def year(y):
        return "-" if y is None else str(y)

    lines = [
        "# The era table of annals, generated by scripts/calendar/gen_eras.py; do not edit.",
        "# Format and sources: assets/calendar/README.md. Data from the DDBC Time Authority",
        "# Database (CC BY-SA 3.0, see LICENSE-DDBC.md) and cejs (BSD-3-Clause, LICENSE-cejs.md).",
    ]
    for k in regime_order:
        r = regimes[k]
        lines.append("\t".join(["R", r["country"], " ".join(r["names"])]))
    for k in ruler_order:
        u = rulers[k]
        lines.append("\t".join(["U", str(regime_id[u["regime"]]), " ".join(u["names"]) or "-"]))
    for e in eras:
        for n in e.names:
            assert " " not in n and "\t" not in n, n
        lines.append(
            "\t".join(
                [
                    "E",
                    str(regime_id[e.regime_key]),
                    str(ruler_id[e.ruler_key]),
                    e.kind,
                    " ".join(e.names),
                    year(e.start),
                    year(e.first),
                    str(e.month or 0),
                    str(e.leap),
                    year(e.first_jd),
                    year(e.end),
                    year(e.last_jd),
                    year(e.counted_to),
                    "-" if e.continues is None else str(era_id[id(e.continues)]),
                    e.source,
                    e.chronology,
                    " ".join(f"{ruler_id[k]}@{y}" for k, y in e.successors if k != e.ruler_key) or "-",
                ]
            )
        )

    def index(tag, items, names_of):
        keys = collections.defaultdict(list)
        for i, it in enumerate(items):
            for n in names_of(it):
                k = fold_key(n)
                if i not in keys[k]:
                    keys[k].append(i)
        for k in sorted(keys):
            lines.append("\t".join([tag, k, " ".join(map(str, keys[k]))]))

    index("KR", regime_order, lambda k: regimes[k]["names"])
    index("KU", ruler_order, lambda k: rulers[k]["names"])
    # A ruler called by his era (`泰定帝`, `景泰帝`, `崇禎皇帝`: the era's name with 帝 or
    # 皇帝, among the ruler's names) writes that era's years so (`泰定帝元年` is 泰定元年): the
    # name is a key of the era, not one of its spellings.
    def era_and_ruler_keys(e):
        called = {n + t for n in e.names for t in ("帝", "皇帝")}
        return e.names + [n for n in rulers[e.ruler_key]["names"] if n in called]

    index("KE", eras, era_and_ruler_keys)
    (OUT / "eras.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = collections.Counter((e.country, e.kind) for e in eras)
    report("eras", len(eras), "regimes", len(regimes), "rulers", len(rulers), dict(counts))


SUIMING = []

if __name__ == "__main__":
    main()
    (SOURCES / "report.txt").write_text("\n".join(REPORT) + "\n", encoding="utf-8")
