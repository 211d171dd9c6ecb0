/* SPDX-License-Identifier: MIT */
/* Digests, OCI/Docker documents, config, docker manifest.json, platforms. */
#include "../bi_test.h"
#include "image/digest.h"
#include "image/image_int.h"

#define D64 "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static void test_digest(void **state)
{
	enum bi_digest_algo a;
	struct bi_err *err = NULL;
	char *d;

	assert_int_equal(bi_digest_parse(D64, &a, &err), 0);
	assert_int_equal(a, BI_DIGEST_SHA256);
	d = bi_digest_of(BI_DIGEST_SHA256, "", 0);
	assert_string_equal(d, D64);
	free(d);
	d = bi_digest_of(BI_DIGEST_SHA512, "abc", 3);
	assert_int_equal(strlen(d), 7 + 128);
	assert_int_equal(bi_digest_parse(d, &a, &err), 0);
	assert_int_equal(a, BI_DIGEST_SHA512);
	free(d);
	assert_string_equal(bi_digest_hex(D64), D64 + 7);
	assert_int_equal(bi_digest_parse("md5:d41d8cd98f00b204e9800998ecf8427e", &a, &err),
			 BI_EUNSUPPORTED);
	assert_non_null(strstr(bi_err_msg(err), "md5"));
	bi_err_freep(&err);
	assert_int_equal(bi_digest_parse("sha256:abc", &a, &err), BI_EFORMAT);
	bi_err_freep(&err);
	assert_int_equal(
		bi_digest_parse(
			"sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
			&a, &err),
		BI_EFORMAT);
	bi_err_freep(&err);
	assert_int_equal(bi_digest_parse("e3b0c442", &a, &err), BI_EFORMAT);
	bi_err_freep(&err);
	assert_int_equal(bi_digest_parse(NULL, &a, &err), BI_EFORMAT);
	bi_err_freep(&err);
	{
		struct bi_hash *h = bi_hash_new(BI_DIGEST_SHA256);
		bi_hash_update(h, "a", 1);
		bi_hash_update(h, "bc", 2);
		d = bi_hash_final(h);
		bi_hash_free(h);
		assert_string_equal(
			d,
			"sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		free(d);
	}
}

static void test_index(void **state)
{
	const char *idx =
		"{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
		"\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" D64 "\","
		"\"size\":10,\"platform\":{\"os\":\"linux\",\"architecture\":\"arm\","
		"\"variant\":\"v7\"},\"annotations\":{\"org.opencontainers.image.ref.name\":"
		"\"3.20\"}}]}";
	struct bi_descriptor *d = NULL;
	struct bi_err *err = NULL;
	enum bi_doc_kind k;
	size_t n = 0;

	assert_int_equal(bi_index_parse(bi_span_str(idx), "i", &d, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].digest, D64);
	assert_int_equal(d[0].size, 10);
	assert_string_equal(d[0].arch, "arm");
	assert_string_equal(d[0].variant, "v7");
	assert_string_equal(d[0].ref_name, "3.20");
	bi_descriptors_free(d, n);
	assert_int_equal(bi_doc_kind(bi_span_str(idx), NULL, "i", &k, &err), 0);
	assert_int_equal(k, BI_DOC_INDEX);

	assert_int_equal(bi_index_parse(BI_SPAN_LIT("{\"manifests\":[{}]}"), "i", &d, &n, &err),
			 BI_EFORMAT);
	assert_non_null(strstr(bi_err_msg(err), "no digest"));
	bi_err_freep(&err);
	assert_int_equal(bi_index_parse(BI_SPAN_LIT("{\"manifests\":[{\"digest\":\"" D64
						    "\",\"size\":-1}]}"),
					"i", &d, &n, &err),
			 BI_EFORMAT);
	bi_err_freep(&err);
	assert_int_equal(bi_index_parse(BI_SPAN_LIT("[1,2"), "i", &d, &n, &err), BI_EFORMAT);
	bi_err_freep(&err);
	assert_int_equal(bi_index_parse(BI_SPAN_LIT("{}"), "i", &d, &n, &err), BI_EFORMAT);
	bi_err_freep(&err);
	assert_int_equal(bi_doc_kind(BI_SPAN_LIT("{\"schemaVersion\":1,\"fsLayers\":[]}"), NULL,
				     "m", &k, &err),
			 BI_EUNSUPPORTED);
	bi_err_freep(&err);
	assert_int_equal(
		bi_doc_kind(BI_SPAN_LIT("{\"mediaType\":\"text/plain\"}"), NULL, "m", &k, &err),
		BI_EUNSUPPORTED);
	assert_non_null(strstr(bi_err_msg(err), "text/plain"));
	bi_err_freep(&err);
	assert_int_equal(
		bi_doc_kind(BI_SPAN_LIT("{\"config\":{},\"layers\":[]}"), NULL, "m", &k, &err), 0);
	assert_int_equal(k, BI_DOC_MANIFEST);
	assert_int_equal(bi_doc_kind(BI_SPAN_LIT("{}"),
				     "application/vnd.docker.distribution.manifest.list.v2+json",
				     "m", &k, &err),
			 0);
	assert_int_equal(k, BI_DOC_INDEX);
}

static void test_manifest(void **state)
{
	const char *m = "{\"schemaVersion\":2,\"mediaType\":"
			"\"application/vnd.docker.distribution.manifest.v2+json\",\"config\":{"
			"\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
			"\"digest\":\"" D64 "\",\"size\":3},\"layers\":[{\"mediaType\":"
			"\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"digest\":\"" D64
			"\",\"size\":7}]}";
	struct bi_manifest *man = NULL;
	struct bi_err *err = NULL;
	enum bi_compression c;

	assert_int_equal(bi_manifest_parse(bi_span_str(m), "m", &man, &err), 0);
	assert_int_equal(man->nlayers, 1);
	assert_int_equal(man->layers[0].size, 7);
	assert_int_equal(man->config.size, 3);
	bi_manifest_free(man);
	assert_int_equal(bi_manifest_parse(BI_SPAN_LIT("{\"layers\":[]}"), "m", &man, &err),
			 BI_EFORMAT);
	bi_err_freep(&err);
	assert_int_equal(
		bi_manifest_parse(BI_SPAN_LIT("{\"config\":{\"digest\":\"" D64
					      "\"},\"layers\":[{\"digest\":\"" D64 "\"}]}"),
				  "m", &man, &err),
		BI_EFORMAT); /* a layer without mediaType */
	bi_err_freep(&err);

	assert_int_equal(bi_layer_media_type("application/vnd.oci.image.layer.v1.tar", &c, &err),
			 0);
	assert_int_equal(c, BI_COMP_NONE);
	assert_int_equal(
		bi_layer_media_type("application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
				    &c, &err),
		0);
	assert_int_equal(c, BI_COMP_ZSTD);
	assert_int_equal(
		bi_layer_media_type("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", &c,
				    &err),
		0);
	assert_int_equal(c, BI_COMP_GZIP);
	assert_int_equal(bi_layer_media_type("application/x-bzip2", &c, &err), BI_EUNSUPPORTED);
	bi_err_freep(&err);
}

static void test_config(void **state)
{
	const char *cfg =
		"{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{"
		"\"Entrypoint\":[\"/app\",\"-v\"],\"Cmd\":null,\"User\":\"1000:1000\","
		"\"WorkingDir\":\"/srv\",\"Env\":[\"A=1\",\"PATH=/bin\",\"A=2\"],"
		"\"Labels\":{\"k\":\"v\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" D64
		"\"]},\"history\":[{\"created_by\":\"ENV A=1\",\"empty_layer\":true},"
		"{\"created_by\":\"ADD x /\"}]}";
	struct bi_image_config c = { 0 };
	struct bi_config_extra x = { 0 };
	struct bi_image img = { 0 };
	struct bi_err *err = NULL;

	assert_int_equal(bi_config_parse(bi_span_str(cfg), "c", &c, &x, &err), 0);
	assert_int_equal(c.nentrypoint, 2);
	assert_string_equal(c.entrypoint[1], "-v");
	assert_null(c.cmd);
	assert_string_equal(c.user, "1000:1000");
	assert_string_equal(c.workdir, "/srv");
	assert_int_equal(c.nlabels, 1);
	assert_string_equal(c.label_values[0], "v");
	assert_int_equal(x.ndiff_ids, 1);
	assert_int_equal(x.ncreated_by, 1);
	assert_string_equal(x.created_by[0], "ADD x /");
	img.config = c;
	assert_string_equal(bi_image_env(&img, "A"), "2");
	assert_null(bi_image_env(&img, "PAT"));
	bi_image_config_release(&c);
	bi_config_extra_release(&x);

	assert_int_equal(bi_config_parse(BI_SPAN_LIT("{\"config\":{}}"), "c", &c, &x, &err),
			 BI_EFORMAT);
	assert_non_null(strstr(bi_err_msg(err), "diff_ids"));
	bi_err_freep(&err);
	assert_int_equal(bi_config_parse(BI_SPAN_LIT("{\"rootfs\":{\"diff_ids\":[\"sha1:ab\"]}}"),
					 "c", &c, &x, &err),
			 BI_EUNSUPPORTED);
	bi_err_freep(&err);
	assert_int_equal(
		bi_config_parse(
			BI_SPAN_LIT("{\"config\":{\"Env\":{}},\"rootfs\":{\"diff_ids\":[]}}"), "c",
			&c, &x, &err),
		BI_EFORMAT);
	bi_err_freep(&err);
}

static void test_docker_manifest(void **state)
{
	const char *m = "[{\"Config\":\"abc.json\",\"RepoTags\":[\"a:1\",\"b:2\"],"
			"\"Layers\":[\"x/layer.tar\",\"y/layer.tar\"]},"
			"{\"Config\":\"def.json\",\"RepoTags\":null,\"Layers\":[]}]";
	struct bi_docker_entry *e = NULL;
	struct bi_err *err = NULL;
	size_t n = 0;

	assert_int_equal(bi_docker_manifest_parse(bi_span_str(m), "m", &e, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(e[0].ntags, 2);
	assert_int_equal(e[0].nlayers, 2);
	assert_string_equal(e[0].layers[1], "y/layer.tar");
	assert_int_equal(e[1].ntags, 0);
	bi_docker_entries_free(e, n);
	assert_int_equal(bi_docker_manifest_parse(BI_SPAN_LIT("{}"), "m", &e, &n, &err),
			 BI_EFORMAT);
	bi_err_freep(&err);
	assert_int_equal(
		bi_docker_manifest_parse(BI_SPAN_LIT("[{\"Layers\":[]}]"), "m", &e, &n, &err),
		BI_EFORMAT);
	bi_err_freep(&err);
	assert_int_equal(
		bi_docker_manifest_parse(BI_SPAN_LIT("[{\"Config\":\"c\",\"Layers\":[1]}]"), "m",
					 &e, &n, &err),
		BI_EFORMAT);
	bi_err_freep(&err);
}

static void test_platform(void **state)
{
	struct bi_platform p = { 0 };
	struct bi_err *err = NULL;
	char *s;

	assert_int_equal(bi_platform_parse("linux/arm64", &p, &err), 0);
	assert_true(bi_platform_match(&p, "linux", "arm64", "v8"));
	assert_true(bi_platform_match(&p, "linux", "aarch64", NULL));
	assert_false(bi_platform_match(&p, "linux", "amd64", NULL));
	assert_false(bi_platform_match(&p, "windows", "arm64", NULL));
	bi_platform_release(&p);
	assert_int_equal(bi_platform_parse("linux/arm64/v8", &p, &err), 0);
	assert_true(bi_platform_match(&p, "linux", "arm64", NULL));
	assert_false(bi_platform_match(&p, "linux", "arm64", "v9"));
	bi_platform_release(&p);
	assert_int_equal(bi_platform_parse("linux/arm/v7", &p, &err), 0);
	assert_false(bi_platform_match(&p, "linux", "arm", "v6"));
	bi_platform_release(&p);
	assert_int_equal(bi_platform_parse("linux", &p, &err), BI_EUSAGE);
	bi_err_freep(&err);
	assert_int_equal(bi_platform_parse("linux/amd64/v1/x", &p, &err), BI_EUSAGE);
	bi_err_freep(&err);
	s = bi_platform_string("linux", "arm", "v7");
	assert_string_equal(s, "linux/arm/v7");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digest),		cmocka_unit_test(test_index),
		cmocka_unit_test(test_manifest),	cmocka_unit_test(test_config),
		cmocka_unit_test(test_docker_manifest), cmocka_unit_test(test_platform),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
