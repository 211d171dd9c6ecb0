/* SPDX-License-Identifier: MIT */
/*
 * The multi-stage Dockerfile skeleton for a recommendation: a build stage on
 * the builder image, a final stage on the runtime image that receives only
 * the artefact. It lints clean with `baseimg lint` apart from BI104 (add the
 * digests you pull).
 */
#include "util/common.h"

#include "recommend/recommend.h"

static bool has_prefix(const char *s, const char *p)
{
	return s && strncmp(s, p, strlen(p)) == 0;
}

/* Keep a name usable on a command line: [A-Za-z0-9._-] only. */
static void safe(const char *in, char *out, size_t n)
{
	size_t j = 0;

	for (size_t i = 0; in[i] && j + 1 < n; i++)
		if (isalnum((unsigned char)in[i]) || strchr("._-/", in[i]))
			out[j++] = in[i];
	out[j] = 0;
	if (!j)
		snprintf(out, n, "app");
}

/*
 * The final stage's FROM. Distroless images are published under the tags
 * latest, nonroot, debug and debug-nonroot only: name :nonroot rather than
 * leave the tag out (BI101), matching the skeleton's USER 65532.
 */
static void from_runtime(struct bi_buf *b, const char *rt)
{
	const char *last = strrchr(rt, '/');

	if (has_prefix(rt, "gcr.io/distroless/") && !strchr(last, ':') && !strchr(rt, '@'))
		bi_buf_addf(b, "FROM %s:nonroot\n", rt);
	else
		bi_buf_addf(b, "FROM %s\n", rt);
}

static void go(struct bi_buf *b, const struct bi_workload *w, const struct bi_recommendation *r)
{
	char app[64], mainp[128];
	bool cgo = w->cgo;

	safe(w->app, app, sizeof(app));
	if (strchr(app, '/'))
		snprintf(app, sizeof(app), "app");
	safe(w->main_path[0] ? w->main_path : ".", mainp, sizeof(mainp));
	bi_buf_addf(b, "FROM %s AS build\n", r->builder);
	bi_buf_adds(b, "WORKDIR /src\n");
	bi_buf_adds(b, "COPY go.mod go.sum* ./\n");
	bi_buf_adds(b, "RUN go mod download\n");
	bi_buf_adds(b, "COPY . .\n");
	bi_buf_addf(b, "ENV CGO_ENABLED=%d\n", cgo ? 1 : 0);
	bi_buf_addf(b, "RUN go build -trimpath -ldflags=\"-s -w\" -o /out/%s %s\n\n", app, mainp);
	from_runtime(b, r->runtime);
	if (strcmp(r->runtime, "scratch") == 0)
		bi_buf_adds(b, "COPY --from=build /etc/ssl/certs/ca-certificates.crt "
			       "/etc/ssl/certs/\n");
	bi_buf_addf(b, "COPY --from=build /out/%s /usr/local/bin/%s\n", app, app);
	bi_buf_adds(b, "USER 65532:65532\n");
	bi_buf_addf(b, "ENTRYPOINT [\"/usr/local/bin/%s\"]\n", app);
}

static void rust(struct bi_buf *b, const struct bi_workload *w, const struct bi_recommendation *r)
{
	char app[64];
	bool musl = has_prefix(r->builder, "rust:") && strstr(r->builder, "alpine");

	safe(w->app, app, sizeof(app));
	bi_buf_addf(b, "FROM %s AS build\n", r->builder);
	if (musl)
		bi_buf_adds(b, "RUN apk add --no-cache musl-dev\n");
	bi_buf_adds(b, "WORKDIR /src\n");
	bi_buf_adds(b, "COPY . .\n");
	if (musl)
		bi_buf_addf(b,
			    "RUN cargo build --release --target \"$(uname -m)-unknown-linux-musl\" "
			    "\\\n && cp target/*-unknown-linux-musl/release/%s /%s\n\n",
			    app, app);
	else
		bi_buf_addf(b, "RUN cargo build --release && cp target/release/%s /%s\n\n", app,
			    app);
	from_runtime(b, r->runtime);
	if (strcmp(r->runtime, "scratch") == 0)
		bi_buf_adds(b, "COPY --from=build /etc/ssl/certs/ca-certificates.crt "
			       "/etc/ssl/certs/\n");
	bi_buf_addf(b, "COPY --from=build /%s /usr/local/bin/%s\n", app, app);
	bi_buf_adds(b, "USER 65532:65532\n");
	bi_buf_addf(b, "ENTRYPOINT [\"/usr/local/bin/%s\"]\n", app);
}

static void java(struct bi_buf *b, const struct bi_workload *w, const struct bi_recommendation *r)
{
	bool gradle = strcmp(w->build_tool, "gradle") == 0;
	const char *out = gradle ? "build/libs" : "target";

	bi_buf_addf(b, "FROM %s AS build\n", r->builder);
	bi_buf_adds(b, "WORKDIR /src\n");
	bi_buf_adds(b, "COPY . .\n");
	if (gradle)
		bi_buf_addf(b, "RUN %s --no-daemon build -x test\n",
			    w->wrapper ? "./gradlew" : "gradle");
	else
		bi_buf_addf(b, "RUN %s -B -q package -DskipTests\n", w->wrapper ? "./mvnw" : "mvn");
	bi_buf_addf(b,
		    "RUN mkdir /out && find %s -maxdepth 1 -name '*.jar' ! -name '*-plain.jar' "
		    "\\\n ! -name 'original-*' -exec cp {} /out/app.jar \\;\n\n",
		    out);
	from_runtime(b, r->runtime);
	bi_buf_adds(b, "WORKDIR /app\n");
	bi_buf_adds(b, "COPY --from=build /out/app.jar /app/app.jar\n");
	bi_buf_adds(b, "USER 65532:65532\n");
	bi_buf_adds(b, "ENTRYPOINT [\"java\", \"-jar\", \"/app/app.jar\"]\n");
}

static void python(struct bi_buf *b, const struct bi_workload *w, const struct bi_recommendation *r)
{
	char entry[128];
	const char *m = w->python_manifest;

	safe(w->main_path[0] ? w->main_path : "app.py", entry, sizeof(entry));
	bi_buf_addf(b, "FROM %s AS build\n", r->builder);
	bi_buf_adds(b, "WORKDIR /app\n");
	bi_buf_adds(b, "RUN python -m venv /opt/venv\n");
	bi_buf_adds(b, "ENV PATH=\"/opt/venv/bin:$PATH\"\n");
	if (strncmp(m, "requirements/", 13) == 0) {
		/* -r lines refer to their siblings: copy the whole folder */
		bi_buf_adds(b, "COPY requirements/ requirements/\n");
		bi_buf_addf(b, "RUN pip install --no-cache-dir -r %s\n", m);
		bi_buf_adds(b, "COPY . .\n\n");
	} else if (strncmp(m, "requirements", 12) == 0) {
		bi_buf_addf(b, "COPY %s ./\n", m);
		bi_buf_addf(b, "RUN pip install --no-cache-dir -r %s\n", m);
		bi_buf_adds(b, "COPY . .\n\n");
	} else if (strcmp(m, "Pipfile") == 0) {
		bi_buf_adds(b, "COPY Pipfile Pipfile.lock* ./\n");
		bi_buf_adds(b,
			    "RUN pip install --no-cache-dir pipenv \\\n && pipenv requirements > "
			    "/tmp/requirements.txt \\\n && pip install --no-cache-dir -r "
			    "/tmp/requirements.txt\n");
		bi_buf_adds(b, "COPY . .\n\n");
	} else {
		bi_buf_adds(b, "COPY . .\n");
		bi_buf_adds(b, "RUN pip install --no-cache-dir .\n\n");
	}
	from_runtime(b, r->runtime);
	bi_buf_adds(b, "WORKDIR /app\n");
	bi_buf_adds(b, "ENV PATH=\"/opt/venv/bin:$PATH\" PYTHONUNBUFFERED=1\n");
	bi_buf_adds(b, "COPY --from=build /opt/venv /opt/venv\n");
	bi_buf_adds(b, "COPY --from=build /app /app\n");
	bi_buf_adds(b, "USER 65532:65532\n");
	if (w->python_script[0] && !w->main_path[0]) {
		safe(w->python_script, entry, sizeof(entry));
		bi_buf_addf(b, "CMD [\"%s\"]\n", entry);
	} else {
		bi_buf_addf(b, "CMD [\"python\", \"%s\"]\n", entry);
	}
}

static void node(struct bi_buf *b, const struct bi_workload *w, const struct bi_recommendation *r)
{
	char entry[128];
	const char *tool = w->build_tool;
	bool alpine = strstr(r->builder, "alpine") != NULL;
	const char *install, *prune;

	safe(w->main_path[0] ? w->main_path : "index.js", entry, sizeof(entry));
	if (strcmp(tool, "yarn") == 0) {
		install = "corepack enable && yarn install --frozen-lockfile";
		prune = "yarn install --frozen-lockfile --production";
	} else if (strcmp(tool, "pnpm") == 0) {
		install = "corepack enable && pnpm install --frozen-lockfile";
		prune = "pnpm prune --prod";
	} else {
		install = w->has_lockfile ? "npm ci" : "npm install";
		prune = "npm prune --omit=dev";
	}
	bi_buf_addf(b, "FROM %s AS build\n", r->builder);
	if (w->native.n && alpine)
		bi_buf_adds(b, "RUN apk add --no-cache python3 make g++\n");
	bi_buf_adds(b, "WORKDIR /app\n");
	bi_buf_adds(b, "COPY package*.json yarn.lock* pnpm-lock.yaml* ./\n");
	bi_buf_addf(b, "RUN %s\n", install);
	bi_buf_adds(b, "COPY . .\n");
	if (w->node_build_script)
		bi_buf_addf(b, "RUN %s run build && %s\n\n",
			    strcmp(tool, "yarn") == 0 || strcmp(tool, "pnpm") == 0 ? tool : "npm",
			    prune);
	else
		bi_buf_addf(b, "RUN %s\n\n", prune);
	from_runtime(b, r->runtime);
	bi_buf_adds(b, "WORKDIR /app\n");
	bi_buf_adds(b, "ENV NODE_ENV=production\n");
	bi_buf_adds(b, "COPY --from=build /app /app\n");
	if (has_prefix(r->runtime, "gcr.io/distroless/")) {
		bi_buf_adds(b, "USER 65532:65532\n");
		bi_buf_addf(b, "CMD [\"%s\"]\n", entry);
	} else {
		bi_buf_adds(b, "USER node\n");
		bi_buf_addf(b, "CMD [\"node\", \"%s\"]\n", entry);
	}
}

/* The workload sits in DIR/sub: COPY sources are relative to the context, DIR. */
static char *rebase_copies(char *text, const char *sub)
{
	struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_span rest = bi_span_str(text), line;

	while (bi_span_next_line(&rest, &line)) {
		struct bi_span l = line, word;
		struct bi_span words[16];
		size_t n = 0;

		if (!bi_span_eat_prefix(&l, "COPY ") || bi_span_starts_with(l, "--from")) {
			bi_buf_addf(&out, BI_SPAN_FMT "\n", BI_SPAN_ARG(line));
			continue;
		}
		while (n < BI_ARRAY_SIZE(words) && bi_span_split(&l, ' ', &word))
			if (word.len)
				words[n++] = word;
		bi_buf_adds(&out, "COPY");
		for (size_t i = 0; i < n; i++) {
			if (i + 1 == n)
				bi_buf_addf(&out, " " BI_SPAN_FMT, BI_SPAN_ARG(words[i]));
			else if (bi_span_eq_str(words[i], "."))
				bi_buf_addf(&out, " %s", sub);
			else
				bi_buf_addf(&out, " %s/" BI_SPAN_FMT, sub, BI_SPAN_ARG(words[i]));
		}
		bi_buf_addch(&out, '\n');
	}
	free(text);
	return bi_buf_detach(&out, NULL);
}

static void ruby(struct bi_buf *b, const struct bi_workload *w, const struct bi_recommendation *r)
{
	bool rails = strcmp(w->main_path, "bin/rails") == 0;

	bi_buf_addf(b, "FROM %s AS build\n", r->builder);
	if (w->native.n && strstr(r->builder, "alpine"))
		bi_buf_adds(b, "RUN apk add --no-cache build-base\n");
	bi_buf_adds(b, "WORKDIR /app\n");
	bi_buf_adds(b, "ENV BUNDLE_DEPLOYMENT=1 BUNDLE_WITHOUT=\"development:test\"\n");
	bi_buf_adds(b, "COPY Gemfile Gemfile.lock* ./\n");
	bi_buf_adds(b, "RUN bundle install\n");
	bi_buf_adds(b, "COPY . .\n\n");
	from_runtime(b, r->runtime);
	bi_buf_adds(b, "WORKDIR /app\n");
	bi_buf_adds(b, "ENV BUNDLE_DEPLOYMENT=1 BUNDLE_WITHOUT=\"development:test\"\n");
	if (bi_strv_has(&w->native, "pg") || bi_strv_has(&w->native, "mysql2"))
		bi_buf_addf(b,
			    "RUN apt-get update && apt-get install -y --no-install-recommends %s%s"
			    "\\\n && rm -rf /var/lib/apt/lists/*\n",
			    bi_strv_has(&w->native, "pg") ? "libpq5 " : "",
			    bi_strv_has(&w->native, "mysql2") ? "libmariadb3 " : "");
	bi_buf_adds(b, "COPY --from=build /usr/local/bundle /usr/local/bundle\n");
	bi_buf_adds(b, "COPY --from=build /app /app\n");
	bi_buf_adds(b, "USER 65532:65532\n");
	if (rails)
		bi_buf_adds(b, "CMD [\"bin/rails\", \"server\", \"-b\", \"0.0.0.0\"]\n");
	else
		bi_buf_adds(b, "CMD [\"bundle\", \"exec\", \"rackup\", \"-o\", \"0.0.0.0\"]\n");
}

char *bi_recommend__skeleton(const struct bi_workload *w, const struct bi_recommendation *r,
			     const struct bi_recommend_opts *opts)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);

	bi_buf_adds(&b, "# syntax=docker/dockerfile:1\n");
	bi_buf_adds(&b, "# Generated by baseimg recommend: pin digests with "
			"`docker buildx imagetools inspect IMAGE`.\n");
	switch (w->lang) {
	case BI_LANG_GO:
		go(&b, w, r);
		break;
	case BI_LANG_RUST:
		rust(&b, w, r);
		break;
	case BI_LANG_JAVA:
		java(&b, w, r);
		break;
	case BI_LANG_PYTHON:
		python(&b, w, r);
		break;
	case BI_LANG_NODE:
		node(&b, w, r);
		break;
	case BI_LANG_RUBY:
		ruby(&b, w, r);
		break;
	case BI_LANG_NONE:
	case BI_LANG__MAX:
		break;
	}
	(void)opts;
	if (w->subdir[0]) {
		char sub[128];
		safe(w->subdir, sub, sizeof(sub));
		return rebase_copies(bi_buf_detach(&b, NULL), sub);
	}
	return bi_buf_detach(&b, NULL);
}
