#!/usr/bin/env bash
# A SQLite file that is not a baseimg database: 'db import' must not add its
# tables to someone else's database, and the messages must say what to run
# (db status opens read-only: it cannot migrate anything).
set -u
DATA=$SRC/tests/unit/vuln/data
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("create table notes(x)"); c.commit()' "$TMP/other.db"
"$BASEIMG" db --db "$TMP/other.db" import "$DATA/osv-ranges.json" >/dev/null 2>"$TMP/err"
rc=$?
check "import into another application's SQLite file: exit 3 ($rc)" '[ $rc -eq 3 ]'
check "the message says it is not a baseimg database" 'grep -q "other.db: .*not a baseimg vulnerability database" "$TMP/err"'
tables=$(python3 -c 'import sqlite3,sys; print(" ".join(r[0] for r in sqlite3.connect(sys.argv[1]).execute("select name from sqlite_master where type=\"table\"")))' "$TMP/other.db")
check "the file is left as it was (tables: $tables)" '[ "$tables" = notes ]'

: >"$TMP/empty.db"
"$BASEIMG" db --db "$TMP/empty.db" status >/dev/null 2>"$TMP/err"
rc=$?
check "status on an empty file: exit 3 ($rc)" '[ $rc -eq 3 ]'
check "status does not suggest itself as the fix" '! grep -q "db status" "$TMP/err" && grep -q "baseimg db import" "$TMP/err"'
"$BASEIMG" db --db "$TMP/empty.db" import "$DATA/osv-ranges.json" >/dev/null 2>"$TMP/err"
check "import into an empty file creates the schema" '[ $? -eq 0 ]'

mkdir -p "$TMP/adir"
"$BASEIMG" db --db "$TMP/adir" status >/dev/null 2>"$TMP/err"
rc=$?
check "--db naming a folder: exit 3, says so ($(cat "$TMP/err"))" '[ $rc -eq 3 ] && grep -q "adir: is a folder, not a database file" "$TMP/err"'
"$BASEIMG" db --db "$TMP/adir" import "$DATA/osv-ranges.json" >/dev/null 2>"$TMP/err"
check "import into a folder: same message" 'grep -q "adir: is a folder, not a database file" "$TMP/err"'
