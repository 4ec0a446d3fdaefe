/*
 * holdmap: guest-side helper of the daxinspect lab (tests/vm).
 *
 * Runs a list of operations on files of a DAX-mounted filesystem, keeps its
 * mappings alive, writes ground truth (what it mapped, at which pfn) as
 * `GT {json}` lines, then signals readiness and sleeps forever so that the
 * host can dump the guest with every mapping still held.
 *
 * Built statically on the host (gcc -static). Must run as root: pfns in
 * /proc/self/pagemap are only shown to CAP_SYS_ADMIN.
 *
 * usage: holdmap [-o GTFILE] [-r READYFILE] OP...   (ops run in order)
 *   scen NAME                      label for the following records
 *   create PATH SIZE data|sparse|holes
 *                                  data: written with write(2) (allocated);
 *                                  each page starts with the line
 *                                  "DAXLAB file=PATH page=N", then zeros
 *                                  (write faults store a byte at +2048)
 *                                  sparse: ftruncate only (all holes)
 *                                  holes: every other 4 KiB page written
 *   map NAME PATH read|write       mmap(MAP_SHARED) the whole file at a
 *                                  2 MiB-aligned address, fault every page
 *   touch NAME read|write FIRST COUNT
 *                                  fault pages [FIRST, FIRST+COUNT)
 *   report NAME STATE              write a record for mapping NAME now
 *   unmap NAME                     record (state "unmapped"), then munmap
 *   closefd NAME                   close the file descriptor (mapping stays)
 *   clone SRC DST                  FICLONE (reflink) SRC to new file DST
 *   unlink PATH                    unlink; mappings of PATH become "deleted"
 *   unlinkbg PATH                  unlink in a child process and wait up to
 *                                  3 s: on 6.15+ the final iput of a file
 *                                  with a leaked page reference blocks in
 *                                  dax_break_layout_final() (record says so)
 *   leak KO NAME_A PAGE_A NAME_B PAGE_B DELTA
 *                                  finit_module(KO) with addr= page PAGE_A of
 *                                  mapping A (reference leaked), addr2= page
 *                                  PAGE_B of mapping B (page->index += DELTA)
 *   pin NAME PAGE DEV WARMUP       pin page PAGE of mapping NAME with an
 *                                  O_DIRECT read from DEV (a QEMU disk with
 *                                  throttling.bps-total): a child first reads
 *                                  WARMUP bytes (admitted at once, filling the
 *                                  throttle bucket), then reads 4 KiB into the
 *                                  DAX page, which waits WARMUP/bps seconds
 *                                  with the page's GUP reference held; then a
 *                                  second child truncates the file to 0 and
 *                                  blocks in the fs's break-layouts wait on
 *                                  that page (record "pin": pfn, both pids)
 *   meta                           record zero-page pfns and pmem ranges
 * At the end every mapping still held gets a final record, then READYFILE is
 * created and the process pauses forever.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/fs.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PG 4096UL
#define PMD_SZ (2UL << 20)
#define MAXMAP 64

struct mapping {
	char name[64];
	char path[256];
	int fd;
	char *addr;
	size_t size;
	ino_t ino;
	dev_t dev;
	int deleted;
	int unmapped;
	char access[8];
	char scen[64];
};

static struct mapping maps[MAXMAP];
static int nmaps;
static FILE *gt;
static char scen[64] = "none";

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "holdmap: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (errno %d: %s)\n", errno, strerror(errno));
	printf("HOLDMAP-FAILED\n");
	fflush(stdout);
	exit(1);
}

static struct mapping *find_map(const char *name)
{
	for (int i = 0; i < nmaps; i++)
		if (!strcmp(maps[i].name, name))
			return &maps[i];
	die("no mapping named %s", name);
	return NULL;
}

/* pfn of a user address, or -1 when not present */
static int64_t addr_pfn(const void *addr)
{
	static int fd = -1;
	uint64_t e;

	if (fd < 0 && (fd = open("/proc/self/pagemap", O_RDONLY)) < 0)
		die("open pagemap");
	if (pread(fd, &e, 8, ((uintptr_t)addr / PG) * 8) != 8)
		die("read pagemap");
	if (!(e >> 63 & 1))
		return -1;
	return (int64_t)(e & ((1ULL << 55) - 1));
}

static void touch(struct mapping *m, int write, size_t first, size_t count)
{
	volatile char *p = m->addr;
	unsigned long sum = 0;

	for (size_t i = first; i < first + count && i * PG < m->size; i++) {
		if (write)
			p[i * PG + 2048] = (char)(i + 1);
		else
			sum += p[i * PG];
	}
	(void)sum;
}

static void emit_record(struct mapping *m, const char *state)
{
	size_t npages = m->size / PG;
	int64_t run_pfn = -2;
	size_t run_start = 0, run_n = 0;
	int first = 1;

	fprintf(gt, "GT {\"type\":\"map\",\"scenario\":\"%s\",\"name\":\"%s\",\"path\":\"%s\","
		"\"ino\":%lu,\"dev\":\"%u:%u\",\"size\":%zu,\"access\":\"%s\",\"state\":\"%s\","
		"\"deleted\":%s,\"vaddr\":\"0x%lx\",\"runs\":[",
		m->scen, m->name, m->path, (unsigned long)m->ino, major(m->dev), minor(m->dev),
		m->size, m->access, state, m->deleted ? "true" : "false",
		(unsigned long)m->addr);
	/* runs of pages whose pfns are consecutive (or all absent: pfn null) */
	for (size_t i = 0; i <= npages; i++) {
		int64_t pfn = i < npages ? addr_pfn(m->addr + i * PG) : -3;
		int extends = run_n &&
			((run_pfn == -1 && pfn == -1) ||
			 (run_pfn >= 0 && pfn == run_pfn + (int64_t)run_n));
		if (extends) {
			run_n++;
			continue;
		}
		if (run_n) {
			if (run_pfn >= 0)
				fprintf(gt, "%s{\"index\":%zu,\"n\":%zu,\"pfn\":%" PRId64 "}",
					first ? "" : ",", run_start, run_n, run_pfn);
			else
				fprintf(gt, "%s{\"index\":%zu,\"n\":%zu,\"pfn\":null}",
					first ? "" : ",", run_start, run_n);
			first = 0;
		}
		run_pfn = pfn;
		run_start = i;
		run_n = 1;
	}
	fprintf(gt, "]}\n");
	fflush(gt);
}

static void op_create(const char *path, size_t size, const char *mode)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	char *buf;

	if (fd < 0)
		die("create %s", path);
	if (ftruncate(fd, size))
		die("ftruncate %s", path);
	if (strcmp(mode, "sparse")) {
		int holes = !strcmp(mode, "holes");
		size_t chunk = holes ? PG : PMD_SZ;

		/* each page: a signature line naming file and page, then zeros
		 * (lets a reader check that a pfn holds the page the ground truth
		 * says, and keeps filtered/compressed dumps small) */
		buf = malloc(PMD_SZ);
		for (size_t off = 0; off < size; off += holes ? 2 * PG : chunk) {
			size_t n = size - off < chunk ? size - off : chunk;
			memset(buf, 0, PMD_SZ);
			for (size_t i = 0; i < n; i += PG)
				snprintf(buf + i, 128, "DAXLAB file=%s page=%zu\n", path, (off + i) / PG);
			if (pwrite(fd, buf, n, off) != (ssize_t)n)
				die("write %s", path);
		}
		free(buf);
	}
	if (fsync(fd))
		die("fsync %s", path);
	close(fd);
}

static void op_map(const char *name, const char *path, const char *access)
{
	struct mapping *m = &maps[nmaps];
	struct stat st;
	char *res;

	if (nmaps == MAXMAP)
		die("too many mappings");
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", name);
	snprintf(m->path, sizeof(m->path), "%s", path);
	snprintf(m->access, sizeof(m->access), "%s", access);
	snprintf(m->scen, sizeof(m->scen), "%s", scen);
	if ((m->fd = open(path, O_RDWR)) < 0)
		die("open %s", path);
	if (fstat(m->fd, &st))
		die("stat %s", path);
	m->ino = st.st_ino;
	m->dev = st.st_dev;
	m->size = st.st_size;
	/* reserve size + 2 MiB, then map the file at a 2 MiB boundary in it */
	res = mmap(NULL, m->size + PMD_SZ, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (res == MAP_FAILED)
		die("reserve");
	m->addr = (char *)(((uintptr_t)res + PMD_SZ - 1) & ~(PMD_SZ - 1));
	if (mmap(m->addr, m->size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, m->fd, 0) == MAP_FAILED)
		die("mmap %s", path);
	nmaps++;
	touch(m, !strcmp(access, "write"), 0, m->size / PG);
}

static void op_leak(const char *ko, struct mapping *a, size_t pa, struct mapping *b,
		    size_t pb, unsigned long delta)
{
	char params[256], *log;
	int64_t pfn_a = addr_pfn(a->addr + pa * PG), pfn_b = addr_pfn(b->addr + pb * PG);
	unsigned long lpfn = 0, ipfn = 0, iold = 0, inew = 0;
	int lref = -1, fd, len;
	char *s;

	snprintf(params, sizeof(params), "addr=0x%lx addr2=0x%lx delta=%lu",
		 (unsigned long)(a->addr + pa * PG), (unsigned long)(b->addr + pb * PG), delta);
	if ((fd = open(ko, O_RDONLY | O_CLOEXEC)) < 0)
		die("open %s", ko);
	if (syscall(SYS_finit_module, fd, params, 0))
		die("finit_module %s %s", ko, params);
	close(fd);
	/* When the faults exist, for the live watch's timing (tests/lab/watch.sh). */
	printf("DAXLAB-FAULT leak %lld\n", (long long)time(NULL));
	fflush(stdout);
	len = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0);
	log = calloc(1, len + 1);
	len = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, log, len);
	if (len < 0)
		die("klogctl");
	if ((s = strstr(log, "daxleak: LEAK pfn=")))
		sscanf(s, "daxleak: LEAK pfn=%lx refcount=%d", &lpfn, &lref);
	if ((s = strstr(log, "daxleak: INDEX pfn=")))
		sscanf(s, "daxleak: INDEX pfn=%lx old=%lu new=%lu", &ipfn, &iold, &inew);
	free(log);
	fprintf(gt, "GT {\"type\":\"leak\",\"scenario\":\"%s\","
		"\"pinned\":{\"name\":\"%s\",\"path\":\"%s\",\"ino\":%lu,\"index\":%zu,"
		"\"pfn\":%" PRId64 ",\"kernel_pfn\":%lu,\"refcount_after_get\":%d,\"mode\":\"get\"},"
		"\"index_rewritten\":{\"name\":\"%s\",\"path\":\"%s\",\"ino\":%lu,\"index\":%zu,"
		"\"pfn\":%" PRId64 ",\"kernel_pfn\":%lu,\"old_index\":%lu,\"new_index\":%lu},"
		"\"params\":\"%s\"}\n",
		scen, a->name, a->path, (unsigned long)a->ino, pa, pfn_a, lpfn, lref,
		b->name, b->path, (unsigned long)b->ino, pb, pfn_b, ipfn, iold, inew, params);
	fflush(gt);
	if ((int64_t)lpfn != pfn_a || (int64_t)ipfn != pfn_b || inew != iold + delta)
		die("leak module result does not match (pfn %lx/%" PRIx64 " %lx/%" PRIx64 ")",
		    lpfn, pfn_a, ipfn, pfn_b);
}

/* state letter of /proc/PID/stat (0 when unreadable) and /proc/PID/wchan */
static char proc_state(pid_t pid, char *wchan, size_t wlen)
{
	char path[64], buf[512], *p;
	FILE *f;
	char st = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r"))) {
		if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')) && p[1] == ' ')
			st = p[2];
		fclose(f);
	}
	if (wchan) {
		wchan[0] = 0;
		snprintf(path, sizeof(path), "/proc/%d/wchan", (int)pid);
		if ((f = fopen(path, "r"))) {
			if (!fgets(wchan, (int)wlen, f))
				wchan[0] = 0;
			fclose(f);
		}
	}
	return st;
}

static void sleep_ms(long ms)
{
	nanosleep(&(struct timespec){ms / 1000, (ms % 1000) * 1000000}, NULL);
}

static void op_pin(struct mapping *m, size_t page, const char *dev, size_t warmup)
{
	char *pg = m->addr + page * PG, wchan[128] = "", c;
	int64_t pfn = addr_pfn(pg);
	int pfd[2], status, fd;
	pid_t pinner, trunc;
	char pst = 0, tst = 0;
	void *buf;

	if (pfn < 0)
		die("pin: page %zu of %s is not mapped", page, m->name);
	if (pipe(pfd))
		die("pipe");
	fflush(NULL);
	if ((pinner = fork()) < 0)
		die("fork");
	if (pinner == 0) {
		if ((fd = open(dev, O_RDONLY | O_DIRECT)) < 0)
			_exit(10);
		if (posix_memalign(&buf, PG, warmup) || pread(fd, buf, warmup, 0) != (ssize_t)warmup)
			_exit(11);
		if (write(pfd[1], "1", 1) != 1)
			_exit(12);
		/* GUP takes the page's reference here; the request waits in
		 * the throttle for WARMUP/bps seconds */
		_exit(pread(fd, pg, PG, 4 * warmup) == (ssize_t)PG ? 0 : 13);
	}
	close(pfd[1]);
	if (read(pfd[0], &c, 1) != 1) {
		waitpid(pinner, &status, 0);
		die("pin: the O_DIRECT child failed before its read (exit %d)", WEXITSTATUS(status));
	}
	/* the child is in its second read once it sleeps in D for a while */
	for (int t = 0, d = 0; t < 100 && d < 5; t++) {
		sleep_ms(100);
		d = (pst = proc_state(pinner, NULL, 0)) == 'D' ? d + 1 : 0;
	}
	if (pst != 'D')
		die("pin: the O_DIRECT read is not waiting (state %c): is the disk throttled?", pst ? pst : '?');
	/* the page is busy from here (tests/lab/watch.sh) */
	printf("DAXLAB-FAULT pin %lld\n", (long long)time(NULL));
	fflush(stdout);
	if ((trunc = fork()) < 0)
		die("fork");
	if (trunc == 0)
		_exit(ftruncate(m->fd, 0) ? 1 : 0);
	/* the truncate must be waiting (not done) and stay so */
	for (int t = 0, s = 0; t < 100 && s < 10; t++) {
		sleep_ms(100);
		if (waitpid(trunc, &status, WNOHANG) == trunc)
			die("pin: the truncate completed (exit %d): the page was not held", WEXITSTATUS(status));
		tst = proc_state(trunc, wchan, sizeof(wchan));
		s = (tst == 'S' || tst == 'D') ? s + 1 : 0;
	}
	pst = proc_state(pinner, NULL, 0);
	if (pst != 'D')
		die("pin: the O_DIRECT read ended before the dump (state %c)", pst ? pst : '?');
	fprintf(gt, "GT {\"type\":\"pin\",\"scenario\":\"%s\","
		"\"pinned\":{\"name\":\"%s\",\"path\":\"%s\",\"ino\":%lu,\"index\":%zu,"
		"\"pfn\":%" PRId64 ",\"vaddr\":\"0x%lx\"},"
		"\"pinner\":{\"pid\":%d,\"state\":\"%c\",\"how\":\"O_DIRECT pread of %s, %lu bytes\"},"
		"\"blocked\":{\"pid\":%d,\"state\":\"%c\",\"wchan\":\"%s\",\"how\":\"ftruncate(%s, 0)\"},"
		"\"warmup_bytes\":%zu}\n",
		scen, m->name, m->path, (unsigned long)m->ino, page, pfn, (unsigned long)pg,
		(int)pinner, pst, dev, (unsigned long)PG, (int)trunc, tst, wchan, m->path, warmup);
	fflush(gt);
}

static void op_meta(void)
{
	char line[256];
	FILE *f;
	void *p;
	int64_t zpfn, hzpfn;
	char *r;

	/* the shared zero page: read fault on private anonymous memory */
	p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	(void)*(volatile char *)p;
	zpfn = addr_pfn(p);
	/* the huge zero page (when THP gives it) */
	r = mmap(NULL, 2 * PMD_SZ, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	r = (char *)(((uintptr_t)r + PMD_SZ - 1) & ~(PMD_SZ - 1));
	madvise(r, PMD_SZ, MADV_HUGEPAGE);
	(void)*(volatile char *)r;
	hzpfn = addr_pfn(r);
	fprintf(gt, "GT {\"type\":\"meta\",\"zero_pfn\":%" PRId64 ",\"anon_pmd_read_pfn\":%" PRId64
		",\"huge_zero_pfn\":%s,\"pmem\":[", zpfn, hzpfn,
		(hzpfn >= 0 && hzpfn % 512 == 0 && hzpfn != zpfn) ? "true" : "false");
	if ((f = fopen("/proc/iomem", "r"))) {
		int first = 1;
		while (fgets(line, sizeof(line), f)) {
			unsigned long s, e;
			if (strstr(line, "Persistent Memory") && sscanf(line, " %lx-%lx", &s, &e) == 2) {
				fprintf(gt, "%s{\"start\":\"0x%lx\",\"end\":\"0x%lx\",\"first_pfn\":%lu,\"npages\":%lu}",
					first ? "" : ",", s, e, s / PG, (e + 1 - s) / PG);
				first = 0;
			}
		}
		fclose(f);
		/* arm64's of_pmem (a DTB pmem-region node) has no "Persistent
		 * Memory" resource: take the nvdimm regions' start and size
		 * (drivers/nvdimm/region_devs.c resource_show, size_show) */
		for (int r = 0; first && r < 8; r++) {
			unsigned long s = 0, n = 0;
			char p[96];
			FILE *g;
			snprintf(p, sizeof(p), "/sys/bus/nd/devices/region%d/resource", r);
			if (!(g = fopen(p, "r")))
				continue;
			if (fscanf(g, "%lx", &s) != 1)
				s = 0;
			fclose(g);
			snprintf(p, sizeof(p), "/sys/bus/nd/devices/region%d/size", r);
			if (!(g = fopen(p, "r")))
				continue;
			if (fscanf(g, "%lu", &n) != 1)
				n = 0;
			fclose(g);
			if (!s || !n)
				continue;
			fprintf(gt, "{\"start\":\"0x%lx\",\"end\":\"0x%lx\",\"first_pfn\":%lu,\"npages\":%lu}",
				s, s + n - 1, s / PG, n / PG);
			break;
		}
	}
	fprintf(gt, "]}\n");
	fflush(gt);
}

#define NEED(n) do { if (i + (n) >= argc) die("op %s needs %d args", op, n); } while (0)

int main(int argc, char **argv)
{
	const char *ready = NULL;
	int i = 1;

	gt = stdout;
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "-o")) {
			if (!(gt = fopen(argv[i + 1], "a")))
				die("open %s", argv[i + 1]);
		} else if (!strcmp(argv[i], "-r"))
			ready = argv[i + 1];
	}
	while (i < argc) {
		const char *op = argv[i];

		if (!strcmp(op, "scen")) {
			NEED(1);
			snprintf(scen, sizeof(scen), "%s", argv[i + 1]);
			i += 2;
		} else if (!strcmp(op, "create")) {
			NEED(3);
			op_create(argv[i + 1], strtoull(argv[i + 2], NULL, 0), argv[i + 3]);
			i += 4;
		} else if (!strcmp(op, "map")) {
			NEED(3);
			op_map(argv[i + 1], argv[i + 2], argv[i + 3]);
			i += 4;
		} else if (!strcmp(op, "touch")) {
			NEED(4);
			touch(find_map(argv[i + 1]), !strcmp(argv[i + 2], "write"),
			      strtoul(argv[i + 3], NULL, 0), strtoul(argv[i + 4], NULL, 0));
			i += 5;
		} else if (!strcmp(op, "report")) {
			NEED(2);
			emit_record(find_map(argv[i + 1]), argv[i + 2]);
			i += 3;
		} else if (!strcmp(op, "unmap")) {
			struct mapping *m;
			NEED(1);
			m = find_map(argv[i + 1]);
			emit_record(m, "unmapped");
			if (munmap(m->addr, m->size))
				die("munmap");
			m->unmapped = 1;
			i += 2;
		} else if (!strcmp(op, "closefd")) {
			struct mapping *m;
			NEED(1);
			m = find_map(argv[i + 1]);
			close(m->fd);
			m->fd = -1;
			i += 2;
		} else if (!strcmp(op, "clone")) {
			int s, d;
			NEED(2);
			if ((s = open(argv[i + 1], O_RDONLY)) < 0 ||
			    (d = open(argv[i + 2], O_RDWR | O_CREAT | O_TRUNC, 0644)) < 0)
				die("open for clone");
			if (ioctl(d, FICLONE, s))
				die("FICLONE %s %s", argv[i + 1], argv[i + 2]);
			close(s);
			close(d);
			i += 3;
		} else if (!strcmp(op, "unlink")) {
			NEED(1);
			for (int k = 0; k < nmaps; k++)
				if (!strcmp(maps[k].path, argv[i + 1]))
					maps[k].deleted = 1;
			if (unlink(argv[i + 1]))
				die("unlink %s", argv[i + 1]);
			i += 2;
		} else if (!strcmp(op, "unlinkbg")) {
			struct stat st;
			pid_t pid;
			int done = 0, status;
			NEED(1);
			if (stat(argv[i + 1], &st))
				die("stat %s", argv[i + 1]);
			for (int k = 0; k < nmaps; k++)
				if (!strcmp(maps[k].path, argv[i + 1]))
					maps[k].deleted = 1;
			fflush(NULL);
			if ((pid = fork()) < 0)
				die("fork");
			if (pid == 0)
				_exit(unlink(argv[i + 1]) ? 1 : 0);
			for (int t = 0; t < 30 && !done; t++) {
				if (waitpid(pid, &status, WNOHANG) == pid)
					done = 1;
				else
					nanosleep(&(struct timespec){0, 100000000}, NULL);
			}
			fprintf(gt, "GT {\"type\":\"unlink\",\"scenario\":\"%s\",\"path\":\"%s\",\"ino\":%lu,"
				"\"completed\":%s,\"blocked_pid\":%d}\n", scen, argv[i + 1],
				(unsigned long)st.st_ino, done ? "true" : "false", done ? 0 : (int)pid);
			fflush(gt);
			i += 2;
		} else if (!strcmp(op, "leak")) {
			NEED(6);
			op_leak(argv[i + 1], find_map(argv[i + 2]), strtoul(argv[i + 3], NULL, 0),
				find_map(argv[i + 4]), strtoul(argv[i + 5], NULL, 0),
				strtoul(argv[i + 6], NULL, 0));
			i += 7;
		} else if (!strcmp(op, "pin")) {
			NEED(4);
			op_pin(find_map(argv[i + 1]), strtoul(argv[i + 2], NULL, 0), argv[i + 3],
			       strtoul(argv[i + 4], NULL, 0));
			i += 5;
		} else if (!strcmp(op, "meta")) {
			op_meta();
			i += 1;
		} else {
			die("unknown op %s", op);
		}
	}
	for (int k = 0; k < nmaps; k++)
		if (!maps[k].unmapped)
			emit_record(&maps[k], maps[k].deleted ? "mapped-deleted" : "mapped");
	if (gt != stdout)
		fclose(gt);
	if (ready) {
		int fd = open(ready, O_WRONLY | O_CREAT, 0644);
		if (fd >= 0)
			close(fd);
	}
	printf("HOLDMAP-READY\n");
	fflush(stdout);
	for (;;)
		pause();
}
