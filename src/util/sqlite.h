/* SPDX-License-Identifier: MIT */
#ifndef BI_UTIL_SQLITE_H
#define BI_UTIL_SQLITE_H

/*
 * The one file that uses SQLite (src/util/sqlite.c): the vulnerability DB
 * (src/vuln/db.c) and the RPM package database reader (src/pkgdb/rpm.c) both
 * go through this small API. Errors carry SQLite's message and the DB name.
 */
#include <stdbool.h>
#include <stdint.h>

#include "util/span.h"

struct bi_err;
struct bi_db;
struct bi_stmt;

enum bi_db_flags {
	BI_DB_READONLY = 1 << 0,
	BI_DB_CREATE = 1 << 1,
};

/* Open a database file. BI_ENOTFOUND when absent and not BI_DB_CREATE; BI_EDB otherwise. */
int bi_db_open(const char *path, enum bi_db_flags flags, struct bi_db **ret, struct bi_err **err);
/*
 * Open a read-only database from bytes in memory (an rpmdb.sqlite kept from a
 * layer). The bytes are copied; `name` is for messages.
 */
int bi_db_open_memory(struct bi_span bytes, const char *name, struct bi_db **ret,
		      struct bi_err **err);
void bi_db_close(struct bi_db *db);
void bi_db_closep(struct bi_db **db);

/* Run one or more statements without results (schema, BEGIN, COMMIT). */
int bi_db_exec(struct bi_db *db, const char *sql, struct bi_err **err);

int bi_db_prepare(struct bi_db *db, const char *sql, struct bi_stmt **ret, struct bi_err **err);
void bi_stmt_finalize(struct bi_stmt *st);
void bi_stmt_finalizep(struct bi_stmt **st);
/* Bind by 1-based index; text/blob are copied. NULL text binds SQL NULL. */
int bi_stmt_bind_text(struct bi_stmt *st, int i, const char *s, struct bi_err **err);
int bi_stmt_bind_span(struct bi_stmt *st, int i, struct bi_span s, struct bi_err **err);
int bi_stmt_bind_int(struct bi_stmt *st, int i, int64_t v, struct bi_err **err);
int bi_stmt_bind_null(struct bi_stmt *st, int i, struct bi_err **err);
/* 1: a row is ready, 0: done, negative: error. */
int bi_stmt_step(struct bi_stmt *st, struct bi_err **err);
int bi_stmt_reset(struct bi_stmt *st, struct bi_err **err);
/* Column values of the current row, 0-based; borrowed until the next step. */
const char *bi_stmt_text(struct bi_stmt *st, int col); /* NULL for SQL NULL */
struct bi_span bi_stmt_blob(struct bi_stmt *st, int col);
int64_t bi_stmt_int(struct bi_stmt *st, int col);
bool bi_stmt_is_null(struct bi_stmt *st, int col);
int64_t bi_db_last_rowid(struct bi_db *db);
int64_t bi_db_changes(struct bi_db *db);

#endif
