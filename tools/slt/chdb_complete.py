#!/usr/bin/env python3
"""Run sqllogictest files from Tests/sql/ through ClickHouse (chdb) and check or fill in results.

Each .test file runs against a fresh chdb database in a temporary directory, record by record, so
CREATE/INSERT persist across the statements of one file and nothing leaks between files.

Modes:
  check (default)  compare every record with ClickHouse; print differences; exit 1 if any.
  --complete       rewrite the expected output of every `query` record (and its column type
                   letters) from ClickHouse's answer, in place. `statement` records are checked
                   as in check mode.

Directives (comment lines directly above a record header, no blank line in between):
  # chdb: skip            do not run this record in ClickHouse (MyScale/Loupe-only syntax);
                          its expected output, if any, is left untouched.
  # chdb-sql: <SQL>       run this SQL in ClickHouse instead of the record's own SQL.
Rewrites always applied before running in ClickHouse:
  distance(a, b)  ->  cosineDistance(a, b)   (Loupe's `distance` without an index is cosine,
                                              1 - cos, as MyScale's Cosine metric)

Result rendering follows the runner: ClickHouse TSV text, except NULL is `NULL` and the empty
string is `(empty)`. Type letters: I for (U)Int*, R for Float*, T for everything else.
For `statement error <text>` records the statement must fail in ClickHouse; if <text> does not
occur in ClickHouse's message a note is printed (Loupe's messages are its own), and with
--strict-errors that note counts as a failure.

Usage:
  python3 tools/slt/chdb_complete.py Tests/sql                 # check the whole corpus
  python3 tools/slt/chdb_complete.py --complete Tests/sql/joins/inner.test
  python3 tools/slt/chdb_complete.py -v --show-errors FILE     # print every ClickHouse error
  python3 tools/slt/chdb_complete.py --ties 5 Tests/sql        # look for ORDER BYs that leave ties
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field

SORT_MODES = ("nosort", "rowsort", "valuesort")


@dataclass
class Record:
    kind: str  # 'statement' | 'query'
    header: str  # the header line as written
    comments: list[str]  # comment lines directly above the header
    sql_lines: list[str]
    expected: list[str] = field(default_factory=list)
    line_no: int = 0
    # statement
    expect_error: bool = False
    error_text: str = ""
    # query
    types: str = ""
    sort_mode: str = "nosort"
    label: str = ""

    @property
    def sql(self) -> str:
        return "\n".join(self.sql_lines).strip().rstrip(";").strip()

    def directive(self, name: str) -> str | None:
        for c in self.comments:
            body = c.lstrip("#").strip()
            if body.startswith(name + ":"):
                return body[len(name) + 1 :].strip()
        return None


# A file is a list of items: either a Record or a raw line (comment/blank) kept verbatim.
Item = "Record | str"


def parse(text: str, path: str) -> list:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    items: list = []
    pending_comments: list[str] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if line.strip() == "":
            items.extend(pending_comments)
            pending_comments = []
            items.append("")
            i += 1
            continue
        if line.startswith("#"):
            pending_comments.append(line)
            i += 1
            continue
        words = line.split()
        if words[0] not in ("statement", "query"):
            raise SystemExit(f"{path}:{i + 1}: unknown record header: {line!r}")
        rec = Record(kind=words[0], header=line, comments=pending_comments, sql_lines=[], line_no=i + 1)
        pending_comments = []
        if rec.kind == "statement":
            if len(words) < 2 or words[1] not in ("ok", "error"):
                raise SystemExit(f"{path}:{i + 1}: expected 'statement ok' or 'statement error'")
            rec.expect_error = words[1] == "error"
            rec.error_text = line.split(None, 2)[2].strip() if len(words) > 2 else ""
            i += 1
            while i < n and lines[i].strip() != "":
                rec.sql_lines.append(lines[i])
                i += 1
        else:
            if len(words) < 2:
                raise SystemExit(f"{path}:{i + 1}: query needs type letters")
            rec.types = words[1]
            if len(words) > 2:
                if words[2] not in SORT_MODES:
                    raise SystemExit(f"{path}:{i + 1}: unknown sort mode {words[2]!r}")
                rec.sort_mode = words[2]
            if len(words) > 3:
                rec.label = words[3]
            i += 1
            while i < n and lines[i].strip() != "----":
                if lines[i].strip() == "":
                    raise SystemExit(f"{path}:{rec.line_no}: query without '----' line")
                rec.sql_lines.append(lines[i])
                i += 1
            if i >= n:
                raise SystemExit(f"{path}:{rec.line_no}: query without '----' line")
            i += 1  # skip ----
            while i < n and lines[i].strip() != "":
                rec.expected.append(lines[i])
                i += 1
        items.append(rec)
    items.extend(pending_comments)
    return items


def render(items: list) -> str:
    out: list[str] = []
    for it in items:
        if isinstance(it, str):
            out.append(it)
            continue
        out.extend(it.comments)
        out.append(it.header)
        out.extend(it.sql_lines)
        if it.kind == "query":
            out.append("----")
            out.extend(it.expected)
    return "\n".join(out) + "\n"


_DISTANCE = re.compile(r"(?<![A-Za-z0-9_])distance\s*\(")


# `__DATA__` names the fixture directory Tests/sql/data; `__TMP__` a fresh directory per file.
SUBSTITUTIONS: dict[str, str] = {}


def chdb_sql(rec: Record) -> str:
    alt = rec.directive("chdb-sql")
    sql = alt if alt is not None else rec.sql
    for key, value in SUBSTITUTIONS.items():
        sql = sql.replace(key, value)
    return _DISTANCE.sub("cosineDistance(", sql)


def type_letter(ch_type: str) -> str:
    t = ch_type
    changed = True
    while changed:
        changed = False
        for wrap in ("Nullable(", "LowCardinality("):
            if t.startswith(wrap) and t.endswith(")"):
                t = t[len(wrap) : -1]
                changed = True
    if re.fullmatch(r"U?Int(8|16|32|64|128|256)", t):
        return "I"
    if re.fullmatch(r"(Float32|Float64|BFloat16)", t):
        return "R"
    return "T"


def convert_value(v: str) -> str:
    if v == "\\N":
        return "NULL"
    if v == "":
        return "(empty)"
    return v


def run_query(db, sql: str) -> tuple[str, list[list[str]]]:
    res = db.query(sql, "TSVWithNamesAndTypes")
    text = str(res)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) < 2:
        # no result set (e.g. a statement): treat as zero columns
        return "", []
    types = lines[1].split("\t")
    letters = "".join(type_letter(t) for t in types)
    rows = [[convert_value(v) for v in ln.split("\t")] for ln in lines[2:]]
    return letters, rows


def order_rows(rows: list[list[str]], mode: str) -> list[str]:
    if mode == "rowsort":
        return sorted("\t".join(r) for r in rows)
    if mode == "valuesort":
        return sorted(v for r in rows for v in r)
    return ["\t".join(r) for r in rows]


def with_random_tiebreak(sql: str) -> str | None:
    """The query with `, rand()` appended to its outermost ORDER BY, or None if it has none.

    If the ORDER BY fully determines the row order, the extra key never changes the result;
    if it does, the order depends on ties and the record must use rowsort or more keys."""
    depth = 0
    in_str = False
    top: list[tuple[int, str]] = []  # (position, upper-cased word) at paren depth 0
    i = 0
    while i < len(sql):
        c = sql[i]
        if in_str:
            if c == "\\":
                i += 2
                continue
            if c == "'":
                in_str = False
        elif c == "'":
            in_str = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0 and (c.isalpha()) and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            j = i
            while j < len(sql) and (sql[j].isalnum() or sql[j] == "_"):
                j += 1
            top.append((i, sql[i:j].upper()))
            i = j
            continue
        i += 1
    order_at = None
    for k in range(len(top) - 1):
        if top[k][1] == "ORDER" and top[k + 1][1] == "BY":
            order_at = top[k + 1][0] + 2
    if order_at is None:
        return None
    end = len(sql)
    for pos, word in top:
        if pos > order_at and word in ("LIMIT", "OFFSET", "SETTINGS", "UNION", "FORMAT"):
            end = pos
            break
    return sql[:end].rstrip() + ", rand() " + sql[end:]


def values_equal(exp: str, got: str, letter: str) -> bool:
    if exp == got:
        return True
    if letter != "R":
        return False
    try:
        a, b = float(exp), float(got)
    except ValueError:
        return False
    if a != a and b != b:
        return True
    if a == b:
        return True
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b))


def rows_equal(expected: list[str], got: list[str], types: str, mode: str) -> bool:
    if len(expected) != len(got):
        return False
    for e, g in zip(expected, got):
        if mode == "valuesort":
            if not values_equal(e, g, "R" if "R" in types else "T"):
                return False
            continue
        ev, gv = e.split("\t"), g.split("\t")
        if len(ev) != len(gv):
            return False
        for k, (x, y) in enumerate(zip(ev, gv)):
            if not values_equal(x, y, types[k] if k < len(types) else "T"):
                return False
    return True


class Runner:
    def __init__(self, args):
        self.args = args
        self.failures = 0
        self.notes = 0

    def fail(self, path: str, rec: Record, msg: str) -> None:
        self.failures += 1
        print(f"FAIL {path}:{rec.line_no}: {msg}")

    def note(self, path: str, rec: Record, msg: str) -> None:
        self.notes += 1
        print(f"note {path}:{rec.line_no}: {msg}")

    def run_file(self, path: str) -> None:
        import chdb

        display = path
        path = os.path.abspath(path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        items = parse(text, display)
        tmp = tempfile.mkdtemp(prefix="slt-chdb-")
        root = path[: path.rindex(os.sep + "sql" + os.sep) + len(os.sep + "sql")]
        SUBSTITUTIONS["__DATA__"] = os.path.join(root, "data")
        SUBSTITUTIONS["__TMP__"] = os.path.join(tmp, "scratch")
        os.mkdir(SUBSTITUTIONS["__TMP__"])
        # chdb's default database also resolves table names as files of the working directory;
        # run from an empty one so `t` can never mean ./t
        cwd = os.getcwd()
        work = os.path.join(tmp, "cwd")
        os.mkdir(work)
        os.chdir(work)
        db = chdb.connect(os.path.join(tmp, "db"))
        changed = False
        try:
            for rec in items:
                if isinstance(rec, str):
                    continue
                if rec.directive("chdb") == "skip":
                    continue
                sql = chdb_sql(rec)
                if rec.kind == "statement":
                    try:
                        db.query(sql, "TSV")
                        err = None
                    except Exception as e:  # chdb raises ChdbError / RuntimeError
                        err = str(e).strip()
                    if rec.expect_error:
                        if err is None:
                            self.fail(display, rec, f"expected an error, ClickHouse succeeded: {sql[:120]!r}")
                        else:
                            if self.args.show_errors:
                                print(f"  err {display}:{rec.line_no}: {err[:300]}")
                            if rec.error_text and rec.error_text.lower() not in err.lower():
                                msg = f"error text {rec.error_text!r} not in ClickHouse's message: {err[:200]}"
                                if self.args.strict_errors:
                                    self.fail(display, rec, msg)
                                elif self.args.verbose:
                                    self.note(display, rec, msg)
                    elif err is not None:
                        self.fail(display, rec, f"statement failed in ClickHouse: {err[:300]}")
                    continue
                # query
                try:
                    letters, rows = run_query(db, sql)
                except Exception as e:
                    self.fail(display, rec, f"query failed in ClickHouse: {str(e).strip()[:300]}")
                    continue
                got = order_rows(rows, rec.sort_mode)
                if self.args.complete:
                    words = ["query", letters]
                    if len(rec.header.split()) > 2:  # keep an explicit sort mode (and label)
                        words.append(rec.sort_mode)
                    if rec.label:
                        words.append(rec.label)
                    new_header = " ".join(words)
                    # keep the written values when they already match (floats within tolerance),
                    # so re-completing a file does not churn on float summation order
                    same = letters == rec.types and rows_equal(rec.expected, got, letters, rec.sort_mode)
                    if not same or new_header != rec.header:
                        rec.expected = got
                        rec.header = new_header
                        rec.types = letters
                        changed = True
                    continue
                if letters != rec.types:
                    self.fail(display, rec, f"type letters {rec.types!r}, ClickHouse gives {letters!r}")
                if not rows_equal(rec.expected, got, rec.types, rec.sort_mode):
                    diff = "\n".join(
                        ["  expected:"] + [f"    {r}" for r in rec.expected] + ["  ClickHouse:"] + [f"    {r}" for r in got]
                    )
                    self.fail(display, rec, f"result differs for {sql[:100]!r}\n{diff}")
                if self.args.ties and rec.sort_mode == "nosort" and len(got) > 1:
                    shuffled = with_random_tiebreak(sql)
                    if shuffled is not None:
                        for _ in range(self.args.ties):
                            try:
                                _, rows2 = run_query(db, shuffled)
                            except Exception as e:
                                self.note(display, rec, f"tie check could not run: {str(e).strip()[:120]}")
                                break
                            if order_rows(rows2, "nosort") != got:
                                self.fail(display, rec, "ORDER BY leaves ties: the order changes with a random tie-breaker")
                                break
                if (
                    self.args.verbose
                    and rec.sort_mode == "nosort"
                    and len(got) > 1
                    and not re.search(r"\border\s+by\b", sql, re.I)
                ):
                    self.note(display, rec, "nosort query with several rows and no ORDER BY")
        finally:
            try:
                db.close()
            except Exception:
                pass
            os.chdir(cwd)
            shutil.rmtree(tmp, ignore_errors=True)
        if changed:
            with open(path, "w", encoding="utf-8") as f:
                f.write(render(items))
            print(f"completed {display}")
        elif self.args.verbose:
            print(f"ok {display}")


def collect(paths: list[str]) -> list[str]:
    files: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files.extend(os.path.join(root, nm) for nm in names if nm.endswith(".test"))
        else:
            files.append(p)
    return sorted(files)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", help=".test files or directories")
    ap.add_argument("--complete", action="store_true", help="rewrite expected results from ClickHouse")
    ap.add_argument("--strict-errors", action="store_true", help="error text must occur in ClickHouse's message")
    ap.add_argument("--show-errors", action="store_true", help="print ClickHouse's message for each expected error")
    ap.add_argument("--ties", type=int, default=0, metavar="N",
                    help="re-run each nosort query N times with a random last ORDER BY key to find ties")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    r = Runner(args)
    files = collect(args.paths)
    for f in files:
        r.run_file(f)
    print(f"{len(files)} files, {r.failures} failures, {r.notes} notes")
    return 1 if r.failures else 0


if __name__ == "__main__":
    sys.exit(main())
