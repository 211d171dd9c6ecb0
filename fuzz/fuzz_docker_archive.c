/* SPDX-License-Identifier: MIT */
/*
 * Fuzz docker save archives: input starting with '[' is a manifest.json;
 * anything else is an outer tar, indexed as an archive source, whose
 * manifest.json (if any) is then read and parsed.
 */
#include <sys/mman.h>

#include "util/common.h"
#include "image/image_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bi_docker_entry *e = NULL;
	struct bi_err *err = NULL;
	struct bi_tree *src = NULL;
	size_t n = 0;
	int fd;

	if (size > BI_MiB)
		return 0;
	if (size && data[0] == '[') {
		if (bi_docker_manifest_parse(bi_span_make(data, size), "fuzz", &e, &n, &err) == 0)
			bi_docker_entries_free(e, n);
		bi_err_free(err);
		return 0;
	}
	fd = memfd_create("fuzz", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	if (bi_tree_archive_open_fd(fd, "fuzz", &src, &err) == 0) {
		struct bi_buf b = BI_BUF_INIT(BI_MAX_MANIFEST);

		if (bi_tree_read(src, "manifest.json", "manifest.json", BI_MAX_MANIFEST, &b,
				 &err) == 0 &&
		    bi_docker_manifest_parse(bi_buf_span(&b), "fuzz", &e, &n, &err) == 0) {
			for (size_t i = 0; i < n; i++)
				if (e[i].nlayers) {
					struct bi_buf l = BI_BUF_INIT(BI_MiB);
					if (bi_tree_read(src, e[i].layers[0], "layer", BI_MiB, &l,
							 NULL) < 0)
						(void)0;
					bi_buf_release(&l);
				}
			bi_docker_entries_free(e, n);
		}
		bi_buf_release(&b);
		bi_tree_free(src);
	}
	bi_err_free(err);
	return 0;
}
