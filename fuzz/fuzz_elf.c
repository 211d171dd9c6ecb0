/* SPDX-License-Identifier: MIT */
/* Fuzz the ELF reader, both in memory and as a forward-only stream in small reads. */
#include "util/common.h"
#include "elf/elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mem {
	const uint8_t *p;
	size_t len, pos;
};

static ssize_t mem_read(void *ctx, void *buf, size_t len)
{
	struct mem *m = ctx;
	size_t n = m->len - m->pos;

	if (n > len)
		n = len;
	if (n > 509)
		n = 509;
	memcpy(buf, m->p + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mem m = { data, size, 0 };
	struct bi_fwd_reader r = { mem_read, &m };
	struct bi_elf_info *info = NULL;
	struct bi_err *err = NULL;

	if (size > BI_MiB)
		return 0;
	if (bi_elf_parse(bi_span_make(data, size), &info, &err) == 0)
		bi_elf_info_freep(&info);
	else
		bi_err_freep(&err);
	/* a size larger than the data: the stream ends early */
	if (bi_elf_read(&r, size + (size & 1) * 4096, &info, &err) == 0)
		bi_elf_info_freep(&info);
	else
		bi_err_freep(&err);
	return 0;
}
