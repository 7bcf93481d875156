#!/usr/bin/python3
"""No SQL text is built from input (docs/security.md, "SQL injection").

Reads the C files given (or every .c under core, lib, tui, drivers and
tests/lab) and prints one line per breach; exits 1 when there is one:

1. The SQL argument of store_stmt, store_exec, sqlite3_prepare_v2/v3 and
   sqlite3_exec is a string literal, a `static const char NAME[]` of the
   same file made of literals only, an element of schema_migrations (the
   literal migrations of core/schema.c), a parameter of the enclosing
   static function (then it is called in the file, and every call passes
   SQL allowed by this rule), or a local assigned only such SQL or a
   formatted statement allowed by rule 2.
2. A formatted string (xasprintf, asprintf, snprintf, sqlite3_mprintf)
   that reads as SQL (it starts with a statement's keyword) formats
   integers only: no %s, %q, %Q, %w or %c.

store_stmt caches statements by the SQL text's address, so a statement
built at run time would also grow its cache without end: rule 1 guards
that as well.
"""
import glob
import os
import re
import sys

CALLS = r'\b(store_stmt|store_exec|sqlite3_prepare_v2|sqlite3_prepare_v3|sqlite3_exec)\s*\('
FORMATS = r'\b(xasprintf|asprintf|snprintf|sqlite3_mprintf)\s*\('
SQLWORD = re.compile(r'^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|WITH|BEGIN|COMMIT|ATTACH|VACUUM)\b', re.I)
TEXTCONV = re.compile(r'%[-+ #0-9.*lhzjt]*[sqQwc]')
LITS = re.compile(r'^(\s*"(?:[^"\\]|\\.)*"\s*)+$', re.S)


def strip_comments(s):
    s = re.sub(r'/\*.*?\*/', lambda m: ' ' * len(m.group(0)) if '\n' not in m.group(0)
               else '\n' * m.group(0).count('\n'), s, flags=re.S)
    return re.sub(r'//[^\n]*', '', s)


def args_at(s, i):
    """The arguments of the call whose '(' is at s[i]; and the end."""
    depth, cur, out, j, instr = 0, '', [], i, False
    while j < len(s):
        ch = s[j]
        if instr:
            cur += ch
            if ch == '\\':
                cur += s[j + 1]
                j += 1
            elif ch == '"':
                instr = False
        elif ch == '"':
            instr = True
            cur += ch
        elif ch == '(':
            depth += 1
            if depth > 1:
                cur += ch
        elif ch == ')':
            depth -= 1
            if depth == 0:
                out.append(cur.strip())
                return out, j
            cur += ch
        elif ch == ',' and depth == 1:
            out.append(cur.strip())
            cur = ''
        else:
            cur += ch
        j += 1
    return out, j


def function_at(s, pos):
    """(name, parameter names, body start) of the function holding pos."""
    best = None
    for m in re.finditer(r'^([A-Za-z_][A-Za-z0-9_]*)\s*\(([^;{}]*?)\)\s*\{', s, re.M):
        if m.start() < pos:
            best = m
        else:
            break
    if best is None:
        return None, [], 0
    params = []
    for p in best.group(2).split(','):
        w = re.findall(r'[A-Za-z_][A-Za-z0-9_]*', p)
        if w:
            params.append(w[-1])
    return best.group(1), params, best.end()


class File:
    def __init__(self, path):
        self.path = path
        self.s = strip_comments(open(path, encoding='utf-8', errors='replace').read())
        # Macros of the file that are literals (column lists): a
        # constant may be literals and such macros.
        defs = {m.group(1): m.group(2) for m in re.finditer(
            r'^#define\s+([A-Z_][A-Z0-9_]*)[ \t]+((?:[^\n]*\\\n)*[^\n]*)$', self.s, re.M)}
        self.macros = set()
        # #define COLUMN(type, name, ...) ", " #name: yields literals only.
        self.stringifiers = {m.group(1) for m in re.finditer(
            r'^#define\s+([A-Z_][A-Z0-9_]*)\(([^)]*)\)[ \t]+((?:"(?:[^"\\\n]|\\.)*"|#\s*[A-Za-z_]\w*|[ \t])+)$',
            self.s, re.M)}
        for _ in range(4):
            for k, v in defs.items():
                if self.constant(v.replace('\\\n', ' ')):
                    self.macros.add(k)
        self.statics = {}
        for m in re.finditer(r'static\s+const\s+char\s+([A-Za-z_][A-Za-z0-9_]*)\s*\[\s*\]\s*=\s*([^;]*);', self.s):
            self.statics[m.group(1)] = self.constant(m.group(2))
        self.bad = []

    def constant(self, expr):
        """expr is string literals, literal macros and X-macro lists
        applied to a stringifying macro of the file, nothing else."""
        if '"' not in expr and not re.search(r'\b[A-Z_][A-Z0-9_]*\b', expr):
            return False
        rest = re.sub(r'"(?:[^"\\]|\\.)*"', ' ', expr)
        rest = re.sub(r'\b[A-Z_][A-Z0-9_]*\s*\(\s*([A-Z_][A-Z0-9_]*)\s*\)',
                      lambda m: ' ' if m.group(1) in self.stringifiers else m.group(0), rest)
        return all(w in self.macros for w in rest.split())

    def line(self, pos):
        return self.s.count('\n', 0, pos) + 1

    def fail(self, pos, what):
        self.bad.append('%s:%d: %s' % (self.path, self.line(pos), what))

    def formatted_ok(self, expr):
        """expr is xasprintf("...SQL...", ints)."""
        m = re.match(FORMATS, expr)
        if not m:
            return False
        a, _ = args_at(expr, m.end() - 1)
        fmt = next((x for x in a if x.startswith('"')), '')
        return bool(SQLWORD.match(fmt.strip('"'))) and not TEXTCONV.search(fmt)

    def sql_ok(self, expr, pos, depth=0):
        expr = expr.strip()
        while expr.startswith('(') and expr.endswith(')'):
            expr = expr[1:-1].strip()
        if LITS.match(expr) or self.constant(expr):
            return True
        t = re.match(r'^(.*?)\?(.*):(.*)$', expr, re.S)
        if t:
            return self.sql_ok(t.group(2), pos, depth) and self.sql_ok(t.group(3), pos, depth)
        if re.match(r'^schema_migrations\s*\[[^\]]*\]$', expr):
            return self.path.endswith('core/store.c')
        if not re.match(r'^[A-Za-z_][A-Za-z0-9_]*$', expr):
            return False
        if self.statics.get(expr):
            return True
        if depth > 3:
            return False
        fname, params, body = function_at(self.s, pos)
        end = self.s.find('\n}', pos)
        scope = self.s[body:end]
        # A local: every assignment to it is allowed SQL.
        assigns = [m for m in re.finditer(r'(?<![=!<>])\b%s\s*=(?!=)\s*([^;]*);' % re.escape(expr), scope)]
        if assigns and expr not in params:
            return all(self.sql_ok(m.group(1), pos, depth + 1) or self.formatted_ok(m.group(1).strip())
                       for m in assigns)
        if expr in params and fname:
            # Only a static function: its every caller is in this file.
            head = self.s[:self.s.rfind(fname, 0, body)]
            if not re.search(r'static\s+[^;{}]*$', head[-80:]):
                return False
            k = params.index(expr)
            calls = [m for m in re.finditer(r'\b%s\s*\(' % re.escape(fname), self.s)
                     if m.start() != self.s.rfind(fname, 0, body)]
            ok = bool(calls)
            for m in calls:
                a, _ = args_at(self.s, m.end() - 1)
                if len(a) > k and not self.sql_ok(a[k], m.start(), depth + 1):
                    self.fail(m.start(), '%s() is given SQL that is not a constant: %s' % (fname, a[k]))
                    ok = False
            return ok
        return False

    def check(self):
        for m in re.finditer(CALLS, self.s):
            if self.s[:m.start()].rstrip().endswith(('*', 'int')):
                continue	# a declaration or definition
            a, _ = args_at(self.s, m.end() - 1)
            if len(a) < 2 or m.group(1) == 'store_exec' and a[1] == 'const char *sql':
                continue
            if re.match(r'^(const\s+)?(char|struct)\b', a[0]):
                continue	# the function's own definition
            if not self.sql_ok(a[1], m.start()):
                self.fail(m.start(), '%s() runs SQL that is not a constant: %s' % (m.group(1), a[1]))
        for m in re.finditer(FORMATS, self.s):
            a, _ = args_at(self.s, m.end() - 1)
            for x in a:
                if x.startswith('"'):
                    text = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', x))
                    if SQLWORD.match(text) and TEXTCONV.search(text):
                        self.fail(m.start(), 'SQL formatted with text: %s' % x)
                    break
        return self.bad


def main():
    files = sys.argv[1:]
    if not files:
        top = os.environ.get('OLTUI_TOP', '.')
        for d in ('core', 'lib', 'tui', 'drivers', 'tests/lab'):
            files += sorted(glob.glob(os.path.join(top, d, '**', '*.c'), recursive=True))
    bad = []
    for f in files:
        bad += File(f).check()
    for b in bad:
        print(b)
    print('%d files, %d breaches' % (len(files), len(bad)), file=sys.stderr)
    return 1 if bad else 0


sys.exit(main())
