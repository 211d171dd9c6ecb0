/* SPDX-License-Identifier: MIT */
/* Format detection and the import transaction around each feed parser. */
#include <dirent.h>
#include <time.h>

#include "util/common.h"
#include "util/decompress.h"
#include "vuln/import.h"

#define SNIFF_BYTES (64 * BI_KiB)
#define MAX_DIR_DEPTH 8

const char *bi_feed_kind_name(enum bi_feed_kind k)
{
	switch (k) {
	case BI_FEED_OSV:
		return "osv";
	case BI_FEED_SECDB:
		return "alpine-secdb";
	case BI_FEED_TRACKER:
		return "debian-tracker";
	case BI_FEED_OVAL:
		return "oval";
	case BI_FEED_UNKNOWN:
	case BI_FEED__MAX:
		break;
	}
	return "unknown";
}

const char *bi_debian_codename(const char *version)
{
	static const struct {
		const char *num, *name;
	} names[] = {
		{ "3.0", "woody" },   { "3.1", "sarge" },   { "4.0", "etch" },
		{ "4", "etch" },      { "5.0", "lenny" },   { "5", "lenny" },
		{ "6.0", "squeeze" }, { "6", "squeeze" },   { "7", "wheezy" },
		{ "8", "jessie" },    { "9", "stretch" },   { "10", "buster" },
		{ "11", "bullseye" }, { "12", "bookworm" }, { "13", "trixie" },
		{ "14", "forky" },    { "15", "duke" },
	};
	char major[8];
	size_t n;

	if (!version)
		return NULL;
	for (size_t i = 0; i < BI_ARRAY_SIZE(names); i++)
		if (strcmp(version, names[i].num) == 0)
			return names[i].name;
	/* "12.5" -> "12" (from 7 on, point releases share the codename). */
	n = strcspn(version, ".");
	if (n == 0 || n >= sizeof(major))
		return NULL;
	memcpy(major, version, n);
	major[n] = '\0';
	if (strcmp(major, "6") < 0 && strlen(major) == 1)
		return NULL;
	for (size_t i = 0; i < BI_ARRAY_SIZE(names); i++)
		if (strcmp(major, names[i].num) == 0 && strchr(names[i].num, '.') == NULL)
			return names[i].name;
	return NULL;
}

void bi_import_ctx_release(struct bi_import_ctx *c)
{
	free(c->first_skip);
	free(c->distro);
	free(c->release);
	free(c->data_date);
	c->first_skip = c->distro = c->release = c->data_date = NULL;
}

void bi_import_skip(struct bi_import_ctx *c, const char *fmt, ...)
{
	va_list ap;

	c->skipped++;
	if (c->first_skip)
		return;
	va_start(ap, fmt);
	c->first_skip = bi_xvasprintf(fmt, ap);
	va_end(ap);
}

void bi_import_note_scope(struct bi_import_ctx *c, const char *distro, const char *release)
{
	size_t k;

	for (k = 0; k < c->ndistros; k++)
		if (strcmp(c->distros[k].name, distro) == 0)
			break;
	if (k == c->ndistros && k < BI_ARRAY_SIZE(c->distros))
		snprintf(c->distros[c->ndistros++].name, sizeof(c->distros[0].name), "%s", distro);
	if (k < c->ndistros)
		c->distros[k].rows++;
	if (!c->distro) {
		c->distro = bi_xstrdup(distro);
		c->release = bi_xstrdup(release);
	} else if (strcmp(c->distro, distro) != 0 || strcmp(c->release, release) != 0) {
		c->many_releases = true;
	}
}

void bi_import_note_date(struct bi_import_ctx *c, const char *date)
{
	if (!date || !*date)
		return;
	if (!c->data_date || strcmp(date, c->data_date) > 0) {
		free(c->data_date);
		c->data_date = bi_xstrdup(date);
	}
}

int bi_import_row(struct bi_import_ctx *c, const struct bi_vuln_row *row, struct bi_err **err)
{
	bi_import_note_scope(c, row->distro, row->release);
	return bi_vulndb_import_row(c->imp, row, err);
}

void bi_import_result_release(struct bi_import_result *r)
{
	free(r->scope);
	free(r->data_date);
	free(r->first_skip);
	memset(r, 0, sizeof(*r));
}

static bool contains(struct bi_span s, const char *needle)
{
	return bi_span_find(s, bi_span_str(needle)) >= 0;
}

/* Decide from the first bytes (after decompression). */
static enum bi_feed_kind sniff(struct bi_span head)
{
	size_t i = 0;

	if (head.len >= 3 && memcmp(head.ptr, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < head.len && isspace((unsigned char)head.ptr[i]))
		i++;
	if (i >= head.len)
		return BI_FEED_UNKNOWN;
	if (head.ptr[i] == '<')
		return contains(head, "oval_definitions") ? BI_FEED_OVAL : BI_FEED_UNKNOWN;
	if (head.ptr[i] != '{')
		return BI_FEED_UNKNOWN;
	if (contains(head, "\"distroversion\"") || contains(head, "\"secfixes\""))
		return BI_FEED_SECDB;
	if (contains(head, "\"affected\"") || contains(head, "\"schema_version\"") ||
	    (contains(head, "\"id\"") && contains(head, "\"modified\"")))
		return BI_FEED_OSV;
	if (contains(head, "\"releases\""))
		return BI_FEED_TRACKER;
	return BI_FEED_UNKNOWN;
}

static const char *base_name(const char *path, char *buf, size_t len)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	snprintf(buf, len, "%s", b);
	return buf;
}

static void strip_ext(char *s)
{
	size_t n = strlen(s);

	if (n > 4 && strcmp(s + n - 4, ".bz2") == 0)
		s[n - 4] = '\0';
	else if (n > 3 && strcmp(s + n - 3, ".xz") == 0)
		s[n - 3] = '\0';
}

static int read_json_file(const char *path, struct bi_buf *out, struct bi_err **err)
{
	_cleanup_(bi_decomp_freep) struct bi_decomp *d = NULL;
	int r = bi_decomp_open(path, BI_MAX_FEED_UNCOMPRESSED, &d, err);

	if (r < 0)
		return r;
	return bi_decomp_read_all(d, out, err);
}

struct walk {
	struct bi_import_ctx *c;
	size_t files;
};

static int walk_dir(struct walk *w, const char *dir, int depth, struct bi_err **err)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, alloc = 0;
	int r = 0;

	if (depth > MAX_DIR_DEPTH)
		return bi_err_set(err, BI_ELIMIT, "%s: folders nested deeper than %d", dir,
				  MAX_DIR_DEPTH);
	d = opendir(dir);
	if (!d)
		return bi_err_set_errno(err, BI_EIO, errno, "%s", dir);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		BI_ALLOC_GROW(names, n + 1, alloc);
		names[n++] = bi_xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	for (size_t i = 0; i < n && r == 0; i++) {
		struct stat st;

		if (stat(names[i], &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			r = walk_dir(w, names[i], depth + 1, err);
		} else if (S_ISREG(st.st_mode) &&
			   bi_span_ends_with(bi_span_str(names[i]), ".json")) {
			_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_OSV_RECORD);
			struct bi_err *e = NULL;

			if (++w->files > BI_MAX_OSV_FILES) {
				r = bi_err_set(err, BI_ELIMIT, "%s: more than %d records", dir,
					       BI_MAX_OSV_FILES);
				break;
			}
			if (read_json_file(names[i], &b, &e) < 0 ||
			    bi_osv_import_record(w->c, bi_buf_span(&b), names[i], &e) < 0) {
				/* A damaged record is skipped; a DB failure is fatal. */
				if (bi_err_code(e) == BI_EDB) {
					r = bi_err_code(e);
					if (err)
						*err = e;
					else
						bi_err_free(e);
					break;
				}
				bi_import_skip(w->c, "%s", bi_err_msg(e));
				bi_err_free(e);
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return r;
}

static char *scope_line(const struct bi_import_ctx *c)
{
	if (!c->distro)
		return NULL;
	return bi_xasprintf("%s %s%s", c->distro, c->release, c->many_releases ? " and more" : "");
}

/*
 * osv.dev calls every ecosystem's export all.zip: an OSV file or zip is
 * named with the distro most of its rows are for ("all.zip (alpine)"), so
 * Debian's does not replace Alpine's while a fresh copy of the same export
 * (whose records may also name other distros) still does.
 */
static void name_by_distros(struct bi_vulndb_import *imp, const char *name,
			    const struct bi_import_ctx *c)
{
	_cleanup_free_ char *n2 = NULL;
	size_t best = 0;

	if (c->ndistros == 0)
		return;
	for (size_t k = 1; k < c->ndistros; k++)
		if (c->distros[k].rows > c->distros[best].rows)
			best = k;
	n2 = bi_xasprintf("%s (%s)", name, c->distros[best].name);
	bi_vulndb_import_set_name(imp, n2);
}

/* Record the scope and data date, commit, and tell res what was imported. */
static int commit_import(struct bi_vulndb_import *imp, struct bi_import_ctx *c,
			 enum bi_feed_kind kind, struct bi_import_result *res, struct bi_err **err)
{
	_cleanup_free_ char *scope = scope_line(c);
	int r;

	bi_vulndb_import_set_scope(imp, scope);
	bi_vulndb_import_set_date(imp, c->data_date);
	r = bi_vulndb_import_commit(imp, &res->counts, err);
	if (r < 0)
		return r;
	res->kind = kind;
	res->scope = TAKE_PTR(scope);
	res->data_date = c->data_date ? bi_xstrdup(c->data_date) : NULL;
	res->skipped = c->skipped;
	res->first_skip = TAKE_PTR(c->first_skip);
	return 0;
}

static int import_zip(struct bi_vulndb *db, const char *path, struct bi_import_result *res,
		      struct bi_err **err)
{
	_cleanup_(bi_vulndb_import_freep) struct bi_vulndb_import *imp = NULL;
	struct bi_import_ctx c = { .name = path };
	char name[512];
	size_t records = 0;
	int r;

	base_name(path, name, sizeof(name));
	r = bi_vulndb_import_begin(db, "osv", name, &imp, err);
	if (r < 0)
		return r;
	c.imp = imp;
	r = bi_osv_import_zip(&c, path, &records, err);
	if (r == 0 && records == 0)
		r = bi_err_set(err, BI_EFORMAT, "%s: no OSV records (*.json) in this zip", path);
	if (r == 0 && records == c.skipped)
		r = bi_err_set(err, BI_EFORMAT, "%s: no record could be read; the first: %s", path,
			       c.first_skip ? c.first_skip : "?");
	if (r == 0)
		name_by_distros(imp, name, &c);
	if (r == 0)
		r = commit_import(imp, &c, BI_FEED_OSV, res, err);
	bi_import_ctx_release(&c);
	return r;
}

static int import_file(struct bi_vulndb *db, const char *path, struct bi_import_result *res,
		       struct bi_err **err)
{
	_cleanup_(bi_decomp_freep) struct bi_decomp *d = NULL;
	_cleanup_(bi_vulndb_import_freep) struct bi_vulndb_import *imp = NULL;
	_cleanup_(bi_buf_release) struct bi_buf head = BI_BUF_INIT(BI_MAX_FEED_FILE);
	struct bi_import_ctx c = { .name = path };
	char name[512];
	enum bi_feed_kind kind;
	int r;

	r = bi_decomp_open(path, BI_MAX_FEED_UNCOMPRESSED, &d, err);
	if (r < 0)
		return r;
	/* Read a head to sniff. */
	while (head.len < SNIFF_BYTES) {
		size_t n;
		r = bi_buf_grow(&head, SNIFF_BYTES);
		assert(r == 0);
		r = bi_decomp_read(d, head.buf + head.len, SNIFF_BYTES - head.len, &n, err);
		if (r < 0)
			return r;
		if (n == 0)
			break;
		bi_buf_setlen(&head, head.len + n);
	}
	kind = sniff(bi_buf_span(&head));
	if (kind == BI_FEED_UNKNOWN && bi_decomp_kind(d) == BI_DECOMP_PLAIN && head.len >= 4 &&
	    (memcmp(head.buf, "PK\x03\x04", 4) == 0 || memcmp(head.buf, "PK\x05\x06", 4) == 0) &&
	    strcmp(path, "-") != 0)
		return import_zip(db, path, res, err);
	if (kind == BI_FEED_UNKNOWN)
		return bi_err_set(
			err, BI_EFORMAT,
			"%s: unrecognised format (want OSV JSON or all.zip, Alpine secdb JSON, the "
			"Debian Security Tracker JSON or OVAL XML; plain, .bz2 or .xz)",
			path);
	base_name(path, name, sizeof(name));
	strip_ext(name);
	r = bi_vulndb_import_begin(db, bi_feed_kind_name(kind), name, &imp, err);
	if (r < 0)
		return r;
	c.imp = imp;
	switch (kind) {
	case BI_FEED_OVAL:
	case BI_FEED_TRACKER:
		/* Streamed: the reader replays the sniffed head first. */
		bi_decomp_unread(d, bi_buf_span(&head));
		r = kind == BI_FEED_OVAL ? bi_oval_import(&c, d, err) :
					   bi_tracker_import(&c, d, err);
		break;
	case BI_FEED_SECDB:
	case BI_FEED_OSV:
		r = bi_decomp_read_all(d, &head, err);
		if (r < 0)
			break;
		if (kind == BI_FEED_SECDB) {
			r = bi_secdb_import(&c, bi_buf_span(&head), err);
		} else {
			r = bi_osv_import_record(&c, bi_buf_span(&head), path, err);
		}
		break;
	case BI_FEED_UNKNOWN:
	case BI_FEED__MAX:
		break;
	}
	if (r == 0 && !c.data_date && strcmp(path, "-") != 0) {
		/* secdb and the tracker carry no date: the file's own time stands in. */
		struct stat st;
		struct tm tm;
		char buf[16];
		if (stat(path, &st) == 0 && gmtime_r(&st.st_mtime, &tm) &&
		    strftime(buf, sizeof(buf), "%Y-%m-%d", &tm))
			bi_import_note_date(&c, buf);
	}
	if (r == 0 && kind == BI_FEED_OSV)
		name_by_distros(imp, name, &c);
	if (r == 0 && kind == BI_FEED_SECDB && c.distro) {
		/* main.json of v3.20 and of v3.19 must not replace each other. */
		_cleanup_free_ char *n2 = bi_xasprintf("%s/%s", c.release, name);
		bi_vulndb_import_set_name(imp, n2);
	}
	if (r == 0)
		r = commit_import(imp, &c, kind, res, err);
	bi_import_ctx_release(&c);
	return r;
}

static int import_dir(struct bi_vulndb *db, const char *path, struct bi_import_result *res,
		      struct bi_err **err)
{
	_cleanup_(bi_vulndb_import_freep) struct bi_vulndb_import *imp = NULL;
	_cleanup_free_ char *real = realpath(path, NULL);
	struct bi_import_ctx c = { .name = path };
	struct walk w = { .c = &c };
	int r;

	r = bi_vulndb_import_begin(db, "osv", real ? real : path, &imp, err);
	if (r < 0)
		return r;
	c.imp = imp;
	r = walk_dir(&w, path, 0, err);
	if (r == 0 && w.files == 0)
		r = bi_err_set(err, BI_EFORMAT, "%s: no OSV records (*.json) in this folder", path);
	if (r == 0 && w.files == c.skipped)
		r = bi_err_set(err, BI_EFORMAT, "%s: no record could be read; the first: %s", path,
			       c.first_skip ? c.first_skip : "?");
	if (r == 0)
		r = commit_import(imp, &c, BI_FEED_OSV, res, err);
	bi_import_ctx_release(&c);
	return r;
}

int bi_vuln_import_path(struct bi_vulndb *db, const char *path, struct bi_import_result *ret,
			struct bi_err **err)
{
	struct bi_import_result res = { 0 };
	struct stat st;
	int r;

	if (strcmp(path, "-") != 0 && stat(path, &st) != 0)
		return bi_err_set_errno(err, errno == ENOENT ? BI_ENOTFOUND : BI_EIO, errno, "%s",
					path);
	if (strcmp(path, "-") != 0 && S_ISDIR(st.st_mode))
		r = import_dir(db, path, &res, err);
	else
		r = import_file(db, path, &res, err);
	if (r < 0) {
		bi_import_result_release(&res);
		return r;
	}
	*ret = res;
	return 0;
}
