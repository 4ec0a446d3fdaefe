// SPDX-License-Identifier: MIT
/*
 * `daxinspect shell TARGET`: a GNU readline prompt over one session. The
 * commands are the command table's target commands (and plugin
 * commands), run through the same session handlers as on the command
 * line. History in $XDG_STATE_HOME/daxinspect/history; tab completion of
 * commands, options, inode designators and the pfns of pages with
 * findings; long output goes through $PAGER; Ctrl-C stops a command, not
 * the shell.
 */
#include <errno.h>
#include <getopt.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../report/render.h"
#include "../util/vec.h"
#include "options.h"
#include "session.h"

#define MAX_ARGS 64

DXI_VEC(strvec, char *);

static volatile sig_atomic_t interrupted;

/* The shell's state, reachable from readline's completion callback,
 * which takes no argument: readline itself is a process-wide singleton. */
static struct shell {
	const struct dxi_options *base;
	struct dxi_session *s;
	struct strvec words;	/* completion candidates */
} *shell_ctx;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* readline calls this when a read was interrupted by a signal. */
static int signal_hook(void)
{
	if (interrupted) {
		interrupted = 0;
		rl_replace_line("", 0);
		rl_crlf();
		rl_on_new_line();
		rl_redisplay();
	}
	return 0;
}

static char *history_path(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char dir[4096], *path;

	if (state && *state)
		snprintf(dir, sizeof(dir), "%s/daxinspect", state);
	else if (home && *home)
		snprintf(dir, sizeof(dir), "%s/.local/state/daxinspect", home);
	else
		return NULL;
	for (char *p = dir + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
	}
	mkdir(dir, 0700);
	if (asprintf(&path, "%s/history", dir) < 0)
		return NULL;
	return path;
}

/* Splits a line into words; '...' and "..." group, no escapes. */
static int split(char *line, char **argv, int max)
{
	int argc = 0;

	while (*line && argc < max) {
		char quote = 0;

		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line)
			break;
		if (*line == '\'' || *line == '"')
			quote = *line++;
		argv[argc++] = line;
		while (*line && (quote ? *line != quote : (*line != ' ' && *line != '\t')))
			line++;
		if (*line)
			*line++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

/* Runs one command with stdout captured; pages it when it is long. */
static int run_paged(int (*fn)(void *), void *arg)
{
	FILE *tmp = tmpfile();
	int saved, rc, lines = 0, rows = 24, c;
	struct winsize ws;

	if (!tmp)
		return fn(arg);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(fileno(tmp), STDOUT_FILENO);
	rc = fn(arg);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row)
		rows = ws.ws_row;
	rewind(tmp);
	while ((c = fgetc(tmp)) != EOF)
		lines += c == '\n';
	rewind(tmp);
	if (lines >= rows && isatty(STDOUT_FILENO)) {
		const char *pager = getenv("PAGER");
		char cmd[4096];
		FILE *p;

		snprintf(cmd, sizeof(cmd), "%s", pager && *pager ? pager : "less -FRX");
		p = popen(cmd, "w");
		if (p) {
			struct sigaction ign = { .sa_handler = SIG_IGN }, old;

			/* Quitting the pager early closes the pipe: that ends
			 * this command's output, not the shell (set after
			 * popen, so the pager keeps SIGPIPE's default). */
			sigaction(SIGPIPE, &ign, &old);
			while ((c = fgetc(tmp)) != EOF)
				if (fputc(c, p) == EOF)
					break;
			pclose(p);
			sigaction(SIGPIPE, &old, NULL);
			fclose(tmp);
			return rc;
		}
	}
	while ((c = fgetc(tmp)) != EOF)
		putchar(c);
	fflush(stdout);
	fclose(tmp);
	return rc;
}

struct call {
	struct dxi_options opts;
	const struct dxi_command *cmd;
	const struct dxi_plugin_command *pcmd;
	struct dxi_session *s;
	int argc;
	char **argv;
};

static int call(void *arg)
{
	struct call *c = arg;

	if (c->pcmd)
		return dxi_run_plugin_command(&c->opts, c->pcmd, c->s, c->argc,
					      c->argv);
	if (c->cmd->session_run)
		return c->cmd->session_run(&c->opts, c->s, c->argc, c->argv);
	return c->cmd->run(&c->opts, c->argc, c->argv);
}

/* One line: a command of the table, help, or quit. */
static bool run_line(struct shell *sh, char *line)
{
	char *argv[MAX_ARGS + 1];
	struct call c = { .s = sh->s };
	bool version = false;
	int argc = split(line, argv, MAX_ARGS);

	if (!argc)
		return true;
	if (!strcmp(argv[0], "quit") || !strcmp(argv[0], "exit"))
		return false;
	c.cmd = dxi_command_find(argv[0]);
	if (!c.cmd)
		c.pcmd = dxi_registry_command(sh->base->registry, argv[0]);
	if ((!c.cmd && !c.pcmd) ||
	    (c.cmd && !c.cmd->session_run && strcmp(c.cmd->name, "help") &&
	     strcmp(c.cmd->name, "version"))) {
		fprintf(stderr, "daxinspect: '%s' is not a shell command; 'help' lists them\n",
			argv[0]);
		return true;
	}
	c.opts = *sh->base;
	c.opts.help = c.opts.json = c.opts.all_pages = false;
	c.opts.checks = c.opts.severity = c.opts.inode = NULL;
	if (dxi_parse_options(argc, argv, &c.opts, &version) >= 0)
		return true;
	if (c.opts.help) {
		char *hv[] = { argv[0] };

		dxi_cmd_help(&c.opts, 1, hv);
		return true;
	}
	c.argc = argc - optind;
	c.argv = argv + optind;
	interrupted = 0;
	run_paged(call, &c);
	if (interrupted) {
		fprintf(stderr, "daxinspect: interrupted\n");
		interrupted = 0;
	}
	return true;
}

static void add_word(struct shell *sh, const char *w)
{
	char *copy = strdup(w);

	if (copy && !strvec_push(&sh->words, copy))
		free(copy);
}

static void clear_words(struct shell *sh)
{
	for (size_t i = 0; i < sh->words.len; i++)
		free(sh->words.data[i]);
	free(sh->words.data);
	memset(&sh->words, 0, sizeof(sh->words));
}

static char *generator(const char *text, int state)
{
	static size_t i;
	size_t len = strlen(text);

	if (!state)
		i = 0;
	while (shell_ctx && i < shell_ctx->words.len) {
		const char *w = shell_ctx->words.data[i++];

		if (!strncmp(w, text, len))
			return strdup(w);
	}
	return NULL;
}

/* Candidates for the word at start: commands first, then per command. */
static char **complete(const char *text, int start, int end)
{
	struct shell *sh = shell_ctx;
	char line[1024], *argv[MAX_ARGS + 1];
	int argc;

	(void)end;
	rl_attempted_completion_over = 1;
	clear_words(sh);
	snprintf(line, sizeof(line), "%.*s", start, rl_line_buffer);
	argc = split(line, argv, MAX_ARGS);
	if (argc == 0 || (argc == 1 && !strcmp(argv[0], "help"))) {
		size_t n;
		const struct dxi_command *c = dxi_commands(&n);

		for (size_t i = 0; i < n; i++) {
			if (c[i].session_run || argc == 1)
				add_word(sh, c[i].name);
		}
		for (size_t i = 0; i < sh->base->registry->ncommands; i++)
			add_word(sh, sh->base->registry->commands[i]->name);
		if (!argc) {
			add_word(sh, "help");
			add_word(sh, "quit");
		}
	} else if (text[0] == '-') {
		for (const struct option *o = dxi_long_options; o->name; o++) {
			char w[64];

			snprintf(w, sizeof(w), "--%s", o->name);
			add_word(sh, w);
		}
	} else if (!strcmp(argv[0], "entries") ||
		   !strcmp(argv[argc - 1], "--inode")) {
		if (!dxi_session_audit(sh->base, sh->s)) {
			for (size_t i = 0; i < sh->s->a.dax.ninodes; i++) {
				char id[64];

				dxi_format_inode_id(&sh->s->a.dax.inodes[i], id, sizeof(id));
				add_word(sh, id);
				if (sh->s->a.dax.inodes[i].path)
					add_word(sh, sh->s->a.dax.inodes[i].path);
			}
		}
	} else if (!strcmp(argv[0], "page")) {
		if (!dxi_session_audit(sh->base, sh->s)) {
			for (size_t i = 0; i < sh->s->a.nfindings; i++) {
				char w[32];

				if (!sh->s->a.findings[i].has_pfn)
					continue;
				snprintf(w, sizeof(w), "%#llx",
					 (unsigned long long)sh->s->a.findings[i].pfn);
				add_word(sh, w);
			}
		}
	} else if (!strcmp(argv[0], "check") && argc >= 2 &&
		   !strcmp(argv[argc - 1], "--check")) {
		for (size_t i = 0; i < sh->base->registry->nchecks; i++)
			add_word(sh, sh->base->registry->checks[i]->id);
	}
	return rl_completion_matches(text, generator);
}

int dxi_cmd_shell(const struct dxi_options *opts, int argc, char **argv)
{
	struct shell sh = { .base = opts };
	struct dxi_session s;
	struct sigaction sa = { 0 };
	struct dxi_error *err;
	char prompt[256], *hist, *line;
	const char *base;

	if (argc != 1) {
		fprintf(stderr, "daxinspect: shell takes one TARGET\nusage: daxinspect shell [OPTIONS] TARGET\n");
		return DXI_EXIT_USAGE;
	}
	err = dxi_session_open(opts, argv[0], &s);
	if (err)
		return dxi_cli_fail(err);
	s.interrupted = &interrupted;
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	/* Open and audit once: later commands reuse it. */
	err = dxi_session_audit(opts, &s);
	if (err) {
		dxi_session_close(&s);
		return dxi_cli_fail(err);
	}
	sh.s = &s;
	shell_ctx = &sh;
	base = strrchr(argv[0], '/');
	snprintf(prompt, sizeof(prompt), "daxinspect(%s)> ", base ? base + 1 : argv[0]);
	rl_readline_name = "daxinspect";
	rl_attempted_completion_function = complete;
	rl_signal_event_hook = signal_hook;
	hist = history_path();
	if (hist)
		read_history(hist);
	printf("%s: kernel %s, %zu DAX inodes, %zu findings. 'help' lists the commands, 'quit' leaves.\n",
	       argv[0], s.k->target->vmci.osrelease, s.a.dax.ninodes, s.a.nfindings);
	while ((line = readline(prompt))) {
		bool go_on;

		if (*line)
			add_history(line);
		go_on = run_line(&sh, line);
		free(line);
		if (!go_on)
			break;
	}
	if (!line)
		putchar('\n');
	if (hist) {
		write_history(hist);
		history_truncate_file(hist, 1000);
		free(hist);
	}
	clear_words(&sh);
	shell_ctx = NULL;
	dxi_session_close(&s);
	return DXI_EXIT_OK;
}
