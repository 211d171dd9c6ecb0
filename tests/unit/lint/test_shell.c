/* SPDX-License-Identifier: MIT */
/* The RUN tokenizer and the command readers (no parser or KB needed). */
#include "../bi_test.h"

#include "lint/cmds.h"
#include "lint/shell.h"

/* Commands as "a b c | d e" (words joined by spaces, commands by " | "). */
static char *toks(const char *text)
{
	struct bi_sh_script s = { 0 };
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);

	bi_sh_parse(bi_span_str(text), &s);
	for (size_t i = 0; i < s.n; i++) {
		if (i)
			bi_buf_adds(&b, " | ");
		for (size_t j = 0; j < s.cmds[i].n; j++)
			bi_buf_addf(&b, "%s%s", j ? " " : "", s.cmds[i].words[j]);
	}
	bi_sh_script_release(&s);
	return bi_buf_detach(&b, NULL);
}

#define TOKS(text, want)                       \
	do {                                   \
		char *_g = toks(text);         \
		assert_string_equal(_g, want); \
		free(_g);                      \
	} while (0)

static void test_split(void **state)
{
	(void)state;
	TOKS("a && b || c; d | e & f", "a | b | c | d | e | f");
	TOKS("apt-get update \\\n && apt-get install -y gcc",
	     "apt-get update | apt-get install -y gcc");
	TOKS("echo 'a && b' \"c; d\"", "echo a && b c; d");
	TOKS("echo \"x\\\"y\" a\\ b", "echo x\"y a b");
	TOKS("(cd /x && make)", "cd /x | make");
	TOKS("make > /dev/null 2>&1 && ls 2> err.txt", "make | ls");
	TOKS("cat <<EOF", "cat");
	TOKS("echo $(uname -a; id) ${A:-b c}", "echo $(uname -a; id) ${A:-b c}");
	TOKS("# comment\nls # trailing\nid", "ls | id");
	TOKS("echo a#b", "echo a#b");
	TOKS("sh -c 'apt-get install gcc && make'", "apt-get install gcc | make");
	TOKS("/bin/bash -euxo pipefail -c \"pip install x\"", "pip install x");
	TOKS("", "");
	TOKS("'unterminated", "unterminated");
	TOKS("\"unterminated \\", "unterminated \\");
}

static void test_program(void **state)
{
	char *w1[] = { (char *)"CGO_ENABLED=0", (char *)"GOOS=linux", (char *)"go",
		       (char *)"build" };
	char *w2[] = { (char *)"sudo", (char *)"-E", (char *)"apt-get", (char *)"install" };
	char *w3[] = { (char *)"then", (char *)"env", (char *)"A=1", (char *)"pip" };
	char *w4[] = { (char *)"xargs", (char *)"-n" };
	char *w5[] = { (char *)"sudo", (char *)"-u" };

	(void)state;
	assert_int_equal(bi_lint_cmd_program(w1, 4), 2);
	assert_int_equal(bi_lint_cmd_program(w2, 4), 2);
	assert_int_equal(bi_lint_cmd_program(w3, 4), 3);
	/* a flag whose value is missing never runs past the words */
	assert_int_equal(bi_lint_cmd_program(w4, 2), 2);
	assert_int_equal(bi_lint_cmd_program(w5, 2), 2);
}

static void test_pm(void **state)
{
	char *apt[] = { (char *)"apt-get",	  (char *)"-o", (char *)"X=1",
			(char *)"install",	  (char *)"-y", (char *)"gcc=4:12",
			(char *)"libpq-dev:amd64" };
	char *apk[] = { (char *)"apk",	     (char *)"add", (char *)"--no-cache",
			(char *)"--virtual", (char *)".bd", (char *)"build-base>=0.5" };
	char *del[] = { (char *)"apk", (char *)"del", (char *)".bd" };
	char *upd[] = { (char *)"apt-get", (char *)"update" };
	struct bi_pm_action a;

	(void)state;
	assert_true(bi_pm_parse(apt, 7, &a));
	assert_int_equal(a.op, BI_PM_INSTALL);
	assert_int_equal(a.npkgs, 2);
	assert_string_equal(a.pkgs[0], "gcc");
	assert_string_equal(a.pkgs[1], "libpq-dev");
	bi_pm_action_release(&a);
	assert_true(bi_pm_parse(apk, 6, &a));
	assert_int_equal(a.npkgs, 1);
	assert_string_equal(a.pkgs[0], "build-base");
	assert_string_equal(a.virtual_name, ".bd");
	bi_pm_action_release(&a);
	assert_true(bi_pm_parse(del, 3, &a));
	assert_int_equal(a.op, BI_PM_REMOVE);
	bi_pm_action_release(&a);
	assert_false(bi_pm_parse(upd, 2, &a));

	assert_true(bi_pm_is_build_tool("gcc"));
	assert_true(bi_pm_is_build_tool("gcc-12"));
	assert_true(bi_pm_is_build_tool("libssl-dev"));
	assert_true(bi_pm_is_build_tool("build-essential"));
	assert_false(bi_pm_is_build_tool("libgcc-s1"));
	assert_false(bi_pm_is_build_tool("dev"));
	assert_false(bi_pm_is_build_tool("curl"));
}

static void test_py(void **state)
{
	char buf[64];

	(void)state;
	assert_true(bi_py_req_name("numpy==1.26", buf, sizeof(buf)));
	assert_string_equal(buf, "numpy");
	assert_true(bi_py_req_name("Pandas[excel]>=2", buf, sizeof(buf)));
	assert_string_equal(buf, "pandas");
	assert_true(bi_py_req_name("psycopg2_binary~=2.9; python_version>'3'", buf, sizeof(buf)));
	assert_string_equal(buf, "psycopg2-binary");
	assert_false(bi_py_req_name("./pkg", buf, sizeof(buf)));
	assert_false(bi_py_req_name("git+https://x/y.git", buf, sizeof(buf)));
	assert_false(bi_py_req_name("dist/x-1.0-py3-none-any.whl", buf, sizeof(buf)));
	assert_false(bi_py_req_name("$PKGS", buf, sizeof(buf)));
}

static void test_build(void **state)
{
	char *go[] = { (char *)"go", (char *)"build", (char *)"-o", (char *)"/app" };
	char *gcc[] = { (char *)"gcc", (char *)"-c", (char *)"x.c" };
	char *gccl[] = { (char *)"gcc", (char *)"-o", (char *)"x", (char *)"x.c" };
	char *cargo[] = { (char *)"cargo", (char *)"build", (char *)"--target",
			  (char *)"wasm32-wasi" };
	bool st;

	(void)state;
	assert_int_equal(bi_build_cmd(go, 4, &st), BI_BUILD_GO);
	assert_false(st);
	assert_int_equal(bi_build_cmd(gcc, 3, &st), BI_BUILD_NONE);
	assert_int_equal(bi_build_cmd(gccl, 4, &st), BI_BUILD_CC);
	assert_false(st);
	assert_int_equal(bi_build_cmd(cargo, 4, &st), BI_BUILD_CARGO);
	assert_true(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split), cmocka_unit_test(test_program),
		cmocka_unit_test(test_pm),    cmocka_unit_test(test_py),
		cmocka_unit_test(test_build),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
