/* SPDX-License-Identifier: MIT */
/* The parser on inline Dockerfiles: every BuildKit rule, without ../shared. */
#include "../bi_test.h"

#include "dockerfile/dockerfile.h"

static struct bi_dockerfile *parse_n(const char *src, size_t len)
{
	struct bi_dockerfile *df = NULL;
	struct bi_err *err = NULL;

	if (bi_dockerfile_parse(bi_span_make(src, len), "Dockerfile", &df, &err) < 0) {
		print_error("unexpected error: %s\n", bi_err_msg(err));
		bi_err_free(err);
		fail();
	}
	return df;
}

static struct bi_dockerfile *parse(const char *src)
{
	return parse_n(src, strlen(src));
}

/* The BuildKit dump of src. */
static void check_dump_n(const char *src, size_t len, const char *want)
{
	struct bi_dockerfile *df = parse_n(src, len);
	struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);

	bi_dockerfile_dump_buildkit(df, &out);
	assert_string_equal(out.buf, want);
	bi_buf_release(&out);
	bi_dockerfile_free(df);
}

static void check_dump(const char *src, const char *want)
{
	check_dump_n(src, strlen(src), want);
}

static void check_error_n(const char *src, size_t len, int code, const char *want)
{
	struct bi_dockerfile *df = NULL;
	struct bi_err *err = NULL;

	assert_int_equal(bi_dockerfile_parse(bi_span_make(src, len), "Dockerfile", &df, &err),
			 code);
	assert_null(df);
	assert_string_equal(bi_err_msg(err), want);
	bi_err_free(err);
}

static void check_error(const char *src, const char *want)
{
	check_error_n(src, strlen(src), BI_EFORMAT, want);
}

static void test_basic(void **state)
{
	(void)state;
	check_dump("FROM alpine:3.20\nRUN echo hi\n",
		   "(from \"alpine:3.20\")\n(run \"echo hi\")\n");
	check_dump("from A as b\nRun x", "(from \"A\" \"as\" \"b\")\n(run \"x\")\n");
	check_dump("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n",
		   "(from [\"--platform=$BUILDPLATFORM\"] \"golang:1.22\" \"AS\" \"build\")\n");
	check_dump("FOO bar baz\n", "(foo \"\")\n");
	check_dump("CMD\nHEALTHCHECK\nLABEL\n", "(cmd)\n(healthcheck)\n(label)\n");
	check_dump("EXPOSE 80  443/tcp\n", "(expose \"80\" \"443/tcp\")\n");
	check_dump("USER  app:app \nWORKDIR /a b\n", "(user \"app:app\")\n(workdir \"/a b\")\n");
}

static void test_continuation(void **state)
{
	struct bi_dockerfile *df;

	(void)state;
	check_dump("RUN echo hello\\\n  world\n", "(run \"echo hello  world\")\n");
	check_dump("RUN good\\\nbye\n", "(run \"goodbye\")\n");
	/* a comment line inside a continuation is dropped, even after a quote */
	check_dump("RUN echo 'a \\\n# not text\n  b'\n", "(run \"echo 'a   b'\")\n");
	/* escaped escape: no continuation */
	check_dump("ENV C trailing\\\\\nFROM a\n",
		   "(env \"C\" \"trailing\\\\\\\\\" \"\")\n(from \"a\")\n");
	/* end of file ends a pending continuation */
	check_dump("RUN a \\", "(run \"a\")\n");
	check_dump("RUN a \\  \t\n b", "(run \"a  b\")\n");

	df = parse("FROM a\nRUN a \\\n\n  b \\\n   \n c\nRUN d \\\n# c\n e\n");
	assert_int_equal(df->nempty_continuation_lines, 1);
	assert_int_equal(df->empty_continuation_lines[0], 6);
	assert_int_equal(df->instrs[1].start_line, 2);
	assert_int_equal(df->instrs[1].end_line, 6);
	assert_string_equal(df->instrs[1].original, "RUN a   b  c");
	assert_int_equal(df->instrs[2].start_line, 7);
	assert_int_equal(df->instrs[2].end_line, 9);
	bi_dockerfile_free(df);
}

static void test_directives(void **state)
{
	struct bi_dockerfile *df;

	(void)state;
	check_dump("# escape=`\nFROM x\nRUN a `\n b\nENV GOPATH `\n\\go\n",
		   "(from \"x\")\n(run \"a  b\")\n(env \"GOPATH\" \"\\\\go\" \"\")\n");
	/* after an ordinary comment, escape= is just a comment */
	check_dump("# hello\n# escape=`\nFROM x\nRUN a `\n", "(from \"x\")\n(run \"a `\")\n");
	df = parse(
		"\xEF\xBB\xBF# syntax = docker/dockerfile:1.7 \n#ESCAPE=`\n# check=skip=all\nFROM a\n");
	assert_string_equal(df->syntax, "docker/dockerfile:1.7");
	assert_int_equal(df->escape, '`');
	assert_int_equal(df->instrs[0].ncomments, 0);
	bi_dockerfile_free(df);
	check_error("# escape=\\\n# escape=`\nFROM x\n",
		    "Dockerfile:2: only one escape parser directive can be used");
	check_error("#escape=x\nFROM a\n",
		    "Dockerfile:1: invalid escape token 'x' does not match ` or \\");
	/* a blank line ends the directives */
	df = parse("\n# syntax=foo\nFROM a\n");
	assert_null(df->syntax);
	bi_dockerfile_free(df);
}

static void test_heredocs(void **state)
{
	struct bi_dockerfile *df;
	struct bi_heredoc *h;

	(void)state;
	df = parse("FROM a\nRUN <<EOF\necho hi\nEOF\nCOPY <<A 3<<-'B' /dst\na\nA\n\tb\n\tB\n"
		   "RUN \"<<NO\"\nRUN [\"<<NO\"]\nUSER <<X\nRUN <<  E  > f\nE\n");
	assert_int_equal(df->ninstrs, 7);
	assert_int_equal(df->instrs[1].nheredocs, 1);
	h = &df->instrs[1].heredocs[0];
	assert_string_equal(h->name, "EOF");
	assert_string_equal(h->content, "echo hi\n");
	assert_true(h->expand);
	assert_false(h->chomp);
	assert_int_equal(h->start_line, 3);
	assert_int_equal(h->end_line, 4);
	assert_int_equal(df->instrs[1].start_line, 2);
	assert_int_equal(df->instrs[1].end_line, 4);
	assert_int_equal(df->instrs[2].nheredocs, 2);
	h = &df->instrs[2].heredocs[1];
	assert_string_equal(h->name, "B");
	assert_int_equal(h->fd, 3);
	assert_true(h->chomp);
	assert_false(h->expand);
	assert_string_equal(h->content, "\tb\n");
	assert_int_equal(df->instrs[2].end_line, 9);
	assert_int_equal(df->instrs[3].nheredocs, 0);
	assert_int_equal(df->instrs[4].nheredocs, 0);
	assert_true(df->instrs[4].json_form);
	assert_int_equal(df->instrs[5].nheredocs, 0);
	assert_string_equal(df->instrs[6].heredocs[0].name, "E");
	bi_dockerfile_free(df);

	df = parse(
		"ONBUILD RUN <<EOF\nx\nEOF\nRUN <<eo'f' <<'one two' <<\"x\"y\nEOF\neof\none two\nxy\n");
	assert_int_equal(df->ninstrs, 2);
	assert_int_equal(df->instrs[0].nheredocs, 1);
	assert_int_equal(df->instrs[1].nheredocs, 3);
	assert_string_equal(df->instrs[1].heredocs[0].content, "EOF\n");
	assert_string_equal(df->instrs[1].heredocs[1].name, "one two");
	assert_string_equal(df->instrs[1].heredocs[2].name, "xy");
	assert_false(df->instrs[1].heredocs[2].expand);
	bi_dockerfile_free(df);

	/* ${V/a/b} on the line does not hide the heredoc */
	check_dump("RUN echo ${PATH//:/ } <<EOF\nx\nEOF\n", "(run \"echo ${PATH//:/ } <<EOF\")\n");
	/* unbalanced quote on the line: no heredoc at all */
	check_dump("RUN <<EOF 'x\nEOF\n", "(run \"<<EOF 'x\")\n(eof \"\")\n");
	check_error("FROM a\nRUN <<EOF\nfoo\n", "Dockerfile:2: unterminated heredoc");
	check_error("FROM a\nCOPY <<A <<B /x\nA\n", "Dockerfile:2: unterminated heredoc");
}

static void test_json_form(void **state)
{
	struct bi_dockerfile *df;

	(void)state;
	check_dump("CMD [\"a\", \"b c\"]\n", "(cmd \"a\" \"b c\")\n");
	check_dump("CMD []\nCMD [\"\"]\n", "(cmd)\n(cmd \"\")\n");
	check_dump("CMD ['a']\n", "(cmd \"['a']\")\n");
	check_dump("RUN [\"a\"] extra\n", "(run \"[\\\"a\\\"] extra\")\n");
	check_dump("COPY [\"a\", \"b\" \n", "(copy \"[\\\"a\\\",\" \"\\\"b\\\"\")\n");
	check_dump("CMD [\"\\u0000\\/\\t\\ud83d\\ude00\\ud800\"]\n", "(cmd \"\\x00/\\t😀�\")\n");
	check_dump("CMD [1e999]\n", "(cmd \"[1e999]\")\n");
	check_dump(
		"HEALTHCHECK --interval=5s CMD [\"curl\",\"-f\"]\nHEALTHCHECK NONE\n",
		"(healthcheck [\"--interval=5s\"] \"CMD\" \"curl\" \"-f\")\n(healthcheck \"NONE\")\n");
	check_error("CMD [\"a\", 1]\n", "Dockerfile:1: when using JSON array syntax, arrays must "
					"be comprised of strings only");
	check_error("RUN [[\"a\"]]\n", "Dockerfile:1: when using JSON array syntax, arrays must "
				       "be comprised of strings only");
	df = parse("ENTRYPOINT [\"/bin/app\"]\nRUN echo\n");
	assert_true(df->instrs[0].json_form);
	assert_false(df->instrs[1].json_form);
	bi_dockerfile_free(df);
}

static void test_flags(void **state)
{
	(void)state;
	check_dump("COPY --from=build --chmod=755 a b\n",
		   "(copy [\"--from=build\" \"--chmod=755\"] \"a\" \"b\")\n");
	check_dump("COPY --a -- --b c\n", "(copy [\"--a\"] \"--b\" \"c\")\n");
	check_dump("RUN --mount=type=cache,target=\"/x y\" --x='' --y=a\\ b make\n",
		   "(run [\"--mount=type=cache,target=/x y\" \"--x=\" \"--y=a b\"] \"make\")\n");
	check_dump("CMD --x\n", "(cmd [\"--x\"])\n");
	/* BuildKit's extractBuilderFlags always escapes with a backslash... */
	check_dump("# escape=`\nCOPY --x=a\\b --y=c`d e\n",
		   "(copy [\"--x=ab\" \"--y=c`d\"] \"e\")\n");
	/* ...and reads each byte as a Latin-1 rune */
	check_dump("COPY --chown=jos\xc3\xa9 a b\n",
		   "(copy [\"--chown=jos\xc3\x83\xc2\xa9\"] \"a\" \"b\")\n");
}

static void test_words(void **state)
{
	(void)state;
	check_dump("ENV a b c\n", "(env \"a\" \"b c\" \"\")\n");
	check_dump("ENV a=1 b=\"x y\" c=d\\ e\n",
		   "(env \"a\" \"1\" \"=\" \"b\" \"\\\"x y\\\"\" \"=\" \"c\" \"d\\\\ e\" \"=\")\n");
	check_dump("LABEL \"k\"=v\n", "(label \"\\\"k\\\"\" \"v\" \"=\")\n");
	check_dump("ARG abc=\"123 456\" def\n", "(arg \"abc=\\\"123 456\\\"\" \"def\")\n");
	check_error("FROM a\nENV PATH\n", "Dockerfile:2: ENV must have two arguments");
	check_error("LABEL a=1 b\n", "Dockerfile:1: Syntax error - can't find = in \"b\". Must be "
				     "of the form: name=value");
}

static void test_onbuild(void **state)
{
	struct bi_dockerfile *df;

	(void)state;
	check_dump(
		"ONBUILD RUN echo test\nONBUILD --x COPY [\"a\",\"b\"]\nONBUILD\n",
		"(onbuild (run \"echo test\"))\n(onbuild [\"--x\"] (copy \"a\" \"b\"))\n(onbuild)\n");
	df = parse("ONBUILD ONBUILD run x\n");
	assert_int_equal(df->instrs[0].kind, BI_I_ONBUILD);
	assert_non_null(df->instrs[0].onbuild);
	assert_int_equal(df->instrs[0].onbuild->onbuild->kind, BI_I_RUN);
	bi_dockerfile_free(df);
}

static void test_crlf_bom_quote(void **state)
{
	static const char nul[] = "RUN a\0b\n";

	(void)state;
	check_dump("FROM a\r\nRUN b \\\r\n c\r\n", "(from \"a\")\n(run \"b  c\")\n");
	check_dump("\xEF\xBB\xBF"
		   "FROM a\n",
		   "(from \"a\")\n");
	check_dump("RUN a\tb \xff \xc2\xa0x \xe2\x99\xa5 \x7f\n",
		   "(run \"a\\tb \\xff \\u00a0x ♥ \\x7f\")\n");
	check_dump_n(nul, sizeof(nul) - 1, "(run \"a\\x00b\")\n");
}

static void test_lines_comments(void **state)
{
	struct bi_dockerfile *df;

	(void)state;
	df = parse("# top\n\n# baseimg ignore=BI104,BI103\n#\n  FROM a\n\nRUN a \\\n  b\n"
		   "# one\n# two\nCMD x\n");
	assert_int_equal(df->ninstrs, 3);
	assert_int_equal(df->instrs[0].start_line, 5);
	assert_int_equal(df->instrs[0].column, 3);
	assert_int_equal(df->instrs[0].ncomments, 2);
	assert_string_equal(df->instrs[0].comments[0], "baseimg ignore=BI104,BI103");
	assert_string_equal(df->instrs[0].comments[1], "");
	assert_int_equal(df->instrs[1].start_line, 7);
	assert_int_equal(df->instrs[1].end_line, 8);
	assert_int_equal(df->instrs[1].ncomments, 0);
	assert_int_equal(df->instrs[2].ncomments, 2);
	assert_string_equal(df->instrs[2].comments[1], "two");
	assert_int_equal(df->instrs[2].kind, BI_I_CMD);
	assert_string_equal(df->instrs[2].keyword, "CMD");
	bi_dockerfile_free(df);
}

static void test_limits(void **state)
{
	size_t n = BI_MAX_DOCKERFILE_LINE + 16;
	char *s = bi_xmalloc(n);
	struct bi_dockerfile *df;

	(void)state;
	memcpy(s, "RUN ", 4);
	memset(s + 4, 'a', n - 4);
	/* a line of 65535 bytes is fine */
	s[BI_MAX_DOCKERFILE_LINE - 1] = '\n';
	df = parse_n(s, BI_MAX_DOCKERFILE_LINE);
	assert_int_equal(df->ninstrs, 1);
	assert_int_equal(strlen(df->instrs[0].args[0]), BI_MAX_DOCKERFILE_LINE - 5);
	bi_dockerfile_free(df);
	s[BI_MAX_DOCKERFILE_LINE - 1] = 'a';
	check_error_n(s, n, BI_ELIMIT,
		      "Dockerfile:1: dockerfile line greater than max allowed size of 65535");
	free(s);
}

static void test_errors(void **state)
{
	(void)state;
	check_error("", "Dockerfile:1: file with no instructions");
	check_error("# only\n\n  # comments\n", "Dockerfile:3: file with no instructions");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),	       cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_directives),     cmocka_unit_test(test_heredocs),
		cmocka_unit_test(test_json_form),      cmocka_unit_test(test_flags),
		cmocka_unit_test(test_words),	       cmocka_unit_test(test_onbuild),
		cmocka_unit_test(test_crlf_bom_quote), cmocka_unit_test(test_lines_comments),
		cmocka_unit_test(test_limits),	       cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
