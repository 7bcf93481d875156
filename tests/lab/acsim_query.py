"""acsim_query.py -- the query language of the GenieACS NBI stand-in.

GenieACS hands the `query` parameter of GET /<collection>/ to MongoDB.  For
the devices collection it first rewrites it (lib/query.ts, expand()):

  * a key whose last segment does not start with "_" names a parameter, so
    "._value" is appended: {"InternetGatewayDevice.DeviceInfo.ModelName":
    "HG8245H"} becomes {"...ModelName._value": "HG8245H"}, while
    "_id", "_lastInform", "_tags" and "_deviceId._SerialNumber" stay;
  * a string value stands for several alternatives (normalize()): itself,
    a regular expression when it is written "/re/flags", a number when it
    reads as one, a date when it is at least 8 characters and parses as a
    year after 1983, and a wildcard pattern when it holds "*".  More than one
    alternative makes {"$or": [...]} inside a top-level "$and" ("$ne" and
    "$not" make one "$and" entry each instead);
  * $eq $gt $gte $in $lt $lte $ne $nin expand their operands the same way;
    any other operator ($regex, $exists, ...) is passed through.

The tasks and faults collections only turn "timestamp" into a date
(sanitizeQueryTypes); files and the rest are plain MongoDB queries.

What MongoDB then does is implemented for the subset the NBI's users send:
equality on any dotted path (an array field matches when an element does),
$and $or $nor, $eq $ne $in $nin $lt $lte $gt $gte (only within one type
bracket: numbers with numbers, strings with strings, dates with dates),
$regex with $options, $exists and $not.  Anything else raises QueryError,
which the server answers with 400.

Dates are Date objects (milliseconds since the epoch) and are written as
ISO 8601 with milliseconds and "Z", as GenieACS's JSON.stringify does.
"""

import datetime
import json
import re


class QueryError(Exception):
    """A query the stand-in cannot run (the server answers 400)."""


class Date:
    """A BSON date: milliseconds since the epoch."""

    __slots__ = ("ms",)

    def __init__(self, ms):
        self.ms = int(ms)

    def iso(self):
        t = datetime.datetime.fromtimestamp(self.ms / 1000.0, datetime.timezone.utc)
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (self.ms % 1000)

    def year(self):
        return datetime.datetime.fromtimestamp(self.ms / 1000.0, datetime.timezone.utc).year

    def __eq__(self, other):
        return isinstance(other, Date) and other.ms == self.ms

    def __lt__(self, other):
        return self.ms < other.ms

    def __hash__(self):
        return hash(self.ms)

    def __repr__(self):
        return "Date(%s)" % self.iso()


_DATE_RE = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?\s*$")


def parse_date(s):
    """The subset of JavaScript's Date parsing the NBI's users write:
    "2017-12-11", "2017-12-11 13:16:23 +0000", "2026-12-02T04:05:06.123Z".
    A date without an offset is UTC.  None when s is not one."""
    m = _DATE_RE.match(s)
    if m is None:
        return None
    y, mo, d, h, mi, sec, frac, off = m.groups()
    try:
        t = datetime.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0),
                              int(sec or 0), tzinfo=datetime.timezone.utc)
    except ValueError:
        return None
    ms = int(t.timestamp() * 1000)
    if frac:
        ms += int((frac + "00")[:3])
    if off and off != "Z":
        sign = 1 if off[0] == "+" else -1
        digits = off[1:].replace(":", "")
        ms -= sign * (int(digits[:2]) * 3600 + int(digits[2:]) * 60) * 1000
    return Date(ms)


def now_date():
    """The current time as a Date."""
    return Date(int(datetime.datetime.now(datetime.timezone.utc).timestamp() * 1000))


# ---- GenieACS's rewriting of device queries (lib/query.ts) ----------------

_NUMBER_RE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_EXPAND_OPS = {"$eq", "$gt", "$gte", "$in", "$lt", "$lte", "$ne", "$nin"}


def _js_number(s):
    """JavaScript's `+s === parseFloat(s)` test for the decimal forms: the
    number, or None."""
    t = s.strip()
    if not _NUMBER_RE.match(t):
        return None
    f = float(t)
    return int(f) if f.is_integer() and abs(f) < 2 ** 53 else f


def _js_regex(pattern, flags=""):
    """A compiled JavaScript regular expression (the common subset)."""
    f = 0
    if "i" in flags:
        f |= re.IGNORECASE
    if "m" in flags:
        f |= re.MULTILINE
    if "s" in flags:
        f |= re.DOTALL
    if "x" in flags:
        f |= re.VERBOSE
    try:
        return re.compile(pattern, f)
    except re.error as e:
        raise QueryError("invalid regular expression /%s/: %s" % (pattern, e))


def _wildcard(s):
    """stringToRegexp(): GenieACS's wildcard pattern, with its quirk that
    only the first special character is escaped and only the first "*"
    inside becomes ".*" (String.replace without the g flag)."""
    out = re.sub(r"[\[\]\\^$.|?+()]", lambda m: "\\" + m.group(0), s, count=1)
    if out.startswith("*"):
        out = out.lstrip("*")
    else:
        out = "^" + out
    if out.endswith("*"):
        out = out.rstrip("*")
    else:
        out = out + "$"
    out = out.replace("*", ".*", 1)
    return _js_regex(out)


def normalize(value):
    """The alternatives a query value stands for (a list for a string)."""
    if not isinstance(value, str):
        return value
    vals = [value]
    m = re.match(r"^/(.*?)/(g?i?m?y?)$", value, re.S)
    if m:
        vals.append({"$regex": _js_regex(m.group(1), m.group(2))})
    n = _js_number(value)
    if n is not None:
        vals.append(n)
    if len(value) >= 8:
        d = parse_date(value)
        if d is not None and d.year() > 1983:
            vals.append(d)
    if "*" in value:
        vals.append({"$regex": _wildcard(value)})
    return vals


def _expand_value(value):
    if isinstance(value, list):
        a = []
        for j in value:
            a.extend(_expand_value(j))
        return [a]
    if not isinstance(value, dict):
        n = normalize(value)
        return n if isinstance(n, list) else [n]
    keys, values = [], []
    for k, v in value.items():
        keys.append(k)
        values.append(_expand_value(v) if k in _EXPAND_OPS else [v])
    objs = []
    idx = [0] * len(keys)
    while True:
        objs.append({keys[j]: values[j][idx[j]] for j in range(len(keys))})
        i = 0
        while i < len(idx):
            idx[i] += 1
            if idx[i] < len(values[i]):
                break
            idx[i] = 0
            i += 1
        if i == len(idx):
            return objs


def _permute(param, val):
    values = _expand_value(val)
    if not param[param.rfind(".") + 1:].startswith("_"):
        param += "._value"
    return [{param: v} for v in values]


def expand(query):
    """lib/query.ts expand(): the device query MongoDB receives."""
    if not isinstance(query, dict):
        raise QueryError("a query is a JSON object")
    out = {}
    for k, v in query.items():
        if k.startswith("$"):
            if not isinstance(v, list):
                raise QueryError("%s wants an array" % k)
            out[k] = [expand(e) for e in v]
            continue
        conds = _permute(k, v)
        if len(conds) > 1:
            out.setdefault("$and", [])
            if isinstance(v, dict) and (v.get("$ne") is not None or v.get("$not") is not None):
                if len(v) > 1:
                    raise QueryError("Cannot mix $ne or $not with other operators")
                out["$and"].extend(conds)
            else:
                out["$and"].append({"$or": conds})
        else:
            out.update(conds[0])
    return out


def sanitize_types(query, types):
    """lib/query.ts sanitizeQueryTypes(): converts the named fields."""
    for k, v in query.items():
        if k.startswith("$"):
            for vv in v:
                sanitize_types(vv, types)
        elif k in types:
            if isinstance(v, dict):
                for op, vv in v.items():
                    if op in ("$in", "$nin"):
                        v[op] = [types[k](x) for x in vv]
                    elif op in ("$eq", "$gt", "$gte", "$lt", "$lte", "$ne"):
                        v[op] = types[k](vv)
                    elif op not in ("$exists", "$type"):
                        raise QueryError("Operator not supported")
            else:
                query[k] = types[k](v)
    return query


def to_date(v):
    """A task's or fault's "timestamp" operand as a Date."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return Date(v)
    if isinstance(v, str):
        d = parse_date(v)
        if d is not None:
            return d
    raise QueryError("not a date: %r" % (v,))


# ---- MongoDB's matching ---------------------------------------------------

MISSING = object()
_RE_TYPE = type(re.compile(""))


def get_path(doc, path):
    """The value at a dotted path, MISSING when absent.  Stops at arrays
    (the fields the stand-in stores in arrays, _tags, are leaves)."""
    cur = doc
    for seg in path.split("."):
        if isinstance(cur, dict) and seg in cur:
            cur = cur[seg]
        else:
            return MISSING
    return cur


def _bracket(x):
    if x is MISSING or x is None:
        return 0
    if isinstance(x, bool):
        return 8
    if isinstance(x, (int, float)):
        return 1
    if isinstance(x, str):
        return 2
    if isinstance(x, dict):
        return 3
    if isinstance(x, list):
        return 4
    if isinstance(x, Date):
        return 9
    return 10


def _eq(v, q):
    if isinstance(q, _RE_TYPE):
        return isinstance(v, str) and q.search(v) is not None
    if isinstance(v, list) and not isinstance(q, list):
        return any(_eq(e, q) for e in v)
    bv, bq = _bracket(v), _bracket(q)
    if bv != bq:
        return False
    if bv == 0:
        return True
    return v == q


def _cmp(v, q, op):
    if isinstance(v, list):
        return any(_cmp(e, q, op) for e in v)
    if v is MISSING or _bracket(v) != _bracket(q) or _bracket(v) == 0:
        return False
    if op == "$lt":
        return v < q
    if op == "$lte":
        return v < q or v == q
    if op == "$gt":
        return q < v
    return q < v or v == q


def _regex_of(spec):
    pat, opts = spec.get("$regex"), spec.get("$options", "")
    if isinstance(pat, _RE_TYPE):
        return pat if not opts else _js_regex(pat.pattern, opts)
    if not isinstance(pat, str):
        raise QueryError("$regex wants a string")
    return _js_regex(pat, opts)


def _in_one(v, a):
    """One element of $in: a value, or a regular expression (GenieACS's
    expansion puts {"$regex": ...} alternatives there)."""
    if isinstance(a, dict) and "$regex" in a:
        return _eq(v, _regex_of(a))
    return _eq(v, a)


def _match_cond(v, cond):
    """Whether the field value v (maybe MISSING) meets cond."""
    if isinstance(cond, dict) and cond and all(k.startswith("$") for k in cond):
        for op, arg in cond.items():
            if op == "$options":
                continue
            if op == "$eq":
                ok = _eq(v, arg)
            elif op == "$ne":
                ok = not _eq(v, arg)
            elif op == "$in":
                if not isinstance(arg, list):
                    raise QueryError("$in needs an array")
                ok = any(_in_one(v, a) for a in arg)
            elif op == "$nin":
                if not isinstance(arg, list):
                    raise QueryError("$nin needs an array")
                ok = not any(_in_one(v, a) for a in arg)
            elif op in ("$lt", "$lte", "$gt", "$gte"):
                ok = _cmp(v, arg, op)
            elif op == "$regex":
                r = _regex_of(cond)
                ok = _eq(v, r)
            elif op == "$exists":
                ok = (v is not MISSING) == bool(arg)
            elif op == "$not":
                ok = not _match_cond(v, arg)
            else:
                raise QueryError("unknown operator: %s" % op)
            if not ok:
                return False
        return True
    if isinstance(cond, _RE_TYPE):
        return _eq(v, cond)
    return _eq(v, cond)


def match(doc, query):
    """Whether doc meets the MongoDB query."""
    for k, cond in query.items():
        if k == "$and":
            if not all(match(doc, q) for q in cond):
                return False
        elif k == "$or":
            if not any(match(doc, q) for q in cond):
                return False
        elif k == "$nor":
            if any(match(doc, q) for q in cond):
                return False
        elif k.startswith("$"):
            raise QueryError("unknown top-level operator: %s" % k)
        elif not _match_cond(get_path(doc, k), cond):
            return False
    return True


# ---- projection and output ------------------------------------------------

def optimize_projection(paths):
    """lib/db/util.ts optimizeProjection(): drops paths inside others."""
    if "" in paths:
        return [""]
    keys = sorted(set(paths))
    out = []
    for k in keys:
        if out and k.startswith(out[-1]) and (k[len(out[-1]):][:1] == "." or out[-1].endswith(".")):
            continue
        out.append(k)
    return out


def project(doc, paths):
    """A MongoDB inclusion projection: "_id" and the named subtrees."""
    if paths == [""]:
        return doc
    out = {"_id": doc["_id"]} if "_id" in doc else {}
    for p in paths:
        segs = [s for s in p.split(".") if s != ""]
        if not segs:
            continue
        src, dst = doc, out
        for i, seg in enumerate(segs):
            if not isinstance(src, dict) or seg not in src:
                break
            if i == len(segs) - 1:
                dst[seg] = src[seg]
            else:
                src = src[seg]
                if not isinstance(src, dict):
                    break
                dst = dst.setdefault(seg, {})
    return out


def _default(o):
    if isinstance(o, Date):
        return o.iso()
    raise TypeError("not JSON: %r" % (o,))


def dumps(obj):
    """JSON as GenieACS writes it (dates in ISO 8601)."""
    return json.dumps(obj, default=_default, separators=(",", ":"), ensure_ascii=False)


def to_state(obj):
    """obj with dates as {"$date": ms}, for the --state file."""
    if isinstance(obj, Date):
        return {"$date": obj.ms}
    if isinstance(obj, dict):
        return {k: to_state(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [to_state(v) for v in obj]
    return obj


def from_state(obj):
    """The inverse of to_state()."""
    if isinstance(obj, dict):
        if len(obj) == 1 and "$date" in obj:
            return Date(obj["$date"])
        return {k: from_state(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [from_state(v) for v in obj]
    return obj
