// SPDX-License-Identifier: MIT
/*
 * `daxinspect log TARGET`: the kernel log from the printk ring buffer,
 * in makedumpfile --dump-dmesg's format (so the two can be compared):
 * "[%5llu.%06llu] " then the text, a newline inside it followed by as
 * many spaces as the prefix, bytes neither printable nor blank as \xNN.
 * Needs only VMCOREINFO: no type information.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../kern/printk.h"
#include "../util/json.h"
#include "cli.h"

static int print_text(const struct dxi_printk_record *r, void *arg)
{
	FILE *f = arg;
	int indent = fprintf(f, "[%5llu.%06llu] ",
			     (unsigned long long)(r->ts_nsec / 1000000000),
			     (unsigned long long)(r->ts_nsec % 1000000000 / 1000));

	for (size_t i = 0; i < r->len; i++) {
		unsigned char c = (unsigned char)r->text[i];

		if (c == '\n')
			fprintf(f, "\n%*s", indent, "");
		else if (isprint(c) || isspace(c))
			fputc(c, f);
		else
			fprintf(f, "\\x%02x", c);
	}
	fputc('\n', f);
	return 0;
}

static int print_json(const struct dxi_printk_record *r, void *arg)
{
	struct dxi_json *j = arg;
	char *s = malloc(r->len + 1);

	if (!s)
		return 1;
	memcpy(s, r->text, r->len);
	s[r->len] = '\0';
	dxi_json_begin_object(j, NULL);
	dxi_json_u64(j, "seq", r->seq);
	dxi_json_u64(j, "ts_nsec", r->ts_nsec);
	/* caller_id: bit 31 set for a CPU (no task context), else a pid */
	if (r->caller_id & 0x80000000u)
		dxi_json_u64(j, "cpu", r->caller_id & 0x7fffffffu);
	else
		dxi_json_u64(j, "pid", r->caller_id);
	dxi_json_string(j, "text", s);
	dxi_json_end_object(j);
	free(s);
	return 0;
}

int dxi_cmd_log(const struct dxi_options *opts, int argc, char **argv)
{
	struct dxi_target *t;
	struct dxi_error *err;
	struct dxi_json j;

	if (argc != 1) {
		fprintf(stderr, "daxinspect: log takes one TARGET (a vmcore or /proc/kcore)\n"
				"usage: daxinspect log [--json] TARGET\n");
		return DXI_EXIT_USAGE;
	}
	err = dxi_target_open(argv[0], &t);
	if (err) {
		dxi_error_report(err, stderr);
		return DXI_EXIT_TARGET;
	}
	if (opts->json) {
		dxi_json_init(&j, stdout);
		dxi_json_begin_object(&j, NULL);
		dxi_json_u64(&j, "schema_version", 1);
		dxi_json_string(&j, "kind", "log");
		dxi_json_begin_array(&j, "records");
		err = dxi_printk_walk(t, print_json, &j);
		dxi_json_end_array(&j);
		dxi_json_end_object(&j);
		fputc('\n', stdout);
	} else {
		err = dxi_printk_walk(t, print_text, stdout);
	}
	dxi_target_close(t);
	if (err) {
		dxi_error_report(dxi_error_wrap(err, "%s", argv[0]), stderr);
		return DXI_EXIT_TARGET;
	}
	return DXI_EXIT_OK;
}
