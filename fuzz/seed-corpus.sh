#!/usr/bin/env bash
# Seed fuzz/corpus/<target>/ with small real inputs from tests/fixtures (the corpus
# directories are git-ignored; run this before the first `cargo fuzz run`). Idempotent:
# seeds are named by content and existing corpus entries are kept.
#
#   bash fuzz/seed-corpus.sh
set -euo pipefail
cd "$(dirname "$0")"
exec python3 - <<'PY'
import hashlib, os, re, struct

FIX = "../tests/fixtures"

def save(target, data):
    d = os.path.join("corpus", target)
    os.makedirs(d, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def read(path):
    with open(os.path.join(FIX, path), "rb") as f:
        return f.read()

def slices(text, size):
    """Up to three slices of about `size` bytes, cut at line ends: start, middle, end."""
    lines = text.splitlines(keepends=True)
    out = []
    for start in (0, len(lines) // 2, max(0, len(lines) - 12)):
        chunk = ""
        for l in lines[start:]:
            if len((chunk + l).encode()) > size:
                break
            chunk += l
        if chunk and chunk not in out:
            out.append(chunk)
    return out

books = [read("books/" + f).decode("utf-8") for f in sorted(os.listdir(FIX + "/books"))]
small = [read("segment/" + f) for f in sorted(os.listdir(FIX + "/segment"))]
texts = [s for b in books for s in slices(b, 2000)] + [s.decode("utf-8", "replace") for s in small]

# segment_bytes: raw bytes — UTF-8 slices, the small fixtures, and the other encodings.
for t in texts:
    save("segment_bytes", t.encode())
for f in sorted(os.listdir(FIX + "/encodings")):
    if f.endswith(".txt"):
        data = read("encodings/" + f)
        cut = 4096 if "utf16" not in f else 4096 + 2  # keep UTF-16 code units whole
        save("segment_bytes", data[:cut] if len(data) > cut else data)

# segment_cjk: the same texts tokenized into fuzz/src/lib.rs's VOCAB (longest match
# first); other CJK ideographs as 0xFE + u16, anything else dropped.
src = open("src/lib.rs", encoding="utf-8").read()
body = src[src.index("pub const VOCAB"):]
body = body[: body.index("];")]
def unescape(lit):
    lit = re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda m: chr(int(m.group(1), 16)), lit)
    return (lit.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t")
               .replace("\\0", "\0").replace('\\"', '"').replace("\\\\", "\\"))
vocab = [unescape(m) for m in re.findall(r'"((?:[^"\\]|\\.)*)"', body)]
index = {}
for i, v in enumerate(vocab):
    if i < 0xFE:
        index.setdefault(v, i)
by_len = sorted(index, key=len, reverse=True)
def tokenize(t):
    out = bytearray()
    i = 0
    while i < len(t):
        for v in by_len:
            if t.startswith(v, i):
                out.append(index[v])
                i += len(v)
                break
        else:
            c = ord(t[i])
            if 0x4E00 <= c < 0x4E00 + 0x5200:
                out += bytes([0xFE]) + struct.pack("<H", c - 0x4E00)
            i += 1
    return bytes(out)
for t in texts:
    save("segment_cjk", tokenize(t[:1000]))

# layout: [width lo, width hi, indent, flags] + text.
for t, (w, ind) in zip(texts, [(80, 4), (40, 0), (1, 0), (7, 2), (300, 8), (2, 3), (20, 0)] * 10):
    save("layout", struct.pack("<HBB", w, ind, 0) + t.encode()[:1500])

# search: [mode, split, pattern len, cols] + pattern + haystack.
hay = books[0][:1500]
for mode in (0, 1, 2):
    for pat in ["天慶", "天庆五年", "女真", "阿骨打", "萧奉先", "年。", "　", "\n", "五月.朔", "[天乾]"]:
        p = pat.encode()
        save("search", bytes([mode, 1, len(p), 10]) + p + hay.encode())

# jump_query: [flags] + query.
for q in ["1115", "天慶五年", "天庆五年", "天慶5", "天庆5年", "天慶五", "１１１５", "天慶五年。",
          "乙未", "5", "元年", "政和五年", "壽隆七年", "1300", "天慶九年", "某某五年", "前403",
          "-403", "丙子神册元年", "hello", ""]:
    save("jump_query", b"\0" + q.encode())

# numerals_era: [n (u32 LE), flags] + text.
for n, s in [(5, "九十九萬"), (1, "元年"), (12, "十一年。"), (23, "廿三日"), (2024, "二〇二四"),
             (103, "一百〇三"), (7, "壽隆七年"), (1, "太平興國二年"), (60, "丙子神册元年"),
             (4294967295, "天慶"), (0, "干统"), (1, "乾統元年")]:
    save("numerals_era", struct.pack("<IB", n, 0) + s.encode())

for t in sorted(os.listdir("corpus")):
    print(t, len(os.listdir(os.path.join("corpus", t))))
PY
