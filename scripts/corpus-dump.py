#!/usr/bin/env python3
"""Dumps a corpus .jsonl(.gz) for the benchmark baselines.

Writes TEXT (one passage per line: each title and each paragraph, inner newlines as spaces) and
DB, an SQLite file with a plain table p(body) holding the same passages in the same order.
Usage: corpus-dump.py CORPUS TEXT DB
"""
import gzip, json, sqlite3, sys

corpus, text_path, db_path = sys.argv[1:4]
opener = gzip.open if corpus.endswith(".gz") else open
db = sqlite3.connect(db_path)
db.execute("DROP TABLE IF EXISTS p")
db.execute("CREATE TABLE p(body TEXT)")
n = 0
with opener(corpus, "rt", encoding="utf-8") as f, open(text_path, "w", encoding="utf-8") as out:
    rows = []
    for line in f:
        a = json.loads(line)
        for passage in [a.get("title", "")] + list(a.get("paragraphs", [])):
            passage = passage.strip()
            if not passage:
                continue
            rows.append((passage,))
            out.write(passage.replace("\n", " ").replace("\r", " ") + "\n")
            n += 1
        if len(rows) > 50000:
            db.executemany("INSERT INTO p(body) VALUES (?)", rows)
            rows = []
    db.executemany("INSERT INTO p(body) VALUES (?)", rows)
db.commit()
print(f"{n} passages", file=sys.stderr)
