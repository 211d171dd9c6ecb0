/* SPDX-License-Identifier: MIT */
/*
 * The vulnerability database over src/util/sqlite.h: schema and migrations
 * (PRAGMA user_version), import transactions, lookups. docs/vulndb.md
 * documents the schema; keep the two in step.
 */
#include <time.h>

#include "util/common.h"
#include "util/sqlite.h"
#include "vuln/vulndb.h"

struct bi_vulndb {
	struct bi_db *h;
	char *path;
	struct bi_stmt *lookup;
};

struct bi_vulndb_import {
	struct bi_vulndb *db;
	int64_t source_id;
	struct bi_stmt *ins_row, *ins_vuln;
	char *kind, *name, *date, *scope;
	bool committed;
};

/*
 * Migrations: entry i brings user_version i to i + 1. Never edit a released
 * entry; append a new one and bump BI_VULNDB_SCHEMA_VERSION.
 */
static const char *const migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE sources (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  kind TEXT NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  scope TEXT,\n"
	"  imported_at TEXT NOT NULL,\n"
	"  data_date TEXT,\n"
	"  n_rows INTEGER NOT NULL DEFAULT 0,\n"
	"  n_vulns INTEGER NOT NULL DEFAULT 0,\n"
	"  n_fixed INTEGER NOT NULL DEFAULT 0,\n"
	"  n_unfixed INTEGER NOT NULL DEFAULT 0,\n"
	"  n_wontfix INTEGER NOT NULL DEFAULT 0,\n"
	"  n_not_affected INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE (kind, name)\n"
	");\n"
	"CREATE TABLE vulns (\n"
	"  id TEXT NOT NULL,\n"
	"  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,\n"
	"  summary TEXT,\n"
	"  severity TEXT NOT NULL,\n"
	"  severity_word TEXT,\n"
	"  PRIMARY KEY (id, source_id)\n"
	");\n"
	"CREATE TABLE affected (\n"
	"  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,\n"
	"  distro TEXT NOT NULL,\n"
	"  release TEXT NOT NULL,\n"
	"  package TEXT NOT NULL,\n"
	"  binary INTEGER NOT NULL DEFAULT 0,\n"
	"  vuln_id TEXT NOT NULL,\n"
	"  status TEXT NOT NULL\n"
	"    CHECK (status IN ('fixed', 'unfixed', 'wont-fix', 'not-affected')),\n"
	"  introduced TEXT,\n"
	"  fixed TEXT,\n"
	"  reason TEXT,\n"
	"  severity TEXT NOT NULL,\n"
	"  severity_word TEXT\n"
	");\n"
	"CREATE INDEX affected_lookup ON affected (distro, release, package, binary);\n"
	"CREATE INDEX affected_source ON affected (source_id);\n",
};

static const char *const status_names[] = {
	[BI_VST_FIXED] = "fixed",
	[BI_VST_UNFIXED] = "unfixed",
	[BI_VST_WONTFIX] = "wont-fix",
	[BI_VST_NOT_AFFECTED] = "not-affected",
};

const char *bi_vuln_status_name(enum bi_vuln_status s)
{
	return (unsigned)s < BI_VST__MAX ? status_names[s] : "?";
}

bool bi_vuln_status_parse(const char *s, enum bi_vuln_status *ret)
{
	for (int i = 0; i < BI_VST__MAX; i++) {
		if (s && strcmp(s, status_names[i]) == 0) {
			*ret = (enum bi_vuln_status)i;
			return true;
		}
	}
	return false;
}

char *bi_vulndb_default_path(void)
{
	const char *env = getenv("BASEIMG_DB");
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (env && *env)
		return bi_xstrdup(env);
	if (xdg && xdg[0] == '/')
		return bi_xasprintf("%s/baseimg/vuln.db", xdg);
	return bi_xasprintf("%s/.cache/baseimg/vuln.db", home && *home ? home : ".");
}

/* mkdir -p of path's folder. */
static int make_parent(const char *path, struct bi_err **err)
{
	_cleanup_free_ char *dir = bi_xstrdup(path);
	char *slash = strrchr(dir, '/');

	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			return bi_err_set_errno(err, BI_EIO, errno, "creating %s", dir);
		*p = '/';
	}
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return bi_err_set_errno(err, BI_EIO, errno, "creating %s", dir);
	return 0;
}

static int user_version(struct bi_db *h, int64_t *ret, struct bi_err **err)
{
	_cleanup_(bi_stmt_finalizep) struct bi_stmt *st = NULL;
	int r = bi_db_prepare(h, "PRAGMA user_version", &st, err);

	if (r < 0)
		return r;
	r = bi_stmt_step(st, err);
	if (r < 0)
		return r;
	*ret = r > 0 ? bi_stmt_int(st, 0) : 0;
	return 0;
}

/* Schema 0 is only ours to fill when the file holds nothing else. */
static int check_unused(struct bi_vulndb *db, struct bi_err **err)
{
	_cleanup_(bi_stmt_finalizep) struct bi_stmt *st = NULL;
	int r = bi_db_prepare(db->h, "SELECT name FROM sqlite_master LIMIT 1", &st, err);

	if (r == 0)
		r = bi_stmt_step(st, err);
	if (r > 0)
		return bi_err_set(err, BI_EDB,
				  "%s: a SQLite database, but not a baseimg vulnerability database "
				  "(it holds '%s'); refusing to change it",
				  db->path, bi_stmt_text(st, 0));
	return r;
}

/*
 * Each step re-reads user_version inside its write transaction: another
 * process (a concurrent 'db import') may have migrated since we looked.
 */
static int migrate(struct bi_vulndb *db, struct bi_err **err)
{
	for (;;) {
		_cleanup_free_ char *bump = NULL;
		int64_t v = 0;
		int r;

		r = bi_db_exec(db->h, "BEGIN IMMEDIATE", err);
		if (r < 0)
			return r;
		r = user_version(db->h, &v, err);
		if (r == 0 && v >= BI_VULNDB_SCHEMA_VERSION)
			return bi_db_exec(db->h, "COMMIT", err);
		if (r == 0 && v == 0) {
			r = check_unused(db, err);
			if (r < 0) {
				bi_db_exec(db->h, "ROLLBACK", NULL);
				return r;
			}
		}
		if (r == 0)
			r = bi_db_exec(db->h, migrations[v], err);
		if (r == 0) {
			bump = bi_xasprintf("PRAGMA user_version = %" PRId64, v + 1);
			r = bi_db_exec(db->h, bump, err);
		}
		if (r == 0)
			r = bi_db_exec(db->h, "COMMIT", err);
		if (r < 0) {
			bi_db_exec(db->h, "ROLLBACK", NULL);
			return bi_err_wrap(err, "migrating the schema to version %" PRId64, v + 1);
		}
	}
}

int bi_vulndb_open(const char *path, enum bi_vulndb_flags flags, struct bi_vulndb **ret,
		   struct bi_err **err)
{
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = bi_xcalloc(1, sizeof(*db));
	bool write = flags & BI_VULNDB_WRITE;
	struct stat st;
	int64_t v;
	int r;

	db->path = bi_xstrdup(path);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return bi_err_set(err, BI_EIO, "%s: is a folder, not a database file", path);
	if (write) {
		r = make_parent(path, err);
		if (r < 0)
			return r;
	}
	r = bi_db_open(path, write ? BI_DB_CREATE : BI_DB_READONLY, &db->h, err);
	if (r == BI_ENOTFOUND) {
		bi_err_freep(err);
		return bi_err_set(err, BI_ENOTFOUND,
				  "no vulnerability database at %s: import feeds with "
				  "'baseimg db import FILE...'",
				  path);
	}
	if (r < 0)
		return r;
	r = bi_db_exec(db->h, "PRAGMA foreign_keys = ON", err);
	if (r < 0)
		return r;
	r = user_version(db->h, &v, err);
	if (r < 0)
		return bi_err_wrap(err, "not a baseimg vulnerability database");
	if (v > BI_VULNDB_SCHEMA_VERSION)
		return bi_err_set(err, BI_EDB,
				  "%s: schema version %" PRId64
				  " is newer than this baseimg understands (%d); upgrade baseimg",
				  path, v, BI_VULNDB_SCHEMA_VERSION);
	if (v < BI_VULNDB_SCHEMA_VERSION) {
		if (!write && v == 0)
			return bi_err_set(err, BI_EDB,
					  "%s: not a baseimg vulnerability database (no schema): "
					  "import feeds with 'baseimg db import FILE...'",
					  path);
		if (!write)
			return bi_err_set(
				err, BI_EDB,
				"%s: schema version %" PRId64
				" is older than %d: run 'baseimg db import' to migrate it",
				path, v, BI_VULNDB_SCHEMA_VERSION);
		r = migrate(db, err);
		if (r < 0)
			return r;
		/*
		 * WAL lets 'cves' read during an import. Switching needs the file
		 * to itself and SQLite reports a concurrent opener as busy without
		 * waiting: then that other 'db import' is switching it, so go on.
		 */
		(void)bi_db_exec(db->h, "PRAGMA journal_mode = WAL", NULL);
		r = bi_db_exec(db->h, "PRAGMA synchronous = NORMAL", err);
		if (r < 0)
			return r;
	}
	*ret = TAKE_PTR(db);
	return 0;
}

void bi_vulndb_close(struct bi_vulndb *db)
{
	if (!db)
		return;
	bi_stmt_finalize(db->lookup);
	bi_db_close(db->h);
	free(db->path);
	free(db);
}

void bi_vulndb_closep(struct bi_vulndb **db)
{
	bi_vulndb_close(*db);
	*db = NULL;
}

const char *bi_vulndb_path(const struct bi_vulndb *db)
{
	return db->path;
}

/* Now as ISO 8601 UTC; SOURCE_DATE_EPOCH overrides (reproducible tests). */
static char *now_iso(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	uint64_t v;
	time_t t = time(NULL);
	struct tm tm;
	char buf[32];

	if (sde && bi_span_to_u64(bi_span_str(sde), &v))
		t = (time_t)v;
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return bi_xstrdup(buf);
}

int bi_vulndb_import_begin(struct bi_vulndb *db, const char *kind, const char *name,
			   struct bi_vulndb_import **ret, struct bi_err **err)
{
	_cleanup_(bi_vulndb_import_freep) struct bi_vulndb_import *imp = NULL;
	_cleanup_(bi_stmt_finalizep) struct bi_stmt *st = NULL;
	_cleanup_free_ char *now = now_iso();
	_cleanup_free_ char *tmp = NULL;
	int r;

	r = bi_db_exec(db->h, "BEGIN IMMEDIATE", err);
	if (r < 0)
		return r;
	imp = bi_xcalloc(1, sizeof(*imp));
	imp->db = db;
	imp->kind = bi_xstrdup(kind);
	imp->name = bi_xstrdup(name);
	/* A unique placeholder name until the commit replaces older sources. */
	tmp = bi_xasprintf("\x01importing %s", name);
	r = bi_db_prepare(db->h, "INSERT INTO sources (kind, name, imported_at) VALUES (?, ?, ?)",
			  &st, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 1, kind, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 2, tmp, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 3, now, err);
	if (r == 0)
		r = bi_stmt_step(st, err);
	if (r < 0)
		return r;
	imp->source_id = bi_db_last_rowid(db->h);
	r = bi_db_prepare(db->h,
			  "INSERT INTO affected (source_id, distro, release, package, binary, "
			  "vuln_id, status, introduced, fixed, reason, severity, severity_word) "
			  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			  &imp->ins_row, err);
	if (r < 0)
		return r;
	r = bi_db_prepare(db->h,
			  "INSERT OR REPLACE INTO vulns (id, source_id, summary, severity, "
			  "severity_word) VALUES (?, ?, ?, ?, ?)",
			  &imp->ins_vuln, err);
	if (r < 0)
		return r;
	*ret = TAKE_PTR(imp);
	return 0;
}

void bi_vulndb_import_set_name(struct bi_vulndb_import *imp, const char *name)
{
	free(imp->name);
	imp->name = bi_xstrdup(name);
}

int bi_vulndb_import_row(struct bi_vulndb_import *imp, const struct bi_vuln_row *row,
			 struct bi_err **err)
{
	struct bi_stmt *st = imp->ins_row;
	int r = 0;

	assert(row->distro && row->release && row->package && row->vuln_id);
	r = bi_stmt_bind_int(st, 1, imp->source_id, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 2, row->distro, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 3, row->release, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 4, row->package, err);
	if (r == 0)
		r = bi_stmt_bind_int(st, 5, row->binary ? 1 : 0, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 6, row->vuln_id, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 7, bi_vuln_status_name(row->status), err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 8, row->introduced, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 9, row->fixed, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 10, row->reason, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 11, bi_severity_name(row->severity), err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 12, row->severity_word, err);
	if (r == 0)
		r = bi_stmt_step(st, err);
	if (r < 0)
		return r;
	return bi_stmt_reset(st, err);
}

int bi_vulndb_import_vuln(struct bi_vulndb_import *imp, const char *id, const char *summary,
			  enum bi_severity severity, const char *severity_word, struct bi_err **err)
{
	struct bi_stmt *st = imp->ins_vuln;
	int r;

	r = bi_stmt_bind_text(st, 1, id, err);
	if (r == 0)
		r = bi_stmt_bind_int(st, 2, imp->source_id, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 3, summary, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 4, bi_severity_name(severity), err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 5, severity_word, err);
	if (r == 0)
		r = bi_stmt_step(st, err);
	if (r < 0)
		return r;
	return bi_stmt_reset(st, err);
}

void bi_vulndb_import_set_date(struct bi_vulndb_import *imp, const char *date)
{
	free(imp->date);
	imp->date = date ? bi_xstrdup(date) : NULL;
}

void bi_vulndb_import_set_scope(struct bi_vulndb_import *imp, const char *scope)
{
	free(imp->scope);
	imp->scope = scope ? bi_xstrdup(scope) : NULL;
}

static int count_rows(struct bi_vulndb_import *imp, struct bi_vulndb_counts *c, struct bi_err **err)
{
	_cleanup_(bi_stmt_finalizep) struct bi_stmt *st = NULL;
	int r;

	r = bi_db_prepare(imp->db->h,
			  "SELECT count(*), count(DISTINCT vuln_id), "
			  "total(status = 'fixed'), total(status = 'unfixed'), "
			  "total(status = 'wont-fix'), total(status = 'not-affected') "
			  "FROM affected WHERE source_id = ?",
			  &st, err);
	if (r == 0)
		r = bi_stmt_bind_int(st, 1, imp->source_id, err);
	if (r == 0)
		r = bi_stmt_step(st, err);
	if (r < 0)
		return r;
	c->rows = bi_stmt_int(st, 0);
	c->vulns = bi_stmt_int(st, 1);
	c->fixed = bi_stmt_int(st, 2);
	c->unfixed = bi_stmt_int(st, 3);
	c->wontfix = bi_stmt_int(st, 4);
	c->not_affected = bi_stmt_int(st, 5);
	return 0;
}

int bi_vulndb_import_commit(struct bi_vulndb_import *imp, struct bi_vulndb_counts *ret_counts,
			    struct bi_err **err)
{
	_cleanup_(bi_stmt_finalizep) struct bi_stmt *st = NULL;
	struct bi_vulndb_counts c = { 0 };
	int r;

	/* Re-importing the same feed replaces it (rows go with ON DELETE CASCADE). */
	r = bi_db_prepare(imp->db->h, "DELETE FROM sources WHERE kind = ? AND name = ? AND id != ?",
			  &st, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 1, imp->kind, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 2, imp->name, err);
	if (r == 0)
		r = bi_stmt_bind_int(st, 3, imp->source_id, err);
	if (r == 0)
		r = bi_stmt_step(st, err);
	if (r < 0)
		return r;
	bi_stmt_finalizep(&st);
	r = count_rows(imp, &c, err);
	if (r == 0)
		r = bi_db_prepare(imp->db->h,
				  "UPDATE sources SET scope = ?1, data_date = ?2, n_rows = ?3, "
				  "n_vulns = ?4, n_fixed = ?5, n_unfixed = ?6, n_wontfix = ?7, "
				  "n_not_affected = ?8, name = ?10 WHERE id = ?9",
				  &st, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 1, imp->scope, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 2, imp->date, err);
	if (r == 0)
		r = bi_stmt_bind_int(st, 3, c.rows, err);
	if (r == 0)
		r = bi_stmt_bind_int(st, 4, c.vulns, err);
	if (r == 0)
		r = bi_stmt_bind_int(st, 5, c.fixed, err);
	if (r == 0)
		r = bi_stmt_bind_int(st, 6, c.unfixed, err);
	if (r == 0)
		r = bi_stmt_bind_int(st, 7, c.wontfix, err);
	if (r == 0)
		r = bi_stmt_bind_int(st, 8, c.not_affected, err);
	if (r == 0)
		r = bi_stmt_bind_int(st, 9, imp->source_id, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 10, imp->name, err);
	if (r == 0)
		r = bi_stmt_step(st, err);
	if (r < 0)
		return r;
	bi_stmt_finalizep(&st);
	bi_stmt_finalizep(&imp->ins_row);
	bi_stmt_finalizep(&imp->ins_vuln);
	r = bi_db_exec(imp->db->h, "COMMIT", err);
	if (r < 0)
		return r;
	imp->committed = true;
	if (ret_counts)
		*ret_counts = c;
	return 0;
}

void bi_vulndb_import_free(struct bi_vulndb_import *imp)
{
	if (!imp)
		return;
	bi_stmt_finalize(imp->ins_row);
	bi_stmt_finalize(imp->ins_vuln);
	if (!imp->committed)
		bi_db_exec(imp->db->h, "ROLLBACK", NULL);
	free(imp->kind);
	free(imp->name);
	free(imp->date);
	free(imp->scope);
	free(imp);
}

void bi_vulndb_import_freep(struct bi_vulndb_import **imp)
{
	bi_vulndb_import_free(*imp);
	*imp = NULL;
}

static char *dup_col(struct bi_stmt *st, int col)
{
	const char *s = bi_stmt_text(st, col);
	return s ? bi_xstrdup(s) : NULL;
}

int bi_vulndb_sources(struct bi_vulndb *db, const char *distro, const char *release,
		      struct bi_vulndb_source **ret, size_t *ret_n, struct bi_err **err)
{
	_cleanup_(bi_stmt_finalizep) struct bi_stmt *st = NULL;
	struct bi_vulndb_source *v = NULL;
	size_t n = 0, alloc = 0;
	int r;

	r = bi_db_prepare(db->h,
			  "SELECT id, kind, name, scope, imported_at, data_date, n_rows, n_vulns, "
			  "n_fixed, n_unfixed, n_wontfix, n_not_affected FROM sources s "
			  "WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM affected a WHERE "
			  "a.source_id = s.id AND a.distro = ?1 AND a.release = ?2) ORDER BY id",
			  &st, err);
	if (r == 0 && distro)
		r = bi_stmt_bind_text(st, 1, distro, err);
	if (r == 0 && distro)
		r = bi_stmt_bind_text(st, 2, release, err);
	if (r < 0)
		return r;
	while ((r = bi_stmt_step(st, err)) > 0) {
		struct bi_vulndb_source *s;

		BI_ALLOC_GROW(v, n + 1, alloc);
		s = &v[n++];
		memset(s, 0, sizeof(*s));
		s->id = bi_stmt_int(st, 0);
		s->kind = dup_col(st, 1);
		s->name = dup_col(st, 2);
		s->scope = dup_col(st, 3);
		s->imported_at = dup_col(st, 4);
		s->data_date = dup_col(st, 5);
		s->counts.rows = bi_stmt_int(st, 6);
		s->counts.vulns = bi_stmt_int(st, 7);
		s->counts.fixed = bi_stmt_int(st, 8);
		s->counts.unfixed = bi_stmt_int(st, 9);
		s->counts.wontfix = bi_stmt_int(st, 10);
		s->counts.not_affected = bi_stmt_int(st, 11);
	}
	if (r < 0) {
		bi_vulndb_sources_free(v, n);
		return r;
	}
	*ret = v;
	*ret_n = n;
	return 0;
}

void bi_vulndb_sources_free(struct bi_vulndb_source *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].kind);
		free(s[i].name);
		free(s[i].scope);
		free(s[i].imported_at);
		free(s[i].data_date);
	}
	free(s);
}

int bi_vulndb_has_release(struct bi_vulndb *db, const char *distro, const char *release, bool *ret,
			  struct bi_err **err)
{
	_cleanup_(bi_stmt_finalizep) struct bi_stmt *st = NULL;
	int r;

	r = bi_db_prepare(db->h, "SELECT 1 FROM affected WHERE distro = ? AND release = ? LIMIT 1",
			  &st, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 1, distro, err);
	if (r == 0)
		r = bi_stmt_bind_text(st, 2, release, err);
	if (r == 0)
		r = bi_stmt_step(st, err);
	if (r < 0)
		return r;
	*ret = r > 0;
	return 0;
}

int bi_vulndb_lookup(struct bi_vulndb *db, const char *distro, const char *release,
		     const char *package, bool binary, bi_vulndb_row_fn fn, void *data,
		     struct bi_err **err)
{
	int r;

	if (!db->lookup) {
		r = bi_db_prepare(db->h,
				  "SELECT a.vuln_id, a.status, a.introduced, a.fixed, a.reason, "
				  "a.severity, a.severity_word, a.source_id, v.severity, "
				  "v.severity_word FROM affected a LEFT JOIN vulns v "
				  "ON v.id = a.vuln_id AND v.source_id = a.source_id "
				  "WHERE a.distro = ? AND a.release = ? AND a.package = ? "
				  "AND a.binary = ? ORDER BY a.vuln_id, a.source_id",
				  &db->lookup, err);
		if (r < 0)
			return r;
	}
	r = bi_stmt_bind_text(db->lookup, 1, distro, err);
	if (r == 0)
		r = bi_stmt_bind_text(db->lookup, 2, release, err);
	if (r == 0)
		r = bi_stmt_bind_text(db->lookup, 3, package, err);
	if (r == 0)
		r = bi_stmt_bind_int(db->lookup, 4, binary ? 1 : 0, err);
	if (r < 0)
		return r;
	while ((r = bi_stmt_step(db->lookup, err)) > 0) {
		struct bi_vuln_row row = {
			.distro = distro,
			.release = release,
			.package = package,
			.binary = binary,
			.vuln_id = bi_stmt_text(db->lookup, 0),
			.introduced = bi_stmt_text(db->lookup, 2),
			.fixed = bi_stmt_text(db->lookup, 3),
			.reason = bi_stmt_text(db->lookup, 4),
			.severity_word = bi_stmt_text(db->lookup, 6),
			.source_id = bi_stmt_int(db->lookup, 7),
		};
		if (!bi_vuln_status_parse(bi_stmt_text(db->lookup, 1), &row.status) ||
		    !bi_severity_parse(bi_stmt_text(db->lookup, 5), &row.severity)) {
			r = bi_err_set(err, BI_EDB, "%s: corrupt row for %s %s", db->path, package,
				       row.vuln_id ? row.vuln_id : "?");
			break;
		}
		/* A row without its own severity takes the vulnerability's. */
		if (row.severity == BI_SEV_UNKNOWN && !bi_stmt_is_null(db->lookup, 8)) {
			enum bi_severity vs;
			if (bi_severity_parse(bi_stmt_text(db->lookup, 8), &vs) &&
			    vs != BI_SEV_UNKNOWN) {
				row.severity = vs;
				row.severity_word = bi_stmt_text(db->lookup, 9);
			}
		}
		if (!row.vuln_id)
			continue;
		r = fn(&row, data, err);
		if (r < 0)
			break;
	}
	{
		int r2 = bi_stmt_reset(db->lookup, r < 0 ? NULL : err);
		if (r >= 0 && r2 < 0)
			return r2;
	}
	return r < 0 ? r : 0;
}
