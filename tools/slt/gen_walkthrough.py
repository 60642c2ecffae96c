#!/usr/bin/env python3
"""Generate the image-search walkthrough tests (Tests/sql/walkthrough/) from a seeded RNG.

Writes two files with every statement of the walkthrough, in its order and spelling:
  image_search_dim4.test    4-dim embeddings (CHECK length(photo_embed) = 4), 12 photos
  image_search_dim512.test  512-dim embeddings, the walkthrough's own DDL, 12 photos

The expected results are left empty; fill them from ClickHouse with
  python3 tools/slt/chdb_complete.py --complete Tests/sql/walkthrough
The data is deterministic (random.Random with a fixed seed), so re-running this script and then
the completion reproduces the same files byte for byte.

Data shape: photo 0 is the "random" target. The others get embeddings at increasing cosine
distance from it, well separated (gaps > 0.01), so the top-k order is unambiguous under float32
arithmetic. Conversions give each of the 10 photos nearest the target (itself included) a
distinct number of downloads, give the two farthest photos more downloads than any of them (so a
JOIN that ignored the LIMIT would show them), and give the most downloaded candidate six keywords
with distinct counts 7, 5, 4, 3, 2, 1 (so "top 5 keywords" is fully determined).
"""

from __future__ import annotations

import math
import os
import random
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "sql", "walkthrough")
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def f32(x: float) -> float:
    return struct.unpack("f", struct.pack("f", x))[0]


def sig(x: float, digits: int) -> str:
    s = f"{x:.{digits}g}"
    if "e" in s:  # keep plain decimal notation, as a user would paste it
        s = f"{x:.{digits + 4}f}".rstrip("0")
    return s


def normalize(v: list[float]) -> list[float]:
    n = math.sqrt(sum(x * x for x in v))
    return [x / n for x in v]


def cosine_distance(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    return 1 - dot / math.sqrt(sum(x * x for x in a)) / math.sqrt(sum(y * y for y in b))


def make_photos(rng: random.Random, dim: int, digits: int) -> list[dict]:
    target = normalize([rng.gauss(0, 1) for _ in range(dim)])
    photos = []
    for i in range(12):
        if i == 0:
            v = target
        else:
            # weight of the target direction falls with i: distance rises from ~0.4 to ~0.95
            w = 1.05 - 0.085 * i
            v = normalize([w * t + rng.gauss(0, 1) / math.sqrt(dim) for t in target])
        text = [sig(x, digits) for x in v]
        pid = "".join(rng.choice(ALPHABET) for _ in range(11))
        url = f"https://images.unsplash.com/photo-{rng.randrange(10**12, 10**13)}-{rng.randrange(16**12):012x}"
        photos.append({"photo_id": pid, "url": url, "text": text, "vec": [float(x) for x in text]})
    # ids in the table are not in distance order: shuffle which id each photo gets
    ids = list(range(len(photos)))
    rng.shuffle(ids)
    for p, i in zip(photos, ids):
        p["id"] = i
    return photos


def check_separation(photos: list[dict]) -> list[tuple[float, dict]]:
    # distances as the walkthrough computes them: query literal = stored Float32 values
    q = [f32(x) for x in photos[0]["vec"]]
    ranked = sorted(((cosine_distance([f32(x) for x in p["vec"]], q), p) for p in photos), key=lambda t: t[0])
    ds = [d for d, _ in ranked]
    for a, b in zip(ds, ds[1:]):
        assert b - a > 0.01, f"distances too close: {a} {b}"
    assert ds[1] > 0.3, ds[1]
    # over 512 terms a float32 dot product can be ~1e-6 off relative to ClickHouse's Float64
    # answer, so the 512-dim file pins distances rounded to 3 decimals: no distance may sit
    # within 1e-5 of a rounding boundary.
    for d in ds[1:]:
        frac = d * 1000 - math.floor(d * 1000)
        assert abs(frac - 0.5) > 0.01, f"distance {d} too close to a 3-decimal rounding boundary"
    return ranked


def make_conversions(rng: random.Random, ranked: list[tuple[float, dict]]) -> tuple[list[tuple[str, str]], str]:
    top10 = [p for _, p in ranked[:10]]
    far = [p for _, p in ranked[10:]]
    # the most downloaded candidate: the 4th nearest (not the target, not the nearest)
    popular = top10[3]["photo_id"]
    others = [p for p in top10 if p["photo_id"] != popular]
    counts = [13, 11, 9, 8, 6, 5, 4, 3, 2]
    rng.shuffle(counts)
    other_words = ["flower", "nature", "sky", "city", "dog", "mountain", "sea", "forest"]
    rows: list[tuple[str, str]] = []
    for kw, n in [("bee", 7), ("bees", 5), ("bumblebee", 4), ("honey", 3), ("honey bee", 2), ("insect", 1)]:
        rows += [(popular, kw)] * n
    for p, n in zip(others, counts):
        rows += [(p["photo_id"], rng.choice(other_words)) for _ in range(n)]
    for p, n in zip(far, (30, 25)):
        rows += [(p["photo_id"], rng.choice(other_words)) for _ in range(n)]
    rows += [("zzzzzzzzzzz", "ghost"), ("zzzzzzzzzzz", "ghost")]  # a photo that is not in the table
    rng.shuffle(rows)
    return rows, popular


def sql_str(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def build(dim: int, digits: int, seed: int, name: str, title: str) -> None:
    # the first seed from `seed` on whose data passes the separation checks
    while True:
        rng = random.Random(seed)
        photos = make_photos(rng, dim, digits)
        try:
            ranked = check_separation(photos)
            break
        except AssertionError:
            seed += 1
    conversions, popular = make_conversions(rng, ranked)
    target = photos[0]
    # the walkthrough formats the Float32 embedding it read back as a Python list
    literal = "[" + ", ".join(repr(f32(x)) for x in target["vec"]) + "]"

    out: list[str] = []

    def rec(header: str, sql: str, comments: tuple[str, ...] = (), query: bool = False) -> None:
        out.extend(comments)
        out.append(header)
        out.append(sql)
        if query:
            out.append("----")
        out.append("")

    out += [
        f"# {title}",
        "# Every statement of seed/image-search-tutorial.md, in order, as the Python client sends it",
        "# (f-string placeholders filled in). Generated by tools/slt/gen_walkthrough.py; expected",
        "# results from ClickHouse via tools/slt/chdb_complete.py.",
        "",
    ]
    rec("statement ok", "DROP TABLE IF EXISTS default.myscale_photos")
    rec("statement ok", "DROP TABLE IF EXISTS default.myscale_conversions")
    rec(
        "statement ok",
        "CREATE TABLE default.myscale_photos\n(\n    id UInt64,\n    photo_id String,\n    photo_image_url String,\n"
        f"    photo_embed Array(Float32),\n    CONSTRAINT vector_len CHECK length(photo_embed) = {dim}\n)\nORDER BY id",
    )
    rec(
        "statement ok",
        "CREATE TABLE default.myscale_conversions\n(\n    id UInt64,\n    photo_id String,\n    keyword String\n)\nORDER BY id",
    )
    values = ",\n".join(
        f"({p['id']}, {sql_str(p['photo_id'])}, {sql_str(p['url'])}, [{', '.join(p['text'])}])"
        for p in sorted(photos, key=lambda p: p["id"])
    )
    rec(
        "statement ok",
        "INSERT INTO default.myscale_photos (id, photo_id, photo_image_url, photo_embed) VALUES\n" + values,
        ("# client.insert(...) of the photos data frame",),
    )
    values = ",\n".join(f"({i}, {sql_str(pid)}, {sql_str(kw)})" for i, (pid, kw) in enumerate(conversions))
    rec(
        "statement ok",
        "INSERT INTO default.myscale_conversions (id, photo_id, keyword) VALUES\n" + values,
        ("# client.insert(...) of the conversions data frame",),
    )
    bad = ", ".join(["0.5"] * (dim - 1))
    rec(
        "statement error vector_len",
        "INSERT INTO default.myscale_photos (id, photo_id, photo_image_url, photo_embed) VALUES\n"
        f"(100, 'okokokokoko', 'https://example.com/ok', [{', '.join(['0.5'] * dim)}]),\n"
        f"(101, 'shortshorts', 'https://example.com/short', [{bad}])",
        (f"# a row whose embedding is not {dim} long violates CHECK vector_len: the whole INSERT is rejected",),
    )
    rec("query I", "SELECT count(*) FROM default.myscale_photos", ("# photos count",), query=True)
    rec("query I", "SELECT count(*) FROM default.myscale_conversions", ("# conversions count",), query=True)
    rec(
        "statement ok",
        "ALTER TABLE default.myscale_photos \nADD VECTOR INDEX photo_embed_index photo_embed\nTYPE MSTG\n('metric_type=Cosine')",
        ("# chdb: skip", "# MyScale-only syntax (ClickHouse cannot run it)."),
    )
    rec(
        "statement ok",
        "SELECT status FROM system.vector_indices WHERE name='photo_embed_index'",
        ("# chdb: skip", "# MyScale-only system table; the walkthrough waits for the index to be ready."),
    )
    rec(
        "query I",
        "SELECT count() FROM (SELECT * FROM default.myscale_photos ORDER BY rand() LIMIT 1)",
        ("# SELECT * FROM default.myscale_photos ORDER BY rand() LIMIT 1 -- random row; pin the row count",),
        query=True,
    )
    rec(
        "statement ok",
        "SELECT * FROM default.myscale_photos ORDER BY rand() LIMIT 1",
        ("# the walkthrough's statement itself",),
    )
    topk = (
        "SELECT photo_id, photo_image_url, distance(photo_embed, "
        + literal
        + ") as dist\nFROM default.myscale_photos\n"
        + f"WHERE photo_id != {sql_str(target['photo_id'])}\nORDER BY dist\nLIMIT 10"
    )
    if dim <= 16:
        rec(
            "query TTR",
            topk,
            (
                "# top-k: target_image_embed is the row of the \"random\" photo, read back as Float32 and",
                "# printed as a Python list. Expected distances are ClickHouse's cosineDistance (Float64).",
                "# Loupe's distance (cosine, 1 - cos) may compute in Float32; in 4 dimensions the rounding",
                "# stays far inside the 1e-6 relative tolerance.",
            ),
            query=True,
        )
    else:
        rec(
            "statement ok",
            topk,
            (
                "# top-k: target_image_embed is the row of the \"random\" photo, read back as Float32 and",
                "# printed as a Python list. The statement as the walkthrough sends it:",
            ),
        )
        rec(
            "query TTR",
            "SELECT photo_id, photo_image_url, round(dist, 3) FROM (\n" + topk + "\n) ORDER BY dist",
            (
                "# Its ranking, with distances rounded to 3 decimals (expected: ClickHouse's cosineDistance in",
                "# Float64; a float32 sum over 512 dimensions may differ from it by ~1e-6 relative, which the",
                "# rounding absorbs: no distance here lies near a rounding boundary).",
            ),
            query=True,
        )
    rec(
        "query TI",
        "SELECT photo_id, count(*) as count\nFROM default.myscale_conversions\nJOIN (\n"
        "    SELECT photo_id, distance(photo_embed, " + literal + ") as dist\n"
        "    FROM default.myscale_photos\n    ORDER BY dist ASC\n    LIMIT 10\n    ) AS target_photos\n"
        "ON default.myscale_conversions.photo_id = target_photos.photo_id\nGROUP BY photo_id\nORDER BY count DESC",
        (
            "# downloads per candidate: the ten nearest photos (the target itself included, distance 0)",
            "# joined with conversions. The two farthest photos have the most downloads and must not appear.",
            "# Unqualified photo_id (GROUP BY, SELECT) resolves to the left table.",
        ),
        query=True,
    )
    rec(
        "query T",
        f"SELECT photo_image_url FROM default.myscale_photos WHERE photo_id = {sql_str(popular)}",
        ("# the most popular candidate's URL",),
        query=True,
    )
    rec(
        "query TI",
        "SELECT keyword, count(*) as count\nFROM default.myscale_conversions\n"
        f"WHERE photo_id={sql_str(popular)}\nGROUP BY keyword\nORDER BY count DESC\nLIMIT 5",
        ("# top 5 download keywords of the most popular candidate",),
        query=True,
    )
    rec("statement ok", "DROP TABLE IF EXISTS default.myscale_photos")
    rec("statement ok", "DROP TABLE IF EXISTS default.myscale_conversions")
    while out and out[-1] == "":
        out.pop()
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {os.path.join(OUT, name)}")


def main() -> int:
    build(4, 3, 4, "image_search_dim4.test", "Image-search walkthrough on 4-dim embeddings.")
    build(512, 6, 512, "image_search_dim512.test", "Image-search walkthrough on 512-dim embeddings (the real DDL).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
