/*
 * snmp.c — SNMP GET and GETBULK walks over net-snmp's single-session API.
 *
 * The library is initialised once (pthread_once) with persistent state and
 * MIB loading off, and its logging disabled: net-snmp must never write to
 * stderr under a curses screen, nor into /var/lib/snmp.  After that, each
 * client owns one single-session handle (snmp_sess_open), which net-snmp
 * documents as safe to use from one thread while other threads use theirs.
 *
 * Walk termination: endOfMibView, noSuchObject, noSuchInstance, an OID
 * outside the subtree, or an OID that does not increase (a broken agent
 * looping) all end a column.  A timeout mid-walk is an error that says how
 * far the walk got, so a poller can keep what it read.
 */
#include "drivers/snmp.h"
#include "lib/util.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct snmp_client {
	void		*handle;	/* net-snmp single session */
	char		 peer[128];	/* "host:port" for messages */
	int		 timeout_ms;
	int		 retries;
	int		 max_reps;
	int		 gap_ms;	/* minimum spacing of requests */
	int64_t		 last_ms;	/* when the last request went out */
	unsigned long	 max_requests;	/* 0 = no budget */
	unsigned long	 requests;
	bool		 budget_spent;	/* a request was refused for the budget */
};

static pthread_once_t snmp_once = PTHREAD_ONCE_INIT;

/* Swallows net-snmp's log messages: nothing may reach a curses screen. */
static int
swallow_log(int major, int minor, void *server_arg, void *client_arg)
{
	(void)major;
	(void)minor;
	(void)server_arg;
	(void)client_arg;
	return 0;
}

static void
snmp_lib_init(void)
{
	setenv("MIBS", "", 1);
	/* A callback log handler, registered before init_snmp, keeps the
	   library from falling back to stderr ("Created directory: …"). */
	snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING,
	    swallow_log, NULL);
	snmp_enable_calllog();
	/* net-snmp creates <persistent dir>/cert_indexes at init and announces
	   it on stderr whatever the log handlers say.  Point the persistent
	   directory at a private one that already has it. */
	{
		const char *base = getenv("XDG_STATE_HOME");
		const char *home = getenv("HOME");
		char *dir = base && *base ? xasprintf("%s/oltui/snmp", base) :
		    home && *home ? xasprintf("%s/.local/state/oltui/snmp", home) :
		    xasprintf("/tmp/oltui-snmp-%d", (int)getuid());
		char *certs = xasprintf("%s/cert_indexes", dir);
		char *p;

		for (p = certs + 1; *p != '\0'; p++) {
			if (*p == '/') {
				*p = '\0';
				mkdir(certs, 0700);
				*p = '/';
			}
		}
		mkdir(certs, 0700);
		netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID,
		    NETSNMP_DS_LIB_PERSISTENT_DIR, dir);
		free(certs);
		free(dir);
	}
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
	    NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
	    NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
	    NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
	snmp_disable_log();
	init_snmp("oltui");
	snmp_disable_log();
}

/* Sets v3 security parameters on sess; 0 or -1 + cause. */
static int
setup_v3(netsnmp_session *s, const struct snmp_target *t, char **cause)
{
	s->version = SNMP_VERSION_3;
	s->securityName = xstrdup(t->v3_user ? t->v3_user : "");
	s->securityNameLen = strlen(s->securityName);
	s->securityLevel = SNMP_SEC_LEVEL_NOAUTH;
	if (t->v3_context != NULL) {
		s->contextName = xstrdup(t->v3_context);
		s->contextNameLen = strlen(t->v3_context);
	}
	if (t->v3_auth_proto == NULL)
		return 0;
	if (str_casecmp(t->v3_auth_proto, "MD5") == 0) {
		s->securityAuthProto = snmp_duplicate_objid(usmHMACMD5AuthProtocol,
		    USM_AUTH_PROTO_MD5_LEN);
		s->securityAuthProtoLen = USM_AUTH_PROTO_MD5_LEN;
	} else if (str_casecmp(t->v3_auth_proto, "SHA") == 0) {
		s->securityAuthProto = snmp_duplicate_objid(usmHMACSHA1AuthProtocol,
		    USM_AUTH_PROTO_SHA_LEN);
		s->securityAuthProtoLen = USM_AUTH_PROTO_SHA_LEN;
	} else {
		set_cause(cause, "SNMPv3 auth protocol '%s': use MD5 or SHA",
		    t->v3_auth_proto);
		return -1;
	}
	s->securityLevel = SNMP_SEC_LEVEL_AUTHNOPRIV;
	s->securityAuthKeyLen = USM_AUTH_KU_LEN;
	if (t->v3_auth_pass == NULL || strlen(t->v3_auth_pass) < 8 ||
	    generate_Ku(s->securityAuthProto, (u_int)s->securityAuthProtoLen,
	    (const u_char *)t->v3_auth_pass, strlen(t->v3_auth_pass),
	    s->securityAuthKey, &s->securityAuthKeyLen) != SNMPERR_SUCCESS) {
		set_cause(cause, "SNMPv3 auth passphrase: needs at least 8 characters");
		return -1;
	}
	if (t->v3_priv_proto == NULL)
		return 0;
	if (str_casecmp(t->v3_priv_proto, "DES") == 0) {
		s->securityPrivProto = snmp_duplicate_objid(usmDESPrivProtocol,
		    USM_PRIV_PROTO_DES_LEN);
		s->securityPrivProtoLen = USM_PRIV_PROTO_DES_LEN;
	} else if (str_casecmp(t->v3_priv_proto, "AES") == 0) {
		s->securityPrivProto = snmp_duplicate_objid(usmAESPrivProtocol,
		    USM_PRIV_PROTO_AES_LEN);
		s->securityPrivProtoLen = USM_PRIV_PROTO_AES_LEN;
	} else {
		set_cause(cause, "SNMPv3 privacy protocol '%s': use DES or AES",
		    t->v3_priv_proto);
		return -1;
	}
	s->securityLevel = SNMP_SEC_LEVEL_AUTHPRIV;
	s->securityPrivKeyLen = USM_PRIV_KU_LEN;
	if (t->v3_priv_pass == NULL || strlen(t->v3_priv_pass) < 8 ||
	    generate_Ku(s->securityAuthProto, (u_int)s->securityAuthProtoLen,
	    (const u_char *)t->v3_priv_pass, strlen(t->v3_priv_pass),
	    s->securityPrivKey, &s->securityPrivKeyLen) != SNMPERR_SUCCESS) {
		set_cause(cause, "SNMPv3 privacy passphrase: needs at least 8 characters");
		return -1;
	}
	return 0;
}

struct snmp_client *
snmpc_open(const struct snmp_target *t, char **cause)
{
	netsnmp_session s;
	struct snmp_client *c;
	char peer[160];
	int port = t->port > 0 ? t->port : 161;

	pthread_once(&snmp_once, snmp_lib_init);
	if (t->host == NULL || *t->host == '\0' || str_has_control(t->host) ||
	    strlen(t->host) > 100) {
		set_cause(cause, "SNMP host: give an address such as 127.0.0.1");
		return NULL;
	}
	snmp_sess_init(&s);
	if (t->host[0] == '[' || strchr(t->host, ':') == NULL)
		snprintf(peer, sizeof peer, "udp%s:%s:%d",
		    t->host[0] == '[' ? "6" : "", t->host, port);
	else
		snprintf(peer, sizeof peer, "udp6:[%s]:%d", t->host, port);
	s.peername = peer;
	s.timeout = (long)(t->timeout_ms > 0 ? t->timeout_ms : 1000) * 1000L;
	s.retries = t->retries >= 0 ? t->retries : 1;
	if (t->version == 3) {
		if (setup_v3(&s, t, cause) != 0) {
			free(s.contextName);
			free(s.securityName);
			free(s.securityAuthProto);
			free(s.securityPrivProto);
			return NULL;
		}
	} else {
		if (t->community == NULL || *t->community == '\0') {
			set_cause(cause, "SNMP community: none set for %s", t->host);
			return NULL;
		}
		s.version = SNMP_VERSION_2c;
		s.community = (u_char *)xstrdup(t->community);
		s.community_len = strlen(t->community);
	}
	c = xcalloc(1, sizeof *c);
	c->handle = snmp_sess_open(&s);
	if (t->version == 3) {
		free(s.securityName);
		free(s.securityAuthProto);
		free(s.securityPrivProto);
		free(s.contextName);
	} else
		free(s.community);
	if (c->handle == NULL) {
		set_cause(cause, "cannot open an SNMP session to %s:%d", t->host, port);
		free(c);
		return NULL;
	}
	snprintf(c->peer, sizeof c->peer, "%s:%d", t->host, port);
	c->timeout_ms = t->timeout_ms > 0 ? t->timeout_ms : 1000;
	c->retries = s.retries;
	c->max_reps = t->max_reps > 0 ? t->max_reps : 20;
	c->gap_ms = t->rate_per_s > 0 ? 1000 / t->rate_per_s : 0;
	c->max_requests = t->max_requests;
	return c;
}

void
snmpc_close(struct snmp_client *c)
{
	if (c == NULL)
		return;
	snmp_sess_close(c->handle);
	free(c);
}

unsigned long
snmpc_requests(const struct snmp_client *c)
{
	return c->requests;
}

bool
snmpc_budget_spent(const struct snmp_client *c)
{
	return c->budget_spent;
}

/* Converts a net-snmp variable into our value struct. */
static void
to_value(const netsnmp_variable_list *v, struct snmp_value *out)
{
	size_t n = v->name_length < SNMP_MAX_OID ? v->name_length : SNMP_MAX_OID;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++)
		out->oid.sub[i] = (uint32_t)v->name[i];
	out->oid.len = n;
	switch (v->type) {
	case ASN_INTEGER:
		out->type = SNMPV_INT;
		out->i = *v->val.integer;
		break;
	case ASN_COUNTER:
	case ASN_GAUGE:
	case ASN_TIMETICKS:
		out->type = SNMPV_UINT;
		out->u = (uint32_t)*v->val.integer;
		break;
	case ASN_COUNTER64:
		out->type = SNMPV_U64;
		out->u = ((uint64_t)v->val.counter64->high << 32) |
		    (uint32_t)v->val.counter64->low;
		break;
	case ASN_OCTET_STR:
	case ASN_IPADDRESS:
		out->type = v->type == ASN_OCTET_STR ? SNMPV_OCTETS : SNMPV_IPADDR;
		out->len = v->val_len < sizeof out->bytes ? v->val_len : sizeof out->bytes;
		memcpy(out->bytes, v->val.string, out->len);
		break;
	case ASN_OBJECT_ID: {
		size_t k = v->val_len / sizeof(oid);
		out->type = SNMPV_OID;
		out->len = k < sizeof out->bytes / 4 ? k : sizeof out->bytes / 4;
		for (size_t i = 0; i < out->len; i++) {
			uint32_t x = (uint32_t)v->val.objid[i];
			memcpy(out->bytes + i * 4, &x, 4);
		}
		break;
	}
	case ASN_NULL:
		out->type = SNMPV_NULL;
		break;
	case SNMP_NOSUCHOBJECT:
	case SNMP_NOSUCHINSTANCE:
	case SNMP_ENDOFMIBVIEW:
		out->type = SNMPV_MISSING;
		break;
	default:
		out->type = SNMPV_OTHER;
		break;
	}
}

/* Sends pdu, returns the response or NULL with a cause. */
static netsnmp_pdu *
exchange(struct snmp_client *c, netsnmp_pdu *pdu, char **cause)
{
	netsnmp_pdu *resp = NULL;
	bool pdu_type_was_bulk = pdu->command == SNMP_MSG_GETBULK;
	int st;

	if (c->max_requests != 0 && c->requests >= c->max_requests) {
		c->budget_spent = true;
		snmp_free_pdu(pdu);
		set_cause(cause, "SNMP request budget of %lu for %s used up", c->max_requests,
		    c->peer);
		return NULL;
	}
	if (c->gap_ms > 0 && c->last_ms != 0) {
		int64_t wait = c->last_ms + c->gap_ms - mono_ms();
		if (wait > 0)
			sleep_ms((int)wait);
	}
	c->last_ms = mono_ms();
	c->requests += 1;
	st = snmp_sess_synch_response(c->handle, pdu, &resp);
	if (st == STAT_TIMEOUT) {
		c->requests += (unsigned long)c->retries;
		set_cause(cause, "no answer from %s within %d ms (%d retries): wrong "
		    "community, agent down or filtered", c->peer, c->timeout_ms,
		    c->retries);
		return NULL;
	}
	if (st != STAT_SUCCESS || resp == NULL) {
		set_cause(cause, "SNMP request to %s failed: %s", c->peer,
		    snmp_api_errstring(snmp_errno));
		if (resp != NULL)
			snmp_free_pdu(resp);
		return NULL;
	}
	if (resp->errstat == SNMP_ERR_TOOBIG && pdu_type_was_bulk && c->max_reps > 1) {
		/* The answer would not fit the agent's message size: ask for
		   fewer rows per request from now on and let the caller retry. */
		c->max_reps /= 2;
		snmp_free_pdu(resp);
		set_cause(cause, "tooBig");
		return NULL;
	}
	if (resp->errstat != SNMP_ERR_NOERROR) {
		set_cause(cause, "SNMP agent %s answered: %s (index %ld)", c->peer,
		    snmp_errstring((int)resp->errstat), resp->errindex);
		snmp_free_pdu(resp);
		return NULL;
	}
	return resp;
}

static void
add_var(netsnmp_pdu *pdu, const struct snmp_oid *o)
{
	oid name[SNMP_MAX_OID];

	for (size_t i = 0; i < o->len; i++)
		name[i] = o->sub[i];
	snmp_add_null_var(pdu, name, o->len);
}

int
snmpc_get(struct snmp_client *c, const struct snmp_oid *oids, size_t n,
    struct snmp_value *out, char **cause)
{
	netsnmp_pdu *pdu, *resp;
	netsnmp_variable_list *v;
	size_t i;

	if (n == 0)
		return 0;
	pdu = snmp_pdu_create(SNMP_MSG_GET);
	for (i = 0; i < n; i++)
		add_var(pdu, &oids[i]);
	if ((resp = exchange(c, pdu, cause)) == NULL)
		return -1;
	for (i = 0, v = resp->variables; i < n; i++) {
		if (v != NULL) {
			to_value(v, &out[i]);
			v = v->next_variable;
		} else {
			memset(&out[i], 0, sizeof out[i]);
			out[i].oid = oids[i];
			out[i].type = SNMPV_MISSING;
		}
	}
	snmp_free_pdu(resp);
	return 0;
}

struct one_walk {
	int	(*cb)(const struct snmp_value *, void *);
	void	*arg;
};

static int
one_column(size_t col, const struct snmp_value *v, void *arg)
{
	struct one_walk *w = arg;

	(void)col;
	return w->cb(v, w->arg);
}

int
snmpc_walk(struct snmp_client *c, const struct snmp_oid *root,
    int (*cb)(const struct snmp_value *v, void *arg), void *arg, char **cause)
{
	struct one_walk w = { cb, arg };

	return snmpc_walk_columns(c, root, 1, one_column, &w, cause);
}

int
snmpc_walk_columns(struct snmp_client *c, const struct snmp_oid *cols,
    size_t ncols, int (*cb)(size_t col, const struct snmp_value *v, void *arg),
    void *arg, char **cause)
{
	struct snmp_oid *last = xcalloc(ncols, sizeof *last);
	bool *done = xcalloc(ncols, sizeof *done);
	size_t *active = xcalloc(ncols, sizeof *active);
	unsigned long got = 0;
	int rc = 0;

	for (size_t i = 0; i < ncols; i++)
		last[i] = cols[i];
	for (;;) {
		netsnmp_pdu *pdu, *resp;
		netsnmp_variable_list *v;
		size_t nactive = 0, k = 0;
		bool stop = false;
		char *why = NULL;

		for (size_t i = 0; i < ncols; i++)
			if (!done[i])
				active[nactive++] = i;
		if (nactive == 0)
			break;
		pdu = snmp_pdu_create(SNMP_MSG_GETBULK);
		pdu->non_repeaters = 0;
		pdu->max_repetitions = c->max_reps;
		for (size_t a = 0; a < nactive; a++)
			add_var(pdu, &last[active[a]]);
		if ((resp = exchange(c, pdu, &why)) == NULL && strcmp(why, "tooBig") == 0) {
			free(why);
			why = NULL;
			continue;	/* max_reps was halved: ask again */
		}
		if (resp == NULL) {
			set_cause(cause, "%s (walk stopped after %lu values)", why, got);
			free(why);
			rc = -1;
			break;
		}
		if (resp->variables == NULL) {
			/* An empty answer can not advance: treat as the end. */
			for (size_t a = 0; a < nactive; a++)
				done[active[a]] = true;
		}
		for (v = resp->variables; v != NULL && !stop; v = v->next_variable, k++) {
			size_t col = active[k % nactive];
			struct snmp_value val;

			if (done[col])
				continue;
			to_value(v, &val);
			if (val.type == SNMPV_MISSING || !snmp_oid_under(&val.oid, &cols[col]) ||
			    snmp_oid_cmp(&val.oid, &last[col]) <= 0) {
				done[col] = true;
				continue;
			}
			last[col] = val.oid;
			got++;
			if (cb(col, &val, arg) != 0)
				stop = true;
		}
		snmp_free_pdu(resp);
		if (stop)
			break;
	}
	free(last);
	free(done);
	free(active);
	return rc;
}

int
snmp_oid_parse(const char *s, struct snmp_oid *o)
{
	const char *p = s;

	o->len = 0;
	if (*p == '.')
		p++;
	while (*p != '\0') {
		char *end;
		unsigned long v;

		if (*p < '0' || *p > '9' || o->len == SNMP_MAX_OID)
			return -1;
		v = strtoul(p, &end, 10);
		if (v > UINT32_MAX)
			return -1;
		o->sub[o->len++] = (uint32_t)v;
		p = end;
		if (*p == '.')
			p++;
		else if (*p != '\0')
			return -1;
	}
	return o->len >= 2 ? 0 : -1;
}

void
snmp_oid_format(const struct snmp_oid *o, char *out, size_t size)
{
	size_t off = 0;

	if (size == 0)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < o->len && off < size; i++) {
		int n = snprintf(out + off, size - off, "%s%u", i ? "." : "", o->sub[i]);
		if (n < 0)
			break;
		off += (size_t)n;
	}
}

void
snmp_oid_append(struct snmp_oid *o, const uint32_t *subs, size_t n)
{
	for (size_t i = 0; i < n && o->len < SNMP_MAX_OID; i++)
		o->sub[o->len++] = subs[i];
}

bool
snmp_oid_under(const struct snmp_oid *o, const struct snmp_oid *prefix)
{
	if (o->len <= prefix->len)
		return false;
	return memcmp(o->sub, prefix->sub, prefix->len * sizeof o->sub[0]) == 0;
}

int
snmp_oid_cmp(const struct snmp_oid *a, const struct snmp_oid *b)
{
	size_t n = a->len < b->len ? a->len : b->len;

	for (size_t i = 0; i < n; i++)
		if (a->sub[i] != b->sub[i])
			return a->sub[i] < b->sub[i] ? -1 : 1;
	return a->len < b->len ? -1 : a->len > b->len;
}

uint64_t
snmp_counter_delta(uint64_t prev, uint64_t cur, int bits)
{
	if (cur >= prev)
		return cur - prev;
	if (bits >= 64)
		return UINT64_MAX - prev + cur + 1;
	return ((UINT64_C(1) << bits) - prev) + cur;
}
