/* SPDX-License-Identifier: MIT */
/* `baseimg inspect --format json`: docs/commands/inspect.md lists every key. */
#include "util/common.h"
#include "report/inspect.h"

static void strv(struct bi_jsonw *w, const char *key, char *const *v, size_t n, bool null_if_unset)
{
	bi_jsonw_key(w, key);
	if (!v && null_if_unset) {
		bi_jsonw_null(w);
		return;
	}
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < n; i++)
		bi_jsonw_string(w, v[i]);
	bi_jsonw_array_end(w);
}

static void write_os(struct bi_jsonw *w, const struct bi_analysis *a)
{
	bi_jsonw_key(w, "os");
	if (!a->has_os) {
		bi_jsonw_null(w);
		return;
	}
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "id", a->os.id);
	bi_jsonw_kstring(w, "version_id", a->os.version_id);
	bi_jsonw_kstring(w, "codename", a->os.codename);
	bi_jsonw_kstring(w, "name", a->os.name);
	bi_jsonw_kstring(w, "pretty_name", a->os.pretty_name);
	bi_jsonw_object_end(w);
}

static void write_packages(struct bi_jsonw *w, const struct bi_analysis *a)
{
	bi_jsonw_key(w, "packages");
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < a->pkgs.n; i++) {
		const struct bi_pkg *p = &a->pkgs.pkgs[i];
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "name", p->name);
		bi_jsonw_kstring(w, "version", p->version);
		bi_jsonw_kstring(w, "arch", p->arch);
		bi_jsonw_kstring(w, "source", p->source);
		bi_jsonw_kstring(w, "source_version", p->source_version);
		if (p->layer >= 0)
			bi_jsonw_kint(w, "layer", p->layer);
		else
			bi_jsonw_knull(w, "layer");
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
}

static void write_layers(struct bi_jsonw *w, const struct bi_image *img)
{
	bi_jsonw_key(w, "layers");
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < img->nlayers; i++) {
		const struct bi_layer *l = &img->layers[i];
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "digest", l->digest);
		bi_jsonw_kstring(w, "diff_id", l->diff_id);
		bi_jsonw_kstring(w, "media_type", l->media_type);
		bi_jsonw_kuint(w, "compressed", l->compressed);
		bi_jsonw_kuint(w, "uncompressed", l->uncompressed);
		bi_jsonw_kuint(w, "files", l->files);
		bi_jsonw_kstring(w, "created_by", l->created_by);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
}

static void write_config(struct bi_jsonw *w, const struct bi_image_config *c)
{
	bi_jsonw_key(w, "config");
	bi_jsonw_object_begin(w);
	strv(w, "entrypoint", c->entrypoint, c->nentrypoint, true);
	strv(w, "cmd", c->cmd, c->ncmd, true);
	bi_jsonw_kstring(w, "user", c->user);
	bi_jsonw_kstring(w, "workdir", c->workdir);
	strv(w, "env", c->env, c->nenv, false);
	bi_jsonw_key(w, "labels");
	bi_jsonw_object_begin(w);
	for (size_t i = 0; i < c->nlabels; i++)
		bi_jsonw_kstring(w, c->label_keys[i], c->label_values[i]);
	bi_jsonw_object_end(w);
	bi_jsonw_object_end(w);
}

static void write_checks(struct bi_jsonw *w, const struct bi_analysis *a)
{
	bi_jsonw_key(w, "checks");
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < a->nchecks; i++) {
		const struct bi_check *c = &a->checks[i];
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "id", c->id);
		bi_jsonw_kstring(w, "name", c->name);
		bi_jsonw_kstring(w, "severity", bi_severity_level(c->severity));
		bi_jsonw_kstring(w, "message", c->message);
		bi_jsonw_kstring(w, "path", c->path);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
}

void bi_inspect_json(struct bi_jsonw *w, const struct bi_analysis *a)
{
	const struct bi_image *img = a->img;

	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "reference", img->reference);
	bi_jsonw_kstring(w, "digest", img->digest);
	bi_jsonw_kstring(w, "platform", img->platform);
	bi_jsonw_kstring(w, "class", bi_analyze_class_name(a->class));
	strv(w, "class_reasons", a->class_reasons, a->nclass_reasons, false);
	write_os(w, a);
	bi_jsonw_key(w, "libc");
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "family", bi_libc_name(a->libc));
	bi_jsonw_kstring(w, "version", a->libc_version);
	bi_jsonw_object_end(w);
	bi_jsonw_kstring(w, "shell", a->shell);
	bi_jsonw_kstring(w, "shell_kind", a->shell_kind);
	bi_jsonw_kstring(w, "package_manager", a->package_manager);
	bi_jsonw_kstring(w, "package_db", bi_pkg_format_name(a->pkgs.format));
	bi_jsonw_kstring(w, "debug_ease", a->debug_ease);
	bi_jsonw_key(w, "cve_surface");
	bi_jsonw_object_begin(w);
	bi_jsonw_kuint(w, "packages", a->pkgs.n);
	bi_jsonw_object_end(w);
	write_packages(w, a);
	bi_jsonw_key(w, "size");
	bi_jsonw_object_begin(w);
	bi_jsonw_kuint(w, "compressed", img->compressed);
	bi_jsonw_kuint(w, "uncompressed", img->uncompressed);
	bi_jsonw_object_end(w);
	bi_jsonw_kuint(w, "files", a->files);
	bi_jsonw_kuint(w, "elf_files", a->elf_files);
	bi_jsonw_kuint(w, "wasted_bytes", a->wasted_bytes);
	bi_jsonw_key(w, "efficiency");
	bi_jsonw_double(w, a->efficiency);
	write_layers(w, img);
	write_config(w, &img->config);
	bi_jsonw_key(w, "runtimes");
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < a->nruntimes; i++) {
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "name", a->runtimes[i].name);
		bi_jsonw_kstring(w, "version", a->runtimes[i].version);
		bi_jsonw_kstring(w, "path", a->runtimes[i].path);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
	strv(w, "build_tools", a->build_tools, a->nbuild_tools, false);
	write_checks(w, a);
	bi_jsonw_key(w, "warnings");
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < img->nwarnings; i++)
		bi_jsonw_string(w, img->warnings[i]);
	for (size_t i = 0; i < a->nwarnings; i++)
		bi_jsonw_string(w, a->warnings[i]);
	bi_jsonw_array_end(w);
	bi_jsonw_object_end(w);
}
