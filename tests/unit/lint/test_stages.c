/* SPDX-License-Identifier: MIT */
/* Stage and RUN rules: BI105-BI109, BI112, with the tricky negatives. */
#include "../bi_test.h"

#include "lint_helper.h"

#define GO "FROM golang:1.22-bookworm AS build\n"
#define GOA "FROM golang:1.22-alpine3.20 AS build\n"

static void test_bi105(void **state)
{
	(void)state;
	EXPECT("FROM python:3.12-trixie\n", "1:BI105");
	EXPECT("FROM python:3.12-slim-trixie\n", "");
	EXPECT("FROM node:20-bookworm\nCMD [\"node\"]\n", "1:BI105");
	EXPECT("FROM golang:1.22-bookworm\n", "1:BI105");
	EXPECT("FROM debian:bookworm\n", "1:BI105");
	EXPECT("FROM debian:bookworm-slim\n", "");
	/* only the final stage, looked through FROM <stage>, reported on the final FROM */
	EXPECT(GO "FROM alpine:3.20\n", "");
	EXPECT(GO "FROM build AS again\nRUN true\n", "2:BI105");
	EXPECT("FROM gcr.io/distroless/static-debian12:nonroot\n", "");
}

static void test_bi106(void **state)
{
	(void)state;
	EXPECT("FROM python:3.12-alpine3.20\nRUN pip install numpy==1.26\n", "2:BI106");
	EXPECT("FROM python:3.12-alpine3.20\nRUN pip3 install --no-cache-dir \"pandas>=2\"\n",
	       "2:BI106");
	EXPECT("FROM python:3.12-alpine3.20\nRUN python3 -m pip install -U pip lxml[html]\n",
	       "2:BI106");
	EXPECT("FROM python:3.12-alpine3.20\nRUN uv pip install --system scipy\n", "2:BI106");
	EXPECT("FROM python:3.12-alpine3.20\nRUN poetry add psycopg2\n", "2:BI106");
	EXPECT("FROM python:3.12-alpine3.20\nRUN apk add py3-pip && pip install Pillow\n",
	       "2:BI106");
	EXPECT("FROM python:3.12-alpine3.20\nRUN sh -c \"pip install numpy\"\n", "2:BI106");
	EXPECT("FROM python:3.12-alpine3.20\nRUN <<EOF\nset -e\npip install numpy\nEOF\n",
	       "2:BI106");
	/* negatives */
	EXPECT("FROM python:3.12-alpine3.20\nRUN pip install requests flask\n", "");
	EXPECT("FROM python:3.12-alpine3.20\nRUN pip install -r requirements.txt\n", "");
	EXPECT("FROM python:3.12-alpine3.20\nRUN pip install -r numpy.txt -c numpy\n", "");
	EXPECT("FROM python:3.12-alpine3.20\nRUN echo pip install numpy\n", "");
	EXPECT("FROM python:3.12-slim-trixie\nRUN pip install numpy\n", "");
	EXPECT("FROM python:3.12-alpine3.20\nRUN pip download numpy\n", "");
	EXPECT("FROM python:3.12-alpine3.20\nRUN pip install ./numpy\n", "");
	/* a stage built on an alpine stage */
	EXPECT("FROM python:3.12-alpine3.20 AS base\nFROM base\nRUN pip install numpy\n",
	       "3:BI106");
}

static void test_bi107(void **state)
{
	(void)state;
	EXPECT("FROM scratch\nCOPY app /app\nRUN chmod +x /app\n", "3:BI107");
	EXPECT("FROM scratch\nCOPY app /app\nRUN [\"/app\", \"--init\"]\n", "");
	EXPECT("FROM scratch\nCMD /app\n", "2:BI107");
	EXPECT("FROM scratch\nCMD [\"/app\"]\n", "");
	EXPECT("FROM scratch\nENTRYPOINT [\"/bin/sh\", \"-c\", \"/app\"]\n", "2:BI107");
	EXPECT("FROM scratch\nENTRYPOINT [\"./docker-entrypoint.sh\"]\n", "2:BI107");
	EXPECT("FROM scratch\nENTRYPOINT [\"/app\"]\nCMD [\"run.sh\"]\n", "");
	EXPECT("FROM scratch\nHEALTHCHECK CMD wget -q localhost\n", "2:BI107");
	EXPECT("FROM scratch\nHEALTHCHECK CMD [\"/app\", \"health\"]\n", "");
	EXPECT("FROM scratch\nHEALTHCHECK NONE\n", "");
	EXPECT("FROM scratch\nRUN <<EOF\necho hi\nEOF\n", "2:BI107");
	EXPECT("FROM gcr.io/distroless/static-debian12:nonroot\nCMD /app\n", "2:BI107");
	EXPECT("FROM gcr.io/distroless/static-debian12:debug\nCMD /app\n", "");
	EXPECT("FROM gcr.io/distroless/base-debian12:nonroot\nENTRYPOINT /app serve\n", "2:BI107");
	EXPECT("FROM alpine:3.20\nCMD /app\n", "");
	EXPECT("FROM scratch AS base\nFROM base\nRUN true\n", "3:BI107");
	EXPECT("FROM scratch\nCOPY --from=busybox:1.36 /bin/busybox /bin/busybox\nRUN true\n", "");
}

static void test_bi108(void **state)
{
	(void)state;
	EXPECT(GO "RUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n", "4:BI108");
	EXPECT(GO "RUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\n"
		  "COPY --from=build /app /app\n",
	       "");
	EXPECT(GO "ENV CGO_ENABLED=0\nRUN go build -o /app .\nFROM scratch\n"
		  "COPY --from=build /app /app\n",
	       "");
	EXPECT(GO "ENV CGO_ENABLED=0 GOOS=linux\nRUN go build -o /app .\nFROM scratch\n"
		  "COPY --from=build /app /app\n",
	       "");
	EXPECT(GO "ARG CGO_ENABLED=0\nRUN go build -o /app .\nFROM scratch\n"
		  "COPY --from=build /app /app\n",
	       "");
	EXPECT(GO "RUN export CGO_ENABLED=0 && go build -o /app .\nFROM scratch\n"
		  "COPY --from=build /app /app\n",
	       "");
	EXPECT(GO "RUN env CGO_ENABLED=0 go build -o /app .\nFROM scratch\n"
		  "COPY --from=build /app /app\n",
	       "");
	EXPECT(GO "RUN go build -ldflags '-linkmode external -extldflags \"-static\"' -o /app .\n"
		  "FROM scratch\nCOPY --from=build /app /app\n",
	       "");
	/* alpine golang has no gcc unless installed */
	EXPECT(GOA "RUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n", "");
	EXPECT(GOA "RUN apk add --no-cache gcc musl-dev\nRUN go build -o /app .\nFROM scratch\n"
		   "COPY --from=build /app /app\n",
	       "5:BI108");
	/* data copies are not binaries */
	EXPECT(GO "RUN go build -o /app .\nFROM scratch\n"
		  "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n",
	       "");
	/* C and Rust */
	EXPECT("FROM gcc:14-bookworm AS build\nRUN gcc -O2 -o /hello hello.c\nFROM scratch\n"
	       "COPY --from=build /hello /hello\n",
	       "4:BI108");
	EXPECT("FROM gcc:14-bookworm AS build\nRUN gcc -static -O2 -o /hello hello.c\nFROM scratch\n"
	       "COPY --from=build /hello /hello\n",
	       "");
	EXPECT("FROM rust:1.80-bookworm AS build\nRUN cargo build --release\nFROM scratch\n"
	       "COPY --from=build /src/target/release/app /app\n",
	       "4:BI108");
	EXPECT("FROM rust:1.80-bookworm AS build\n"
	       "RUN cargo build --release --target x86_64-unknown-linux-musl\nFROM scratch\n"
	       "COPY --from=build /src/target/x86_64-unknown-linux-musl/release/app /app\n",
	       "");
	/* cross-compiling (a literal foreign GOARCH) turns cgo off */
	EXPECT(GO
	       "RUN GOARCH=arm64 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n",
	       "");
	/* wasm is not a Linux binary */
	EXPECT("FROM rust:1.80-bookworm AS build\nRUN cargo build --target wasm32-wasi\n"
	       "FROM scratch\nCOPY --from=build /x.wasm /x.wasm\n",
	       "");
	/* final stage not scratch: not BI108 */
	EXPECT(GO "RUN go build -o /app .\nFROM gcr.io/distroless/base-debian12:nonroot\n"
		  "COPY --from=build /app /app\n",
	       "");
}

static void test_bi109(void **state)
{
	(void)state;
	EXPECT(GO "RUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n",
	       "4:BI109");
	EXPECT(GO "RUN CGO_ENABLED=0 go build -o /app .\nFROM alpine:3.20\n"
		  "COPY --from=build /app /app\n",
	       "");
	EXPECT(GOA "RUN apk add gcc musl-dev && go build -o /app .\n"
		   "FROM debian:bookworm-slim\nCOPY --from=build /app /app\n",
	       "4:BI109");
	EXPECT(GOA "RUN apk add gcc musl-dev && go build -o /app .\nFROM alpine:3.20\n"
		   "COPY --from=build /app /app\n",
	       "");
	EXPECT(GO
	       "RUN go build -o /app .\nFROM debian:bookworm-slim\nCOPY --from=build /app /app\n",
	       "");
}

static void test_bi112(void **state)
{
	(void)state;
	EXPECT("FROM python:3.12-slim-trixie\nRUN apt-get update && apt-get install -y gcc\n",
	       "2:BI112");
	EXPECT("FROM python:3.12-slim-trixie\nRUN apt-get install -y --no-install-recommends "
	       "libpq-dev=15.1 make\n",
	       "2:BI112");
	EXPECT("FROM alpine:3.20\nRUN apk add --no-cache build-base\n", "2:BI112");
	EXPECT("FROM fedora:40\nRUN dnf install -y gcc make && dnf clean all\n", "2:BI112");
	/* removed again */
	EXPECT("FROM python:3.12-slim-trixie\nRUN apt-get install -y gcc && pip install x && "
	       "apt-get purge -y gcc\n",
	       "");
	EXPECT("FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && "
	       "pip install x && apk del .build-deps\n",
	       "");
	/* removed in a later RUN: the layer that added them stays in the image */
	EXPECT("FROM alpine:3.20\nRUN apk add --virtual=.bd build-base\nRUN make\n"
	       "RUN apk del .bd\n",
	       "2:BI112");
	EXPECT("FROM debian:bookworm-slim\nRUN savedAptMark=\"$(apt-mark showmanual)\"; "
	       "apt-get update; apt-get install -y gcc libc6-dev make; make; "
	       "apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; "
	       "apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false\n",
	       "");
	EXPECT("FROM debian:bookworm-slim\nRUN buildDeps='gcc make' && apt-get install -y "
	       "$buildDeps && make && apt-get purge -y $buildDeps\n",
	       "");
	EXPECT("FROM debian:bookworm-slim\nENV DEPS=\"gcc libssl-dev\"\n"
	       "RUN apt-get install -y $DEPS\n",
	       "3:BI112");
	/* not build tools, not installs */
	EXPECT("FROM debian:bookworm-slim\nRUN apt-get install -y libpq5 curl\n", "");
	EXPECT("FROM debian:bookworm-slim\nRUN apt-get purge -y gcc\n", "");
	EXPECT("FROM alpine:3.20\nRUN apk del build-base\n", "");
	EXPECT("FROM debian:bookworm-slim\nRUN echo apt-get install gcc\n", "");
	/* only the final stage (and the stages it is built FROM) */
	EXPECT("FROM debian:bookworm-slim AS build\nRUN apt-get install -y gcc\n"
	       "FROM debian:bookworm-slim\n",
	       "");
	EXPECT("FROM debian:bookworm-slim AS base\nRUN apt-get install -y gcc\nFROM base\n",
	       "2:BI112");
	/* in sh -c and heredocs */
	EXPECT("FROM debian:bookworm-slim\nRUN [\"sh\", \"-c\", \"apt-get install -y cmake\"]\n",
	       "2:BI112");
	EXPECT("FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\napt-get install -y "
	       "build-essential\nEOF\n",
	       "2:BI112");
	EXPECT("FROM debian:bookworm-slim\nRUN <<EOT bash\nset -ex\napt-get install -y \\\n"
	       "  git \\\n  clang\nEOT\n",
	       "2:BI112");
	/* a heredoc fed to another program is not shell */
	EXPECT("FROM debian:bookworm-slim\nRUN python3 <<EOF\napt-get install gcc\nEOF\n", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bi105), cmocka_unit_test(test_bi106),
		cmocka_unit_test(test_bi107), cmocka_unit_test(test_bi108),
		cmocka_unit_test(test_bi109), cmocka_unit_test(test_bi112),
	};
	return cmocka_run_group_tests(tests, kb_setup, kb_teardown);
}
