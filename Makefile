# Thin wrapper over Meson + Ninja. Targets:
#   make          build build/baseimg
#   make demo     install missing Debian packages, build, run baseimg on the examples
#   make check    install missing packages, then every test suite (normal and ASan+UBSan)
#   make install  install baseimg and its man page (PREFIX=/usr/local)
#   make fuzz     build the libFuzzer targets with clang and run each (FUZZ_SECONDS=60)
#   make bench    run the benchmarks in bench/
#   make format   clang-format every C file
PREFIX ?= /usr/local
FUZZ_SECONDS ?= 60

.PHONY: all deps demo check install fuzz bench format clean

all: deps
	@[ -f build/build.ninja ] || meson setup build --prefix=$(PREFIX)
	ninja -C build

deps:
	@scripts/install-deps.sh

demo: all
	@scripts/demo.sh

check: deps
	@scripts/check.sh

install: all
	meson install -C build

fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

bench: all
	@bench/run.sh

format:
	git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf build build-asan build-fuzz build*.log
