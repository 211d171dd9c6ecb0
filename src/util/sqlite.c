/* SPDX-License-Identifier: MIT */
/* The one file that uses SQLite. */
#include <sqlite3.h>

#include "util/common.h"
#include "util/sqlite.h"

struct bi_db {
	sqlite3 *h;
	char *name;
	void *mem; /* bytes handed to sqlite3_deserialize, freed by SQLite */
};

struct bi_stmt {
	sqlite3_stmt *h;
	struct bi_db *db;
};

/* "PATH: WHAT: sqlite's message"; WHAT NULL when sqlite's message says it all. */
static int db_fail(struct bi_db *db, struct bi_err **err, const char *what)
{
	if (!what)
		return bi_err_set(err, BI_EDB, "%s: %s", db->name, sqlite3_errmsg(db->h));
	return bi_err_set(err, BI_EDB, "%s: %s: %s", db->name, what, sqlite3_errmsg(db->h));
}

static struct bi_db *db_new(const char *name)
{
	struct bi_db *db = bi_xcalloc(1, sizeof(*db));
	db->name = bi_xstrdup(name);
	return db;
}

int bi_db_open(const char *path, enum bi_db_flags flags, struct bi_db **ret, struct bi_err **err)
{
	_cleanup_(bi_db_closep) struct bi_db *db = db_new(path);
	int f = SQLITE_OPEN_NOMUTEX;
	struct stat st;

	if (!(flags & BI_DB_CREATE) && stat(path, &st) != 0)
		return bi_err_set_errno(err, errno == ENOENT ? BI_ENOTFOUND : BI_EIO, errno, "%s",
					path);
	if (flags & BI_DB_READONLY)
		f |= SQLITE_OPEN_READONLY;
	else
		f |= SQLITE_OPEN_READWRITE | ((flags & BI_DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &db->h, f, NULL) != SQLITE_OK)
		return db_fail(db, err, "open");
	sqlite3_busy_timeout(db->h, 5000);
	sqlite3_extended_result_codes(db->h, 1);
	*ret = TAKE_PTR(db);
	return 0;
}

int bi_db_open_memory(struct bi_span bytes, const char *name, struct bi_db **ret,
		      struct bi_err **err)
{
	_cleanup_(bi_db_closep) struct bi_db *db = db_new(name);
	unsigned char *copy;

	if (sqlite3_open_v2(":memory:", &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK)
		return db_fail(db, err, "open");
	copy = sqlite3_malloc64(bytes.len ? bytes.len : 1);
	if (!copy)
		return bi_err_set(err, BI_EDB, "%s: out of memory", name);
	memcpy(copy, bytes.ptr, bytes.len);
	if (sqlite3_deserialize(
		    db->h, "main", copy, (sqlite3_int64)bytes.len, (sqlite3_int64)bytes.len,
		    SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
		return db_fail(db, err, "load");
	/* Hostile input: no recursion surprises, bounded work. */
	sqlite3_limit(db->h, SQLITE_LIMIT_LENGTH, (int)BI_MAX_RPM_HEADER);
	*ret = TAKE_PTR(db);
	return 0;
}

void bi_db_close(struct bi_db *db)
{
	if (!db)
		return;
	if (db->h)
		sqlite3_close_v2(db->h);
	free(db->name);
	free(db);
}

void bi_db_closep(struct bi_db **db)
{
	bi_db_close(*db);
	*db = NULL;
}

int bi_db_exec(struct bi_db *db, const char *sql, struct bi_err **err)
{
	char *msg = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int r = bi_err_set(err, BI_EDB, "%s: %s", db->name, msg ? msg : "exec failed");
		sqlite3_free(msg);
		return r;
	}
	return 0;
}

int bi_db_prepare(struct bi_db *db, const char *sql, struct bi_stmt **ret, struct bi_err **err)
{
	sqlite3_stmt *h = NULL;
	struct bi_stmt *st;

	if (sqlite3_prepare_v2(db->h, sql, -1, &h, NULL) != SQLITE_OK)
		return db_fail(db, err, "prepare");
	st = bi_xcalloc(1, sizeof(*st));
	st->h = h;
	st->db = db;
	*ret = st;
	return 0;
}

void bi_stmt_finalize(struct bi_stmt *st)
{
	if (!st)
		return;
	sqlite3_finalize(st->h);
	free(st);
}

void bi_stmt_finalizep(struct bi_stmt **st)
{
	bi_stmt_finalize(*st);
	*st = NULL;
}

static int bind_check(struct bi_stmt *st, int rc, struct bi_err **err)
{
	return rc == SQLITE_OK ? 0 : db_fail(st->db, err, "bind");
}

int bi_stmt_bind_text(struct bi_stmt *st, int i, const char *s, struct bi_err **err)
{
	if (!s)
		return bi_stmt_bind_null(st, i, err);
	return bind_check(st, sqlite3_bind_text(st->h, i, s, -1, SQLITE_TRANSIENT), err);
}

int bi_stmt_bind_span(struct bi_stmt *st, int i, struct bi_span s, struct bi_err **err)
{
	return bind_check(st,
			  sqlite3_bind_text64(st->h, i, s.ptr ? s.ptr : "", s.len, SQLITE_TRANSIENT,
					      SQLITE_UTF8),
			  err);
}

int bi_stmt_bind_int(struct bi_stmt *st, int i, int64_t v, struct bi_err **err)
{
	return bind_check(st, sqlite3_bind_int64(st->h, i, v), err);
}

int bi_stmt_bind_null(struct bi_stmt *st, int i, struct bi_err **err)
{
	return bind_check(st, sqlite3_bind_null(st->h, i), err);
}

int bi_stmt_step(struct bi_stmt *st, struct bi_err **err)
{
	int rc = sqlite3_step(st->h);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_fail(st->db, err, NULL);
}

int bi_stmt_reset(struct bi_stmt *st, struct bi_err **err)
{
	sqlite3_clear_bindings(st->h);
	if (sqlite3_reset(st->h) != SQLITE_OK)
		return db_fail(st->db, err, "reset");
	return 0;
}

const char *bi_stmt_text(struct bi_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->h, col);
}

struct bi_span bi_stmt_blob(struct bi_stmt *st, int col)
{
	const void *p = sqlite3_column_blob(st->h, col);
	int n = sqlite3_column_bytes(st->h, col);
	return bi_span_make(p, n > 0 ? (size_t)n : 0);
}

int64_t bi_stmt_int(struct bi_stmt *st, int col)
{
	return sqlite3_column_int64(st->h, col);
}

bool bi_stmt_is_null(struct bi_stmt *st, int col)
{
	return sqlite3_column_type(st->h, col) == SQLITE_NULL;
}

int64_t bi_db_last_rowid(struct bi_db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int64_t bi_db_changes(struct bi_db *db)
{
	return sqlite3_changes(db->h);
}
