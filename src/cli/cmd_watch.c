// SPDX-License-Identifier: MIT
/*
 * `watch`: the audit redone every --interval seconds on one session (types,
 * layout and kernel kept; the DAX walk and page scan redone), printing the
 * findings that appear and clear between rounds. A round's findings are
 * its check --json findings, keyed as diff keys them (dxi_diff_key()); only
 * the previous round is kept. A dump file cannot change: one round (or
 * --count N), said on stderr. docs/json-schema.md#kind-watch.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../report/diff.h"
#include "../report/render.h"
#include "session.h"

/* One round: its check --json output, parsed, and a key per finding. */
struct round {
	struct dxi_jval doc;
	const struct dxi_jval *findings;
	char **keys;
	size_t *order;		/* finding indexes sorted by key */
	bool *matched;
	size_t n;
};

struct watch {
	const struct dxi_options *o;
	bool json;
	unsigned long rounds, appeared, cleared;
};

static volatile sig_atomic_t stop_flag;

static void on_sigint(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static void round_free(struct round *r)
{
	for (size_t i = 0; r->keys && i < r->n; i++)
		free(r->keys[i]);
	free(r->keys);
	free(r->order);
	free(r->matched);
	dxi_jval_free(&r->doc);
	memset(r, 0, sizeof(*r));
}

static char **sort_keys;

static int by_key(const void *a, const void *b)
{
	return strcmp(sort_keys[*(const size_t *)a], sort_keys[*(const size_t *)b]);
}

/* The session's findings as check --json renders them, keyed and sorted. */
static struct dxi_error *round_take(const struct dxi_options *o,
				    struct dxi_session *s, struct round *r)
{
	struct dxi_render_opts ro = { .addresses = o->addresses };
	struct dxi_error *err;
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);

	memset(r, 0, sizeof(*r));
	if (!mem)
		return &dxi_error_nomem;
	ro.checks = s->a.checks;
	ro.nchecks = s->a.nchecks;
	dxi_render_check_json(&s->a, &ro, mem);
	if (fclose(mem) || !text) {
		free(text);
		return &dxi_error_nomem;
	}
	err = dxi_json_parse(text, &r->doc);
	free(text);
	if (err)
		return err;
	r->findings = dxi_jget(&r->doc, "findings");
	r->n = r->findings && r->findings->type == DXI_JARR ? r->findings->n : 0;
	r->keys = calloc(r->n + 1, sizeof(*r->keys));
	r->order = calloc(r->n + 1, sizeof(*r->order));
	r->matched = calloc(r->n + 1, sizeof(*r->matched));
	if (!r->keys || !r->order || !r->matched)
		return &dxi_error_nomem;
	for (size_t i = 0; i < r->n; i++) {
		r->keys[i] = dxi_diff_key(&r->findings->items[i]);
		if (!r->keys[i])
			return &dxi_error_nomem;
		r->order[i] = i;
	}
	sort_keys = r->keys;
	qsort(r->order, r->n, sizeof(*r->order), by_key);
	return NULL;
}

/* Marks the findings of a and b whose keys pair up (one to one). */
static void match(struct round *a, struct round *b)
{
	size_t i = 0, j = 0;

	while (i < a->n && j < b->n) {
		int c = strcmp(a->keys[a->order[i]], b->keys[b->order[j]]);

		if (c == 0) {
			a->matched[a->order[i++]] = true;
			b->matched[b->order[j++]] = true;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
}

static void utc_now(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void event(struct watch *w, const char *when, bool appeared,
		  const struct dxi_jval *x)
{
	if (w->json) {
		struct dxi_json j;

		dxi_json_init_compact(&j, stdout);
		dxi_json_begin_object(&j, NULL);
		dxi_json_string(&j, "time", when);
		dxi_json_string(&j, "event", appeared ? "appeared" : "cleared");
		dxi_diff_write_val(&j, "finding", x);
		dxi_json_end_object(&j);
	} else {
		printf("%s ", when);
		dxi_diff_print_finding(x, appeared ? '+' : '-',
				       appeared ? "" : " (cleared)", stdout);
	}
}

/* Prints what cleared since prev and what appeared in cur. */
static void report(struct watch *w, struct round *prev, struct round *cur)
{
	char when[32];

	utc_now(when, sizeof(when));
	match(prev, cur);
	for (size_t i = 0; i < prev->n; i++)
		if (!prev->matched[i]) {
			event(w, when, false, &prev->findings->items[i]);
			w->cleared++;
		}
	for (size_t i = 0; i < cur->n; i++)
		if (!cur->matched[i]) {
			event(w, when, true, &cur->findings->items[i]);
			w->appeared++;
		}
	fflush(stdout);
}

/* Findings of warning or error severity (check's exit 1). */
static size_t serious(const struct round *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		if (strcmp(dxi_jstr(&r->findings->items[i], "severity", "info"), "info"))
			n++;
	return n;
}

static void summary(struct watch *w, const struct round *r, bool interrupted)
{
	char when[32];

	utc_now(when, sizeof(when));
	if (w->json) {
		struct dxi_json j;

		dxi_json_init_compact(&j, stdout);
		dxi_json_begin_object(&j, NULL);
		dxi_json_string(&j, "time", when);
		dxi_json_string(&j, "event", "summary");
		dxi_json_u64(&j, "rounds", w->rounds);
		dxi_json_u64(&j, "appeared", w->appeared);
		dxi_json_u64(&j, "cleared", w->cleared);
		dxi_json_u64(&j, "present", r->n);
		dxi_json_bool(&j, "interrupted", interrupted);
		dxi_json_end_object(&j);
	} else {
		printf("%s summary: %lu rounds, %lu appeared, %lu cleared, %zu still present%s\n",
		       when, w->rounds, w->appeared, w->cleared, r->n,
		       interrupted ? " (interrupted)" : "");
	}
	fflush(stdout);
}

/* Sleeps seconds, in slices, until then or until *stop. */
static void nap(double seconds, volatile sig_atomic_t *stop)
{
	struct timespec end, now;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += (time_t)seconds;
	end.tv_nsec += (long)((seconds - (double)(time_t)seconds) * 1e9);
	if (end.tv_nsec >= 1000000000L) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000L;
	}
	while (!*stop) {
		struct timespec slice = { 0, 100000000L };
		long left;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left = (long)(end.tv_sec - now.tv_sec) * 1000000000L +
		       (end.tv_nsec - now.tv_nsec);
		if (left <= 0)
			break;
		if (left < slice.tv_nsec)
			slice.tv_nsec = left;
		nanosleep(&slice, NULL);
	}
}

static int parse_args(const struct dxi_options *o, double *interval,
		      unsigned long *count)
{
	char *end;

	*interval = 2;
	*count = 0;
	if (o->checks || o->severity || o->inode || o->bundle || o->all_pages)
		return dxi_cmd_usage("watch", "watch reports every finding: --check, --severity, --inode, --all-pages and --bundle are not its options (filter its --json lines with jq)");
	if (o->interval) {
		errno = 0;
		*interval = strtod(o->interval, &end);
		if (errno || end == o->interval || *end || !(*interval > 0) ||
		    *interval > 86400)
			return dxi_cmd_usage("watch", "--interval takes seconds, more than 0 and at most 86400 (e.g. 2 or 0.5)");
	}
	if (o->count) {
		errno = 0;
		*count = strtoul(o->count, &end, 10);
		if (errno || end == o->count || *end || o->count[0] == '-' ||
		    *count == 0)
			return dxi_cmd_usage("watch", "--count takes a number of rounds, at least 1");
	}
	return -1;
}

int dxi_scmd_watch(const struct dxi_options *o, struct dxi_session *s,
		   int argc, char **argv)
{
	struct watch w = { .o = o, .json = o->json };
	struct round prev = { 0 }, cur;
	struct sigaction sa = { .sa_handler = on_sigint }, old;
	volatile sig_atomic_t *stop = s->interrupted;
	bool own_handler = !stop, live, interrupted = false;
	unsigned long count;
	double interval;
	int rc;

	(void)argv;
	if (argc != 0)
		return dxi_cmd_usage("watch", "watch takes one TARGET (normally /proc/kcore)");
	rc = parse_args(o, &interval, &count);
	if (rc >= 0)
		return rc;
	live = s->k->target->desc.live;
	if (!live && !count) {
		fprintf(stderr, "daxinspect: %s is a dump, not a live kernel: it cannot change, so one round (--count N for more)\n",
			s->path);
		count = 1;
	}
	if (own_handler) {
		stop_flag = 0;
		stop = &stop_flag;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, &old);
		s->interrupted = stop;
	}
	rc = DXI_EXIT_OK;
	while (!*stop) {
		struct dxi_error *err;

		if (s->audited) {
			dxi_audit_free(&s->a);
			s->audited = false;
		}
		err = dxi_session_audit(o, s);
		if (!err)
			err = round_take(o, s, &cur);
		else
			memset(&cur, 0, sizeof(cur));
		if (err) {
			round_free(&cur);
			if (err->code == DXI_ERR_INTERRUPTED || *stop) {
				dxi_error_free(err);
				interrupted = true;
				break;
			}
			if (!w.rounds) {	/* the first round: not analysable */
				rc = dxi_cli_fail(err);
				break;
			}
			/* A live kernel changed under the walk: try again. */
			fprintf(stderr, "daxinspect: round %lu failed, retrying: %s\n",
				w.rounds + 1, err->msg);
			dxi_error_free(err);
		} else {
			report(&w, &prev, &cur);
			round_free(&prev);
			prev = cur;
			w.rounds++;
			if (count && w.rounds >= count)
				break;
		}
		if (live)
			nap(interval, stop);
	}
	if (*stop)
		interrupted = true;
	if (rc == DXI_EXIT_OK) {
		summary(&w, &prev, interrupted);
		rc = serious(&prev) ? DXI_EXIT_FINDINGS : DXI_EXIT_OK;
	}
	round_free(&prev);
	if (own_handler) {
		sigaction(SIGINT, &old, NULL);
		s->interrupted = NULL;
	}
	return rc;
}
