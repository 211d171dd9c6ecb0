/* SPDX-License-Identifier: MIT */
/*
 * BuildKit's own parser cases (../shared/data/dockerfile/buildkit-parser):
 * every testfiles/ dump byte for byte, every testfiles-negative/ fails,
 * testfile-line's ranges, extra-heredoc's heredoc fields. Skipped without
 * ../shared.
 */
#include <dirent.h>

#include "../bi_test.h"

#include "dockerfile/dockerfile.h"
#include "dockerfile/gostr.h"

#define ROOT "data/dockerfile/buildkit-parser"

static char *slurp(const char *path)
{
	struct bi_buf b = BI_BUF_INIT(BI_MAX_DOCKERFILE);
	struct bi_err *err = NULL;

	if (bi_buf_read_file(&b, path, &err) < 0) {
		print_error("%s\n", bi_err_msg(err));
		bi_err_free(err);
		fail();
	}
	return bi_buf_detach(&b, NULL);
}

static int parse_file(const char *path, struct bi_dockerfile **df, struct bi_err **err)
{
	struct bi_buf b = BI_BUF_INIT(BI_MAX_DOCKERFILE);
	int r = bi_buf_read_file(&b, path, err);

	if (r == 0)
		r = bi_dockerfile_parse(bi_buf_span(&b), path, df, err);
	bi_buf_release(&b);
	return r;
}

static char **list_dir(const char *dir, size_t *ret_n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, alloc = 0;

	assert_non_null(d);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		BI_ALLOC_GROW(v, n + 1, alloc);
		v[n++] = bi_xstrdup(de->d_name);
	}
	closedir(d);
	*ret_n = n;
	return v;
}

static void test_positive(void **state)
{
	char *root = bi_test_shared(ROOT "/testfiles");
	char **cases;
	size_t n, passed = 0;

	(void)state;
	if (!root)
		skip();
	cases = list_dir(root, &n);
	assert_int_equal(n, 33);
	for (size_t i = 0; i < n; i++) {
		char *df_path = bi_xasprintf("%s/%s/Dockerfile", root, cases[i]);
		char *res_path = bi_xasprintf("%s/%s/result", root, cases[i]);
		char *want = slurp(res_path);
		struct bi_dockerfile *df = NULL;
		struct bi_err *err = NULL;
		struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);

		if (parse_file(df_path, &df, &err) < 0) {
			print_error("%s: %s\n", cases[i], bi_err_msg(err));
			bi_err_free(err);
		} else {
			bi_dockerfile_dump_buildkit(df, &out);
			if (strcmp(out.buf, want) == 0)
				passed++;
			else
				print_error("%s: dump differs:\n%s", cases[i], out.buf);
		}
		bi_buf_release(&out);
		bi_dockerfile_free(df);
		free(want);
		free(df_path);
		free(res_path);
		free(cases[i]);
	}
	free(cases);
	free(root);
	assert_int_equal(passed, 33);
}

static void test_negative(void **state)
{
	char *root = bi_test_shared(ROOT "/testfiles-negative");
	char **cases;
	size_t n;

	(void)state;
	if (!root)
		skip();
	cases = list_dir(root, &n);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) {
		char *path = bi_xasprintf("%s/%s/Dockerfile", root, cases[i]);
		struct bi_dockerfile *df = NULL;
		struct bi_err *err = NULL;

		if (parse_file(path, &df, &err) == 0) {
			print_error("%s: parsed, but BuildKit rejects it\n", cases[i]);
			fail();
		}
		assert_int_equal(bi_err_code(err), BI_EFORMAT);
		bi_err_free(err);
		free(path);
		free(cases[i]);
	}
	free(cases);
	free(root);
}

static void test_lines(void **state)
{
	char *path = bi_test_shared(ROOT "/testfile-line/Dockerfile");
	struct bi_dockerfile *df = NULL;
	static const int want[][2] = { { 5, 5 }, { 11, 12 }, { 17, 31 } };

	(void)state;
	if (!path)
		skip();
	assert_int_equal(parse_file(path, &df, NULL), 0);
	assert_int_equal(df->ninstrs, 3);
	/* the root spans the first instruction's start .. the last one's end */
	assert_int_equal(df->instrs[0].start_line, 5);
	assert_int_equal(df->instrs[df->ninstrs - 1].end_line, 31);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(df->instrs[i].start_line, want[i][0]);
		assert_int_equal(df->instrs[i].end_line, want[i][1]);
	}
	/* the blank lines inside the RUN continuation */
	assert_int_equal(df->nempty_continuation_lines, 1);
	bi_dockerfile_free(df);
	free(path);
}

static void test_heredoc_tsv(void **state)
{
	char *path = bi_test_shared(ROOT "/extra-heredoc/Dockerfile");
	char *tsv_path = bi_test_shared(ROOT "/extra-heredoc/heredocs.tsv");
	char *res_path = bi_test_shared(ROOT "/extra-heredoc/result");
	struct bi_dockerfile *df = NULL;
	struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	char *tsv, *want;
	struct bi_span rest, line;
	size_t rows = 0;

	(void)state;
	if (!path || !tsv_path || !res_path)
		skip();
	assert_int_equal(parse_file(path, &df, NULL), 0);
	bi_dockerfile_dump_buildkit(df, &out);
	want = slurp(res_path);
	assert_string_equal(out.buf, want);
	tsv = slurp(tsv_path);
	rest = bi_span_str(tsv);
	bi_span_next_line(&rest, &line); /* header */
	while (bi_span_next_line(&rest, &line)) {
		struct bi_span f[8];
		const struct bi_instr *in = NULL;
		const struct bi_heredoc *h;
		struct bi_buf q = BI_BUF_INIT(BI_BUF_NOLIMIT);
		char *tmp;
		uint64_t start, end, idx, fd;

		for (int k = 0; k < 8; k++)
			bi_span_split(&line, '\t', &f[k]);
		assert_true(bi_span_to_u64(f[0], &start) && bi_span_to_u64(f[1], &end));
		assert_true(bi_span_to_u64(f[2], &idx) && bi_span_to_u64(f[4], &fd));
		for (size_t i = 0; i < df->ninstrs; i++)
			if (df->instrs[i].start_line == (int)start)
				in = &df->instrs[i];
		assert_non_null(in);
		assert_int_equal(in->end_line, (int)end);
		assert_true(idx < in->nheredocs);
		h = &in->heredocs[idx];
		tmp = bi_span_dup(f[3]);
		assert_string_equal(h->name, tmp);
		free(tmp);
		assert_int_equal(h->fd, (int)fd);
		assert_int_equal(h->chomp, bi_span_eq_str(f[5], "true"));
		assert_int_equal(h->expand, bi_span_eq_str(f[6], "true"));
		bi_go_quote(&q, bi_span_make(h->content, h->content_len));
		assert_true(bi_span_eq(bi_buf_span(&q), f[7]));
		bi_buf_release(&q);
		rows++;
	}
	assert_int_equal(rows, 24);
	free(tsv);
	free(want);
	bi_buf_release(&out);
	bi_dockerfile_free(df);
	free(path);
	free(tsv_path);
	free(res_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positive),
		cmocka_unit_test(test_negative),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_heredoc_tsv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
