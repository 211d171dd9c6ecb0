/* SPDX-License-Identifier: MIT */
/*
 * The network transports' entry points (source.h): stubs until the
 * registry client and the Docker engine client land. They refuse clearly.
 */
#include "util/common.h"
#include "image/image_int.h"

int bi_registry_source_open(const char *ref, const struct bi_image_opts *opts,
			    struct bi_source **ret, struct bi_err **err)
{
	(void)opts;
	(void)ret;
	return bi_err_set(err, BI_EUNSUPPORTED,
			  "%s: registry images are not supported yet; use docker save or an OCI "
			  "layout",
			  ref);
}

int bi_daemon_images(const char *spec, const char *ref, const struct bi_image_opts *opts,
		     struct bi_image ***ret, size_t *ret_n, struct bi_err **err)
{
	(void)ref;
	(void)opts;
	(void)ret;
	(void)ret_n;
	return bi_err_set(err, BI_EUNSUPPORTED,
			  "%s: docker-daemon images are not supported yet; use docker save IMAGE "
			  "| baseimg inspect -",
			  spec);
}
