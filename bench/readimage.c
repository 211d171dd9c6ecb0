/* SPDX-License-Identifier: MIT */
/*
 * readimage: a small driver over the image reader for benchmarks and the
 * image/layer e2e tests (the user-facing command is `baseimg inspect`).
 *   readimage [--platform P] [--all-platforms] [--threads N] [--list]
 *             [--resolve PATH]... IMAGE
 * Prints the image summary; exit status as baseimg's (3 for bad input).
 */
#include <getopt.h>

#include "util/common.h"
#include "image/image.h"

static void print_image(const struct bi_image *img, bool list, char **resolve, size_t nresolve)
{
	size_t kept = 0, elf = 0;

	printf("reference: %s\n", img->reference);
	printf("transport: %s\n", img->transport);
	printf("digest: %s\n", img->digest ? img->digest : "-");
	printf("platform: %s\n", img->platform ? img->platform : "-");
	printf("layers: %zu\n", img->nlayers);
	for (size_t i = 0; i < img->nlayers; i++) {
		const struct bi_layer *l = &img->layers[i];
		printf("  %zu %s %s %" PRIu64 " %" PRIu64 " files=%" PRIu64 "\n", i,
		       l->digest ? l->digest : "-", l->media_type ? l->media_type : "-",
		       l->compressed, l->uncompressed, l->files);
		if (l->diff_id)
			printf("    diff_id %s\n", l->diff_id);
	}
	for (size_t i = 0; i < bi_fs_count(img->fs); i++) {
		const struct bi_fentry *e = bi_fs_at(img->fs, i);
		kept += e->content.ptr != NULL;
		elf += e->elf != NULL;
	}
	printf("paths: %zu\n", bi_fs_count(img->fs));
	printf("kept: %zu\n", kept);
	printf("elf: %zu\n", elf);
	for (size_t i = 0; i < img->nwarnings; i++)
		printf("warning: %s\n", img->warnings[i]);
	if (list)
		for (size_t i = 0; i < bi_fs_count(img->fs); i++) {
			const struct bi_fentry *e = bi_fs_at(img->fs, i);
			printf("  %d %o %s%s%s\n", e->layer, e->mode, e->path,
			       e->link ? " -> " : "", e->link ? e->link : "");
		}
	for (size_t i = 0; i < nresolve; i++) {
		const struct bi_fentry *e;
		struct bi_err *err = NULL;

		if (bi_fs_resolve(img->fs, resolve[i], &e, &err) < 0)
			printf("resolve %s: error: %s\n", resolve[i], bi_err_msg(err));
		else
			printf("resolve %s: /%s\n", resolve[i], e->path);
		bi_err_free(err);
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "platform", required_argument, NULL, 'p' },
		{ "all-platforms", no_argument, NULL, 'a' },
		{ "threads", required_argument, NULL, 't' },
		{ "list", no_argument, NULL, 'l' },
		{ "resolve", required_argument, NULL, 'r' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct bi_image_opts o = { 0 };
	struct bi_image **imgs = NULL;
	struct bi_err *err = NULL;
	char *resolve[64];
	size_t nresolve = 0, n = 0;
	bool list = false, quiet = false;
	int c, r;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o.platform = optarg;
			break;
		case 'a':
			o.all_platforms = true;
			break;
		case 't':
			o.threads = (int)strtol(optarg, NULL, 10);
			break;
		case 'l':
			list = true;
			break;
		case 'q':
			quiet = true;
			break;
		case 'r':
			if (nresolve < BI_ARRAY_SIZE(resolve))
				resolve[nresolve++] = optarg;
			break;
		default:
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: readimage [options] IMAGE\n");
		return 2;
	}
	r = bi_image_open(argv[optind], &o, &imgs, &n, &err);
	if (r < 0) {
		fprintf(stderr, "readimage: %s\n", bi_err_msg(err));
		bi_err_free(err);
		return bi_err_exit_status(r);
	}
	for (size_t i = 0; i < n && !quiet; i++)
		print_image(imgs[i], list, resolve, nresolve);
	bi_image_list_free(imgs, n);
	return 0;
}
