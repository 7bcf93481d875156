/* acsim_fixture.h — the GenieACS NBI stand-in (tests/lab/acsim.py) for the
   test programs: acsim_up() starts it on 127.0.0.1 (port 0: it picks one
   and writes it to a file) in a private directory, keeping its PID;
   acsim_ctl() makes a control call (POST|GET /_sim/...); acsim_down()
   stops it by that PID and removes the directory.  Included by the test
   programs (static functions: one copy per program). */
#ifndef OLTUI_ACSIM_FIXTURE_H
#define OLTUI_ACSIM_FIXTURE_H

#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/util.h"

struct acsim {
	pid_t	pid;
	int	port;
	char	dir[64];
	char	url[64];	/* "http://127.0.0.1:PORT" */
};

/* Starts acsim.py with the extra arguments args (NULL-terminated; NULL
   for none).  0, or -1 when it did not come up within 20 s. */
static int UNUSED
acsim_up(struct acsim *s, const char *const *args)
{
	const char *top = getenv("OLTUI_TOP");
	char *script, *portf;
	const char *argv[32];
	int n = 0;

	memset(s, 0, sizeof *s);
	strcpy(s->dir, "/tmp/oltui-acsim.XXXXXX");
	if (mkdtemp(s->dir) == NULL)
		return -1;
	script = xasprintf("%s/tests/lab/acsim.py", top != NULL ? top : ".");
	portf = xasprintf("%s/port", s->dir);
	argv[n++] = "/usr/bin/python3";
	argv[n++] = script;
	argv[n++] = "--port-file";
	argv[n++] = portf;
	for (int i = 0; args != NULL && args[i] != NULL && n < 30; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	if ((s->pid = fork()) == 0) {
		char *log = xasprintf("%s/log", s->dir);

		if (freopen("/dev/null", "r", stdin) == NULL ||
		    freopen(log, "w", stdout) == NULL || freopen(log, "a", stderr) == NULL)
			_exit(126);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	for (int i = 0; i < 200; i++) {
		FILE *f = fopen(portf, "r");

		if (f != NULL) {
			int ok = fscanf(f, "%d", &s->port) == 1;

			fclose(f);
			if (ok && s->port > 0) {
				snprintf(s->url, sizeof s->url, "http://127.0.0.1:%d", s->port);
				free(script);
				free(portf);
				return 0;
			}
		}
		if (waitpid(s->pid, NULL, WNOHANG) == s->pid) {
			s->pid = 0;
			break;
		}
		sleep_ms(100);
	}
	free(script);
	free(portf);
	return -1;
}

static size_t
acsim_collect(char *p, size_t size, size_t n, void *arg)
{
	buf_add(arg, p, size * n);
	return size * n;
}

/* A control call: method "GET" or "POST" on /_sim/<verb> (verb may hold
   "offline/<url-encoded id>?x=y"), with an optional body.  Returns the
   answer's body (caller frees) and its status in *http. */
static char * UNUSED
acsim_ctl(struct acsim *s, const char *method, const char *verb, const char *body, long *http)
{
	CURL *c = curl_easy_init();
	struct buf b = { 0 };
	char *url = xasprintf("%s/_sim/%s", s->url, verb);
	long code = 0;

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, acsim_collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	if (strcmp(method, "POST") == 0)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body != NULL ? body : "");
	curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(c);
	free(url);
	if (http != NULL)
		*http = code;
	return b.data != NULL ? buf_take(&b) : xstrdup("");
}

/* The id escaped for a control path. */
static char * UNUSED
acsim_esc(const char *id)
{
	char *e = curl_easy_escape(NULL, id, 0);
	char *out = xstrdup(e);

	curl_free(e);
	return out;
}

/* A control call on one device: POST /_sim/<verb>/<id><suffix>. */
static char * UNUSED
acsim_dev(struct acsim *s, const char *verb, const char *id, const char *suffix,
    const char *body)
{
	char *e = acsim_esc(id), *v = xasprintf("%s/%s%s", verb, e, suffix != NULL ? suffix : "");
	char *out = acsim_ctl(s, strcmp(verb, "device") == 0 ? "GET" : "POST", v, body, NULL);

	free(e);
	free(v);
	return out;
}

/* Stops it (SIGTERM, then waits) and removes its directory. */
static void UNUSED
acsim_down(struct acsim *s)
{
	char *cmd = xasprintf("rm -rf '%s'", s->dir);

	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
	}
	if (s->dir[0] != '\0' && system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", s->dir);
	free(cmd);
	memset(s, 0, sizeof *s);
}

#endif
