# tests/keyring.sh — runs the calling suite in a private session keyring
# (sourced first, before tests/lib.sh, bash).
#
# The first time it is sourced it re-executes the suite under
# `keyctl session -`, a new anonymous session keyring that only the suite
# and its children hold, so nothing a test keeps, finds or forgets is ever
# in the user's own keyring.  The suite's first test is `keyring_require`
# (after tests/lib.sh), which stops a suite where that failed before it
# touches anything.

if [ -z "${OLTUI_TEST_KEYRING_PARENT:-}" ]; then
	OLTUI_TEST_KEYRING_PARENT=$(keyctl id @s 2>/dev/null || echo none)
	export OLTUI_TEST_KEYRING_PARENT
	if command -v keyctl >/dev/null && keyctl session - true 2>/dev/null; then
		exec keyctl session - bash "$0" "$@"
	fi
fi

# keyring_private: true when this process's session keyring is a new
# anonymous one, not the one the suite was started with.
keyring_private() {
	local id
	id=$(keyctl id @s 2>/dev/null) || return 1
	[ "$id" != "$OLTUI_TEST_KEYRING_PARENT" ] &&
	    [[ $(keyctl rdescribe @s 2>/dev/null) == keyring\;*\;_ses ]]
}

# keyring_require: the suite's first test; exits the suite unless it runs
# in a private session keyring.
keyring_require() {
	if keyring_private; then
		ok "the suite runs in a private session keyring"
		return 0
	fi
	not_ok "the suite runs in a private session keyring (keyctl session - failed: is the keyutils package installed?)"
	done_testing
	exit 1
}
