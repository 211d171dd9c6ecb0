/* SPDX-License-Identifier: MIT */
/*
 * Output of the model: BuildKit's AST dump (Node.Dump, byte for byte) and
 * the JSON model documented in docs/dockerfile.md.
 */
#include "util/common.h"
#include "util/json.h"

#include "dockerfile/internal.h"

static struct bi_span arg_span(char *const *v, const size_t *lens, size_t i)
{
	return bi_span_make(v[i], lens ? lens[i] : strlen(v[i]));
}

static void dump_instr(const struct bi_instr *in, struct bi_buf *out)
{
	_cleanup_(bi_buf_release) struct bi_buf s = BI_BUF_INIT(BI_BUF_NOLIMIT);

	bi_go_lower(&s, bi_span_str(in->keyword));
	if (in->nflags) {
		bi_buf_adds(&s, " [");
		for (size_t i = 0; i < in->nflags; i++) {
			if (i)
				bi_buf_addch(&s, ' ');
			bi_go_quote(&s, arg_span(in->flags, in->flags_len, i));
		}
		bi_buf_addch(&s, ']');
	}
	for (size_t i = 0; i < in->nargs; i++) {
		bi_buf_addch(&s, ' ');
		bi_go_quote(&s, arg_span(in->args, in->args_len, i));
	}
	if (in->onbuild) {
		bi_buf_adds(&s, " (");
		dump_instr(in->onbuild, &s);
		bi_buf_addch(&s, ')');
	}
	bi_buf_addspan(out, bi_go_trim_space(bi_buf_span(&s)));
}

void bi_dockerfile_dump_buildkit(const struct bi_dockerfile *df, struct bi_buf *out)
{
	for (size_t i = 0; i < df->ninstrs; i++) {
		bi_buf_addch(out, '(');
		dump_instr(&df->instrs[i], out);
		bi_buf_adds(out, ")\n");
	}
}

/* JSON strings must be UTF-8: invalid bytes become U+FFFD. */
static void jstr(struct bi_jsonw *w, struct bi_span s)
{
	_cleanup_(bi_buf_release) struct bi_buf t = BI_BUF_INIT(BI_BUF_NOLIMIT);
	size_t i = 0;
	bool bad = false;

	while (i < s.len && !bad) {
		size_t n;
		uint32_t r = bi_go_decode(s.ptr + i, s.len - i, &n);
		bad = r == BI_RUNE_ERROR && n == 1;
		i += n;
	}
	if (!bad) {
		bi_jsonw_span(w, s);
		return;
	}
	for (i = 0; i < s.len;) {
		size_t n;
		bi_go_put_rune(&t, bi_go_decode(s.ptr + i, s.len - i, &n));
		i += n;
	}
	bi_jsonw_span(w, bi_buf_span(&t));
}

static void jkstr(struct bi_jsonw *w, const char *key, const char *s)
{
	bi_jsonw_key(w, key);
	if (s)
		jstr(w, bi_span_str(s));
	else
		bi_jsonw_null(w);
}

static void jstrv(struct bi_jsonw *w, const char *key, char *const *v, const size_t *lens, size_t n)
{
	bi_jsonw_key(w, key);
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < n; i++)
		jstr(w, arg_span(v, lens, i));
	bi_jsonw_array_end(w);
}

static void json_instr(struct bi_jsonw *w, const struct bi_instr *in)
{
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "kind", in->kind ? bi_instr_kind_name(in->kind) : "UNKNOWN");
	jkstr(w, "keyword", in->keyword);
	bi_jsonw_kint(w, "start_line", in->start_line);
	bi_jsonw_kint(w, "end_line", in->end_line);
	bi_jsonw_kint(w, "column", in->column);
	jstrv(w, "flags", in->flags, in->flags_len, in->nflags);
	jstrv(w, "args", in->args, in->args_len, in->nargs);
	bi_jsonw_kbool(w, "json_form", in->json_form);
	bi_jsonw_key(w, "heredocs");
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < in->nheredocs; i++) {
		const struct bi_heredoc *h = &in->heredocs[i];
		bi_jsonw_object_begin(w);
		jkstr(w, "name", h->name);
		bi_jsonw_key(w, "content");
		jstr(w, bi_span_make(h->content, h->content_len));
		bi_jsonw_kbool(w, "expand", h->expand);
		bi_jsonw_kbool(w, "chomp", h->chomp);
		bi_jsonw_kint(w, "fd", h->fd);
		bi_jsonw_kint(w, "start_line", h->start_line);
		bi_jsonw_kint(w, "end_line", h->end_line);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
	bi_jsonw_key(w, "onbuild");
	if (in->onbuild)
		json_instr(w, in->onbuild);
	else
		bi_jsonw_null(w);
	jstrv(w, "comments", in->comments, NULL, in->ncomments);
	bi_jsonw_object_end(w);
}

static const char *const issue_names[BI_BUILD_ISSUE__MAX] = {
	[BI_BUILD_FROM_LATER_STAGE] = "from-later-stage",
	[BI_BUILD_DUPLICATE_STAGE] = "duplicate-stage",
	[BI_BUILD_COPY_FROM_UNKNOWN] = "copy-from-unknown",
	[BI_BUILD_COPY_FROM_INDEX] = "copy-from-index",
	[BI_BUILD_MOUNT_FROM_UNKNOWN] = "mount-from-unknown",
	[BI_BUILD_ARG_UNRESOLVED] = "arg-unresolved",
	[BI_BUILD_TARGET_UNKNOWN] = "target-unknown",
};

const char *bi_build_issue_name(enum bi_build_issue_kind kind)
{
	return (unsigned)kind < BI_BUILD_ISSUE__MAX ? issue_names[kind] : "";
}

static void json_kvs(struct bi_jsonw *w, const char *key, const struct bi_kv *kv, size_t n)
{
	bi_jsonw_key(w, key);
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < n; i++) {
		bi_jsonw_object_begin(w);
		jkstr(w, "name", kv[i].key);
		jkstr(w, "value", kv[i].value);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
}

static void json_build(struct bi_jsonw *w, const struct bi_build *b)
{
	bi_jsonw_key(w, "stages");
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < b->nstages; i++) {
		const struct bi_stage *s = &b->stages[i];
		bi_jsonw_object_begin(w);
		bi_jsonw_kuint(w, "index", s->index);
		jkstr(w, "name", s->name);
		jkstr(w, "image_raw", s->image_raw);
		jkstr(w, "image", s->image);
		jkstr(w, "platform", s->platform);
		if (s->base_stage >= 0)
			bi_jsonw_kint(w, "base_stage", s->base_stage);
		else
			bi_jsonw_knull(w, "base_stage");
		bi_jsonw_kint(w, "from_line", s->from ? s->from->start_line : 0);
		bi_jsonw_kuint(w, "first_instr", s->first_instr);
		bi_jsonw_kuint(w, "ninstrs", s->ninstrs);
		bi_jsonw_key(w, "uses");
		bi_jsonw_array_begin(w);
		for (size_t j = 0; j < s->nuses; j++) {
			const struct bi_stage_use *u = &s->uses[j];
			bi_jsonw_object_begin(w);
			bi_jsonw_kstring(w, "kind", u->is_mount ? "mount" : "copy");
			jkstr(w, "from", u->from);
			if (u->stage >= 0)
				bi_jsonw_kint(w, "stage", u->stage);
			else
				bi_jsonw_knull(w, "stage");
			bi_jsonw_kint(w, "line", u->instr ? u->instr->start_line : 0);
			bi_jsonw_object_end(w);
		}
		bi_jsonw_array_end(w);
		json_kvs(w, "vars", s->vars, s->nvars);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
	if (b->nstages)
		bi_jsonw_kuint(w, "target", b->target);
	else
		bi_jsonw_knull(w, "target");
	json_kvs(w, "global_args", b->global_args, b->nglobal_args);
	bi_jsonw_key(w, "issues");
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < b->nissues; i++) {
		const struct bi_build_issue *is = &b->issues[i];
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "kind", bi_build_issue_name(is->kind));
		bi_jsonw_kint(w, "line", is->instr ? is->instr->start_line : 0);
		bi_jsonw_kuint(w, "stage", is->stage);
		jkstr(w, "detail", is->detail);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
}

void bi_dockerfile_dump_json(const struct bi_dockerfile *df, const struct bi_build *build,
			     struct bi_buf *out)
{
	struct bi_jsonw w;
	char esc[2] = { df->escape, 0 };

	bi_jsonw_init(&w, out, true);
	bi_jsonw_object_begin(&w);
	jkstr(&w, "file", df->name);
	bi_jsonw_key(&w, "directives");
	bi_jsonw_object_begin(&w);
	bi_jsonw_kstring(&w, "escape", esc);
	jkstr(&w, "syntax", df->syntax);
	bi_jsonw_object_end(&w);
	bi_jsonw_key(&w, "warnings");
	bi_jsonw_array_begin(&w);
	for (size_t i = 0; i < df->nempty_continuation_lines; i++) {
		bi_jsonw_object_begin(&w);
		bi_jsonw_kstring(&w, "kind", "empty-continuation-line");
		bi_jsonw_kint(&w, "line", df->empty_continuation_lines[i]);
		bi_jsonw_kstring(&w, "message", "Empty continuation line found");
		bi_jsonw_object_end(&w);
	}
	bi_jsonw_array_end(&w);
	bi_jsonw_key(&w, "instructions");
	bi_jsonw_array_begin(&w);
	for (size_t i = 0; i < df->ninstrs; i++)
		json_instr(&w, &df->instrs[i]);
	bi_jsonw_array_end(&w);
	if (build)
		json_build(&w, build);
	bi_jsonw_object_end(&w);
	bi_buf_addch(out, '\n');
}
