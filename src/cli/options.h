/* SPDX-License-Identifier: MIT */
/*
 * Option parsing (main.c), shared by the command line and the shell, which
 * also completes the long option names.
 */
#ifndef DXI_CLI_OPTIONS_H
#define DXI_CLI_OPTIONS_H

#include <getopt.h>
#include <stdbool.h>

#include "cli.h"

extern const struct option dxi_long_options[];

/* Parses options anywhere on the line; operands are left in argv[optind..].
 * Returns -1, or the exit status of a usage error. */
int dxi_parse_options(int argc, char **argv, struct dxi_options *o,
		      bool *version);

#endif
