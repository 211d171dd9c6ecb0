/* SPDX-License-Identifier: MIT */
/*
 * Replays fuzz inputs as an ordinary test (systemd fuzz-main.c, libgit2
 * standalone_driver.c): each argument is a file or a folder of files; each
 * file is fed to LLVMFuzzerTestOneInput once and reported as a TAP line.
 * A crash, a sanitizer report or a hang fails the test, and so does an
 * argument that does not exist, an unreadable folder or an empty one: a
 * corpus that is not there must not pass as replayed.
 */
#include <dirent.h>

#include "util/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count;

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_file(const char *path)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(64 * BI_MiB);
	struct bi_err *err = NULL;
	uint8_t *copy;

	if (bi_buf_read_file(&b, path, &err) < 0) {
		printf("not ok %d - %s # %s\n", ++count, path, bi_err_msg(err));
		bi_err_free(err);
		return 1;
	}
	/* A private copy of exactly the input's size, so ASan sees overreads. */
	copy = bi_xmalloc(b.len ? b.len : 1);
	memcpy(copy, b.buf, b.len);
	LLVMFuzzerTestOneInput(copy, b.len);
	free(copy);
	printf("ok %d - %s\n", ++count, path);
	fflush(stdout);
	return 0;
}

static int run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t nr = 0, alloc = 0;
	int failed = 0;

	if (!d) {
		printf("not ok %d - %s # cannot open: %s\n", ++count, dir, strerror(errno));
		return 1;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		BI_ALLOC_GROW(names, nr + 1, alloc);
		names[nr++] = bi_xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (nr)
		qsort(names, nr, sizeof(*names), cmp);
	for (size_t i = 0; i < nr; i++) {
		failed |= run_file(names[i]);
		free(names[i]);
	}
	free(names);
	if (nr == 0) {
		printf("not ok %d - %s # empty corpus\n", ++count, dir);
		return 1;
	}
	return failed;
}

int main(int argc, char **argv)
{
	int failed = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) < 0) {
			printf("not ok %d - %s # %s\n", ++count, argv[i], strerror(errno));
			failed = 1;
		} else if (S_ISDIR(st.st_mode)) {
			failed |= run_dir(argv[i]);
		} else {
			failed |= run_file(argv[i]);
		}
	}
	if (argc < 2) {
		printf("not ok %d - no corpus named\n", ++count);
		failed = 1;
	}
	printf("1..%d\n", count);
	return failed;
}
