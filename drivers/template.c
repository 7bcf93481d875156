/*
 * template.c — finding, reading and expanding command templates (see
 * template.h and docs/templates.md).
 *
 * Invariants: every placeholder value goes through validate_typed() for
 * its type before it is substituted; a template naming a type that does
 * not exist, a placeholder without a value (outside an optional [...]
 * segment) or a flag it does not know is an error naming the file and the
 * line, never a silently shorter command.  Secrets ({x:secret}) appear in
 * the step's command only; its display shows "******", and an undo may not
 * hold a secret at all (previews print undos as they are).
 *
 * Called by the adapters' plan builders on any worker thread; the override
 * directory is set when an engine opens (core/engine.c) and read under a
 * mutex, so an engine opened while another plans is safe.
 */
#include "drivers/template.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/text.h"
#include "lib/util.h"
#include "drivers/validate.h"

static char *override_dir;	/* under override_mu */
static pthread_mutex_t override_mu = PTHREAD_MUTEX_INITIALIZER;

void
tpl_set(struct tpl_vars *v, const char *name, const char *value)
{
	for (size_t i = 0; i < v->n; i++) {
		if (strcmp(v->name[i], name) == 0) {
			free(v->value[i]);
			v->value[i] = value != NULL ? xstrdup(value) : NULL;
			return;
		}
	}
	if (v->n == TPL_MAX_VARS)
		return;
	v->name[v->n] = xstrdup(name);
	v->value[v->n++] = value != NULL ? xstrdup(value) : NULL;
}

void
tpl_seti(struct tpl_vars *v, const char *name, long value)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%ld", value);
	tpl_set(v, name, buf);
}

const char *
tpl_get(const struct tpl_vars *v, const char *name)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->name[i], name) == 0)
			return v->value[i];
	return NULL;
}

void
tpl_vars_free(struct tpl_vars *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->name[i]);
		free(v->value[i]);
	}
	v->n = 0;
}

void
template_set_override_dir(const char *dir)
{
	char *old;

	pthread_mutex_lock(&override_mu);
	old = override_dir;
	override_dir = dir != NULL ? xstrdup(dir) : NULL;
	pthread_mutex_unlock(&override_mu);
	free(old);
}

/* The directories to search, in order; *n set.  Strings owned by caller. */
static size_t
search_dirs(char *dirs[4])
{
	const char *env = getenv("OLTUI_TEMPLATE_DIR");
	char exe[4096];
	ssize_t len;
	size_t n = 0;

	if (env != NULL && *env != '\0')
		dirs[n++] = xstrdup(env);
	pthread_mutex_lock(&override_mu);
	if (override_dir != NULL)
		dirs[n++] = xstrdup(override_dir);
	pthread_mutex_unlock(&override_mu);
	dirs[n++] = xstrdup(OLTUI_DATADIR "/templates");
	len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		char *slash;
		exe[len] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			dirs[n++] = xasprintf("%s/drivers/templates", exe);
		}
	}
	return n;
}

/* True when a path names a readable regular file. */
static bool
readable(const char *path)
{
	return access(path, R_OK) == 0;
}

/* True when a model name is safe as one path component. */
static bool
safe_component(const char *s)
{
	if (s == NULL || *s == '\0' || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return false;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
			return false;
	return true;
}

char *
template_find(const char *vendor, const char *model, const char *name, char **cause)
{
	char *dirs[4], *found = NULL;
	size_t n = search_dirs(dirs);
	struct buf where = { 0 };

	for (size_t i = 0; i < n && found == NULL; i++) {
		char *p;
		if (safe_component(model)) {
			p = xasprintf("%s/%s/%s/%s", dirs[i], vendor, model, name);
			if (readable(p))
				found = p;
			else
				free(p);
		}
		if (found == NULL) {
			p = xasprintf("%s/%s/%s", dirs[i], vendor, name);
			if (readable(p))
				found = p;
			else
				free(p);
		}
		buf_addf(&where, "%s%s", i > 0 ? ", " : "", dirs[i]);
	}
	if (found == NULL)
		set_cause(cause, "no template %s/%s in %s (set OLTUI_TEMPLATE_DIR or install "
		    "the templates)", vendor, name, buf_str(&where));
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	buf_free(&where);
	return found;
}

/* Reads a whole file; NULL with a cause. */
static char *
slurp(const char *path, char **cause)
{
	FILE *f = fopen(path, "r");
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;

	if (f == NULL) {
		set_cause(cause, "cannot read template %s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_take(&b);
}

/* Where an error is, for messages. */
struct where {
	const char	*file;
	int		 line;
};

/* Substitutes placeholders of text into *cmd (and *disp with secrets
   masked).  *secret tells whether one was substituted.  0, or -1 with a
   cause. */
static int
subst(const struct gpon_limits *l, const struct where *w, const char *text,
    const struct tpl_vars *vars, char **cmd, char **disp, bool *secret, char **cause)
{
	struct buf out = { 0 }, dout = { 0 }, seg = { 0 }, dseg = { 0 };
	bool in_seg = false, seg_missing = false;
	char *c2 = NULL;
	const char *p;

	*secret = false;
	for (p = text; *p != '\0'; p++) {
		struct buf *o = in_seg ? &seg : &out, *d = in_seg ? &dseg : &dout;

		if (*p == '[') {
			if (in_seg) {
				set_cause(cause, "%s line %d: optional segments [...] do not nest",
				    w->file, w->line);
				goto fail;
			}
			in_seg = true;
			seg_missing = false;
			buf_reset(&seg);
			buf_reset(&dseg);
			continue;
		}
		if (*p == ']') {
			if (!in_seg) {
				set_cause(cause, "%s line %d: ']' without '['", w->file, w->line);
				goto fail;
			}
			in_seg = false;
			if (!seg_missing) {
				buf_adds(&out, buf_str(&seg));
				buf_adds(&dout, buf_str(&dseg));
			}
			continue;
		}
		if (*p != '{') {
			buf_addc(o, *p);
			buf_addc(d, *p);
			continue;
		}
		const char *end = strchr(p, '}'), *colon;
		if (end == NULL) {
			set_cause(cause, "%s line %d: '{' without '}'", w->file, w->line);
			goto fail;
		}
		char *ph = xstrndup(p + 1, (size_t)(end - p - 1));
		colon = strchr(ph, ':');
		bool ok = colon != NULL && colon > ph && colon[1] != '\0';
		for (const char *q = ph; ok && q < colon; q++)
			ok = islower((unsigned char)*q) || isdigit((unsigned char)*q) || *q == '_';
		if (!ok) {
			set_cause(cause, "%s line %d: placeholder {%s} is not {name:type}",
			    w->file, w->line, ph);
			free(ph);
			goto fail;
		}
		*(char *)colon = '\0';
		const char *name = ph, *type = colon + 1, *val = tpl_get(vars, name);
		char *norm = NULL, *why = NULL, *field;
		if (val == NULL || *val == '\0') {
			/* Still refuse an unknown type, so a typo shows up. */
			char *dummy = NULL;
			if (validate_typed(l, type, name, "x", &dummy, &why) == -2) {
				set_cause(cause, "%s line %d: {%s:%s}: %s", w->file, w->line,
				    name, type, why);
				free(why);
				free(ph);
				goto fail;
			}
			free(dummy);
			free(why);
			why = NULL;
			if (!in_seg) {
				set_cause(cause, "%s line %d: placeholder {%s:%s} has no value",
				    w->file, w->line, name, type);
				free(ph);
				goto fail;
			}
			seg_missing = true;
			free(ph);
			p = end;
			continue;
		}
		field = xstrdup(name);
		for (char *q = field; *q != '\0'; q++)
			if (*q == '_')
				*q = ' ';
		if (validate_typed(l, type, field, val, &norm, &why) != 0) {
			set_cause(cause, "%s line %d: {%s:%s}: %s", w->file, w->line, name, type,
			    why);
			free(why);
			free(field);
			free(ph);
			goto fail;
		}
		free(field);
		buf_adds(o, norm);
		if (validate_type_secret(type)) {
			buf_adds(d, "******");
			*secret = true;
		} else
			buf_adds(d, norm);
		free(norm);
		free(ph);
		p = end;
	}
	if (in_seg) {
		set_cause(cause, "%s line %d: '[' without ']'", w->file, w->line);
		goto fail;
	}
	c2 = buf_take(&out);
	str_trim(c2);
	*cmd = c2;
	*disp = buf_take(&dout);
	str_trim(*disp);
	buf_free(&seg);
	buf_free(&dseg);
	return 0;
fail:
	buf_free(&out);
	buf_free(&dout);
	buf_free(&seg);
	buf_free(&dseg);
	return -1;
}

/* Parses "priv", "config", "if ARG", "onu ARG" into a mode and its argument
   (substituted).  0, or -1 with a cause. */
static int
parse_mode(const struct gpon_limits *l, const struct where *w, const char *spec,
    const struct tpl_vars *vars, enum cli_mode *mode, char **arg, char **cause)
{
	const char *sp = strchr(spec, ' ');
	size_t kl = sp != NULL ? (size_t)(sp - spec) : strlen(spec);
	char *disp = NULL;
	bool secret;

	*arg = NULL;
	if (kl == 4 && strncmp(spec, "priv", 4) == 0)
		*mode = CLI_MODE_PRIV;
	else if (kl == 6 && strncmp(spec, "config", 6) == 0)
		*mode = CLI_MODE_CONFIG;
	else if (kl == 2 && strncmp(spec, "if", 2) == 0)
		*mode = CLI_MODE_IF;
	else if (kl == 3 && strncmp(spec, "onu", 3) == 0)
		*mode = CLI_MODE_ONU;
	else {
		set_cause(cause, "%s line %d: mode \"%.*s\" is not priv, config, if or onu",
		    w->file, w->line, (int)kl, spec);
		return -1;
	}
	if (*mode == CLI_MODE_IF || *mode == CLI_MODE_ONU) {
		if (sp == NULL) {
			set_cause(cause, "%s line %d: mode %.*s needs an argument", w->file,
			    w->line, (int)kl, spec);
			return -1;
		}
		if (subst(l, w, sp + 1, vars, arg, &disp, &secret, cause) < 0)
			return -1;
		free(disp);
		if (secret || **arg == '\0') {
			set_cause(cause, "%s line %d: a mode argument may not be empty or secret",
			    w->file, w->line);
			free(*arg);
			*arg = NULL;
			return -1;
		}
	} else if (sp != NULL) {
		set_cause(cause, "%s line %d: mode %.*s takes no argument", w->file, w->line,
		    (int)kl, spec);
		return -1;
	}
	return 0;
}

/* Evaluates an if= condition. */
static bool
cond_holds(const struct tpl_vars *vars, const char *c)
{
	const char *eq = strstr(c, "=="), *ne = strstr(c, "!=");
	bool neg = false;

	if (eq != NULL || ne != NULL) {
		const char *op = eq != NULL ? eq : ne;
		char *name = xstrndup(c, (size_t)(op - c));
		const char *v = tpl_get(vars, str_trim(name));
		bool same = v != NULL && strcmp(v, op + 2) == 0;
		free(name);
		return eq != NULL ? same : !same;
	}
	if (*c == '!') {
		neg = true;
		c++;
	}
	const char *v = tpl_get(vars, c);
	bool set = v != NULL && *v != '\0' && strcmp(v, "0") != 0;
	return neg ? !set : set;
}

/* Splits a line at '|' into trimmed fields (modifies line). */
static size_t
split_fields(char *line, char *f[16])
{
	size_t n = 0;
	char *p = line;

	for (;;) {
		char *bar = strchr(p, '|');
		if (bar != NULL)
			*bar = '\0';
		if (n < 16)
			f[n++] = str_trim(p);
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	return n;
}

/* Expands one non-comment line.  0, or -1 with a cause. */
static int
expand_line(const struct gpon_limits *l, const struct where *w, char *line,
    const struct tpl_vars *vars, struct plan *p, char **cause)
{
	char *f[16], *cmd = NULL, *disp = NULL, *undo = NULL, *udisp = NULL;
	char *arg = NULL, *uarg = NULL, *expect = NULL, *edisp = NULL;
	enum cli_mode mode, umode;
	bool confirm = false, undo_confirm = false, secret, usecret, has_umode = false;
	const char *umode_spec = NULL;
	size_t n = split_fields(line, f);
	int rc = -1;

	if (n < 3) {
		set_cause(cause, "%s line %d: a step is MODE | command | undo [| flag]...",
		    w->file, w->line);
		return -1;
	}
	for (size_t i = 3; i < n; i++) {
		if (str_startswith(f[i], "if=")) {
			if (!cond_holds(vars, f[i] + 3)) {
				rc = 0;	/* the step is not for this request */
				goto out;
			}
		} else if (strcmp(f[i], "confirm") == 0)
			confirm = true;
		else if (strcmp(f[i], "undo_confirm") == 0)
			undo_confirm = true;
		else if (str_startswith(f[i], "expect=")) {
			free(expect);	/* the last one says */
			free(edisp);
			expect = edisp = NULL;
			if (subst(l, w, f[i] + 7, vars, &expect, &edisp, &secret, cause) < 0)
				goto out;
		} else if (str_startswith(f[i], "undo_mode=")) {
			umode_spec = f[i] + 10;
			has_umode = true;
		} else if (*f[i] != '\0') {
			set_cause(cause, "%s line %d: unknown flag \"%s\" (confirm, undo_confirm, "
			    "expect=, if=, undo_mode=)", w->file, w->line, f[i]);
			goto out;
		}
	}
	if (parse_mode(l, w, f[0], vars, &mode, &arg, cause) < 0)
		goto out;
	if (has_umode) {
		if (parse_mode(l, w, umode_spec, vars, &umode, &uarg, cause) < 0)
			goto out;
	} else {
		umode = mode;
		uarg = arg != NULL ? xstrdup(arg) : NULL;
	}
	if (subst(l, w, f[1], vars, &cmd, &disp, &secret, cause) < 0)
		goto out;
	if (*cmd == '\0') {
		set_cause(cause, "%s line %d: empty command", w->file, w->line);
		goto out;
	}
	if (*f[2] != '\0' && strcmp(f[2], "-") != 0) {
		if (subst(l, w, f[2], vars, &undo, &udisp, &usecret, cause) < 0)
			goto out;
		if (usecret) {
			set_cause(cause, "%s line %d: an undo may not hold a secret (previews "
			    "show undos as they are)", w->file, w->line);
			goto out;
		}
	}
	rc = plan_add(p, mode, arg, cmd, disp, confirm, expect, undo, umode, uarg,
	    undo_confirm, cause);
out:
	free(cmd);
	free(disp);
	free(undo);
	free(udisp);
	free(arg);
	free(uarg);
	free(expect);
	free(edisp);
	return rc;
}

int
template_expand_text(const struct olt_driver *d, const char *file, const char *text,
    const struct tpl_vars *vars, struct plan *p, char **cause)
{
	char **lines;
	size_t n = str_split_lines(text, &lines);
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		char *line = str_trim(lines[i]), label[300];
		struct where w = { file, (int)i + 1 };

		if (*line == '\0' || *line == '#')
			continue;
		/* A template is printable UTF-8 text (a TAB is a blank): no
		   control byte reaches a command, an undo or an expected text. */
		for (char *t = line; *t != '\0'; t++)
			if (*t == '\t')
				*t = ' ';
		snprintf(label, sizeof label, "%s line %d", file, w.line);
		if (text_check(label, line, cause) != 0) {
			rc = -1;
			break;
		}
		rc = expand_line(d->limits, &w, line, vars, p, cause);
	}
	strv_free(lines, n);
	return rc;
}

bool
template_exists(const struct olt_driver *d, const char *model, const char *action)
{
	char *name = xasprintf("%s.tpl", action), *path;
	bool found;

	path = template_find(d->name, model, name, NULL);
	found = path != NULL;
	free(name);
	free(path);
	return found;
}

int
template_expand(const struct olt_driver *d, const char *model, const char *action,
    const struct tpl_vars *vars, struct plan *p, char **cause)
{
	char *name = xasprintf("%s.tpl", action), *path, *text;
	int rc = -1;

	path = template_find(d->name, model, name, cause);
	free(name);
	if (path == NULL)
		return -1;
	if ((text = slurp(path, cause)) != NULL)
		rc = template_expand_text(d, path, text, vars, p, cause);
	free(text);
	free(path);
	return rc;
}

int
template_map(const char *vendor, const char *model, const char *name, const char *key,
    char **out, char **cause)
{
	char *path = template_find(vendor, model, name, cause), *text, **lines;
	struct buf keys = { 0 };
	size_t n;
	int rc = -1;

	*out = NULL;
	if (path == NULL)
		return -1;
	if ((text = slurp(path, cause)) == NULL) {
		free(path);
		return -1;
	}
	n = str_split_lines(text, &lines);
	size_t klen = strlen(key);
	for (size_t i = 0; i < n && rc < 0; i++) {
		char *l = str_trim(lines[i]);
		if (*l == '\0' || *l == '#')
			continue;
		/* "KEY... VALUE": the value is the last word. */
		char *last = strrchr(l, ' ');
		if (last == NULL)
			continue;
		*last = '\0';
		char *k = str_trim(l);
		if (strlen(k) == klen && strcmp(k, key) == 0) {
			*out = xstrdup(str_trim(last + 1));
			rc = 0;
		} else
			buf_addf(&keys, "%s\"%s\"", keys.len > 0 ? ", " : "", k);
	}
	if (rc < 0)
		set_cause(cause, "%s has no entry \"%s\" (it has %s)", path, key,
		    keys.len > 0 ? buf_str(&keys) : "none");
	strv_free(lines, n);
	buf_free(&keys);
	free(text);
	free(path);
	return rc;
}
