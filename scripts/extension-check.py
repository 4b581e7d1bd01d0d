#!/usr/bin/python3
"""Checks that the loadable extension's `vsearch` gives the rows of `vietsearch search --format json`.

    /usr/bin/python3 scripts/extension-check.py LIBRARY INDEX VIETSEARCH QUERIES [--datasette URL]

Loads LIBRARY (libVietSearchSQLite, with or without .so) into Python's own sqlite3 module, runs
every query of QUERIES (one per line; `any:` asks for --any; the others are also run with --strict)
through `vsearch` with LIMIT 10 and
through the CLI's --batch JSON, and compares every column of every row. With --datasette, the rows
are read from a running Datasette's JSON API at URL (the index's database page) instead.
Prints one line per difference and a summary; exits 1 on any difference.
Use /usr/bin/python3: pyenv's Python is built without extension loading.
"""
import json
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request

COLUMNS = ["rank", "score", "article_id", "title", "source", "url", "date", "category", "outlet",
           "paragraph", "text", "snippet", "highlights"]


def cli_rows(vietsearch, index, queries, any_words, strict):
    lines = [q for q in queries]
    args = [vietsearch, "search", "--db", index, "--batch", "--format", "json", "--limit", "10"]
    if any_words:
        args.append("--any")
    if strict:
        args.append("--strict")
    out = subprocess.run(args, input="\n".join(lines) + "\n", capture_output=True, text=True, check=True).stdout
    answers = [json.loads(line) for line in out.splitlines() if line.strip()]
    rows = {}
    for answer in answers:
        rows[answer["query"]] = [
            [r["rank"], r["score"], r["article"]["id"], r["article"]["title"], r["article"]["source"],
             r["article"]["url"], r["article"]["date"], r["article"]["category"], r["article"]["outlet"],
             r["paragraph"], r["text"], r["snippet"], r["highlights"]]
            for r in answer.get("results", [])
        ]
    return rows


def extension_rows(connection, query, any_words, strict):
    sql = "SELECT " + ", ".join(COLUMNS) + " FROM vsearch(?, ?, ?) LIMIT 10"
    return [list(row[:-1]) + [json.loads(row[-1])]
            for row in connection.execute(sql, (query, 1 if strict else 0, 1 if any_words else 0))]


def datasette_rows(base, query, any_words, strict):
    sql = "SELECT " + ", ".join(COLUMNS) + " FROM vsearch(:q, :s, :a) LIMIT 10"
    url = base + ".json?" + urllib.parse.urlencode({"sql": sql, "q": query, "s": 1 if strict else 0,
                                                    "a": 1 if any_words else 0, "_shape": "array"})
    with urllib.request.urlopen(url, timeout=60) as response:
        rows = json.load(response)
    return [[row[c] for c in COLUMNS[:-1]] + [json.loads(row["highlights"])] for row in rows]


def main():
    library, index, vietsearch, queries_file = sys.argv[1:5]
    datasette = sys.argv[6] if len(sys.argv) > 6 and sys.argv[5] == "--datasette" else None
    queries = [line.rstrip("\n") for line in open(queries_file, encoding="utf-8") if line.strip()]
    plain = [q for q in queries if not q.startswith("any:")]
    questions = [q[4:] for q in queries if q.startswith("any:")]
    connection = None
    if not datasette:
        connection = sqlite3.connect(index)
        connection.enable_load_extension(True)
        connection.load_extension(library)
        connection.enable_load_extension(False)
    differences = compared = rows_seen = 0
    # Each plain query as it is and with --strict; each question with --any.
    for group, any_words, strict in ((plain, False, False), (plain, False, True), (questions, True, False)):
        expected = cli_rows(vietsearch, index, group, any_words, strict)
        for query in group:
            if datasette:
                got = datasette_rows(datasette, query, any_words, strict)
            else:
                got = extension_rows(connection, query, any_words, strict)
            want = expected.get(query)
            compared += 1
            rows_seen += len(got)
            if want is None:
                print(f"{query!r}: the CLI gave no answer")
                differences += 1
            elif got != want:
                differences += 1
                for i, (g, w) in enumerate(zip(got, want)):
                    if g != w:
                        column = next(COLUMNS[k] for k in range(len(COLUMNS)) if g[k] != w[k])
                        print(f"{query!r} row {i + 1}: {column} differs: {g[COLUMNS.index(column)]!r} != {w[COLUMNS.index(column)]!r}")
                        break
                else:
                    print(f"{query!r}: {len(got)} rows, the CLI gave {len(want)}")
    print(f"{compared} queries, {rows_seen} rows, {differences} differing")
    sys.exit(1 if differences or rows_seen == 0 else 0)


main()
