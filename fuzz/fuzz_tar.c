/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the layer path: compression sniffed (gzip / zstd / plain), the tar
 * walked into a layer's entries (whiteouts, kept files), merged into a view,
 * and a few paths resolved.
 */
#include "util/common.h"
#include "layer/layer.h"
#include "util/stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = { "/bin/sh", "/etc/os-release", "/lib/../usr/lib/x",
					     "/" };
	struct bi_stream_limits lim = { 64 * BI_MiB, BI_MAX_COMPRESSION_RATIO };
	struct bi_istream *is;
	struct bi_lentries *le = NULL;
	struct bi_err *err = NULL;
	struct bi_fs *fs;

	if (size > BI_MiB)
		return 0;
	is = bi_istream_decompress(bi_istream_mem(data, size), bi_compression_sniff(data, size),
				   "fuzz", &lim);
	fs = bi_fs_new();
	if (bi_lentries_from_tar(is, 0, "fuzz", NULL, &le, NULL, &err) == 0 &&
	    bi_fs_apply(fs, le, &err) == 0 && bi_fs_finish(fs, &err) == 0) {
		for (size_t i = 0; i < BI_ARRAY_SIZE(paths); i++) {
			const struct bi_fentry *e;
			struct bi_err *e2 = NULL;

			if (bi_fs_resolve(fs, paths[i], &e, &e2) < 0)
				bi_err_free(e2);
		}
		for (size_t i = 0; i < bi_fs_count(fs); i++) {
			const struct bi_fentry *e;
			struct bi_err *e2 = NULL;

			if (bi_fs_resolve(fs, bi_fs_at(fs, i)->path, &e, &e2) < 0)
				bi_err_free(e2);
			if (i > 64)
				break;
		}
	}
	bi_err_free(err);
	bi_fs_free(fs);
	bi_istream_free(is);
	return 0;
}
