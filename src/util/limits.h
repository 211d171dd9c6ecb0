/* SPDX-License-Identifier: MIT */
#ifndef BI_UTIL_LIMITS_H
#define BI_UTIL_LIMITS_H

/*
 * Every cap on a size taken from input, in one place (curl dynbuf.h).
 * Exceeding one is a BI_ELIMIT error that names the input and the cap.
 * docs/limits.md lists these for users; keep the two in step.
 */
#define BI_KiB ((size_t)1024)
#define BI_MiB (1024 * BI_KiB)
#define BI_GiB (1024 * BI_MiB)

/* Dockerfiles */
#define BI_MAX_DOCKERFILE (16 * BI_MiB)	     /* one Dockerfile */
#define BI_MAX_DOCKERFILE_LINE (64 * BI_KiB) /* one logical line (BuildKit's bufio limit) */
#define BI_MAX_INSTRUCTIONS 100000	     /* instructions in one Dockerfile */
#define BI_MAX_HEREDOCS_PER_LINE 64
#define BI_MAX_ARG_EXPANSION (1 * BI_MiB) /* result of expanding one word */
#define BI_MAX_CONFIG_FILE (1 * BI_MiB)	  /* .baseimg.yaml */

/* Image references */
#define BI_MAX_REFERENCE 4096 /* whole reference string */
#define BI_MAX_REPO_NAME 255  /* repository path, as the distribution spec */
#define BI_MAX_TAG 128

/* Knowledge base (data/kb/images.kb or BASEIMG_KB) */
#define BI_MAX_KB_FILE (4 * BI_MiB)

/* baseimg recommend: reading a build context */
#define BI_MAX_PROJECT_FILE (1 * BI_MiB) /* one manifest (go.mod, package.json, pom.xml...) */
#define BI_MAX_SCAN_FILES 2000		 /* source files scanned for `import "C"` */
#define BI_MAX_SCAN_DEPTH 8		 /* folder depth of that scan */
#define BI_MAX_SCAN_BYTES (64 * BI_KiB)	 /* bytes read from each scanned source file */

/* Image documents */
#define BI_MAX_MANIFEST (4 * BI_MiB) /* manifest, index, docker manifest.json */
#define BI_MAX_CONFIG (8 * BI_MiB)   /* image config blob */
#define BI_MAX_LAYERS 1000	     /* layers in one image */
#define BI_MAX_PLATFORMS 256	     /* manifests in one index */

/* Layers */
#define BI_MAX_LAYER_UNCOMPRESSED ((uint64_t)64 * BI_GiB) /* decompression bomb guard */
#define BI_MAX_COMPRESSION_RATIO 1000	 /* uncompressed / compressed, past 1 MiB */
#define BI_MAX_TAR_ENTRIES 2000000	 /* entries in one layer */
#define BI_MAX_IMAGE_FILES 4000000	 /* paths in the merged view */
#define BI_MAX_PATH 4096		 /* one path inside an image */
#define BI_MAX_SYMLINK_HOPS 40		 /* symlinks followed resolving one path */
#define BI_MAX_KEPT_FILE (16 * BI_MiB)	 /* a file kept for analysis (package DB, os-release) */
#define BI_MAX_ELF_HEADER (2 * BI_MiB)	 /* first bytes of an ELF file kept (headers, .dynstr) */
#define BI_MAX_SHEBANG 256		 /* a script's "#!" line kept (the kernel's own limit) */
#define BI_MAX_KEPT_TOTAL (128 * BI_MiB) /* all kept files of one image together */
#define BI_MAX_ZSTD_WINDOW_LOG 25	 /* zstd window: 32 MiB (levels 1-19 need <= 8 MiB) */
#define BI_MAX_WARNINGS 100		 /* warnings kept per image (then counted only) */
#define BI_MAX_DIR_DEPTH 256		 /* folder depth walking a dir: rootfs */

/* Image sources */
#define BI_MAX_INDEX_DEPTH 8	      /* nested image indexes */
#define BI_MAX_ARCHIVE_MEMBERS 100000 /* members of an oci-archive / docker-archive tar */
#define BI_MAX_ARCHIVE_IMAGES 1000    /* images in one docker-archive manifest.json */

/* Package databases */
#define BI_MAX_PACKAGES 100000 /* packages in one image */
#define BI_MAX_PKG_FIELD (1 * BI_MiB)
#define BI_MAX_RPM_HEADER (32 * BI_MiB)

/* ELF */
#define BI_MAX_ELF_PHDRS 4096
#define BI_MAX_ELF_SHDRS 65535
#define BI_MAX_ELF_NEEDED 1024
#define BI_MAX_ELF_DYNAMIC (64 * BI_KiB) /* bytes of PT_DYNAMIC read (4096 entries) */
#define BI_MAX_ELF_STRTAB (1 * BI_MiB)	 /* bytes of the dynamic string table read */
#define BI_MAX_ELF_GO_SCAN (1 * BI_MiB)	 /* data segment bytes searched for Go build info */

/* Vulnerability data */
#define BI_MAX_FEED_FILE (512 * BI_MiB) /* one JSON feed file */
#define BI_MAX_OSV_RECORD (16 * BI_MiB)
#define BI_MAX_FEED_UNCOMPRESSED ((uint64_t)2 * BI_GiB) /* a .bz2/.xz feed, decompressed */
#define BI_MAX_FEED_ITEMS 10000000	     /* definitions/tests/objects/states/rows in one feed */
#define BI_MAX_OSV_FILES 1000000	     /* records in one OSV folder */
#define BI_MAX_TRACKER_PACKAGE (64 * BI_MiB) /* one source package's entry in the tracker JSON */

/* Version strings */
#define BI_MAX_VERSION 1024

#endif
