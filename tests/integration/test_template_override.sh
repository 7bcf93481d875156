#!/bin/bash
# test_template_override.sh — the user's template override directory,
# <config-dir>/templates/ (docs/templates.md), changes the plan of a write
# verb: a copy of huawei/provision.tpl with one word changed shows in
# `provision --dry-run`, from the XDG config directory and from
# --config-dir; $OLTUI_TEMPLATE_DIR still comes first; without an override
# the installed template is used.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
source "$OLTUI_TOP/tests/integration/writes_env.sh"
cd "$OLTUI_TOP"

if writes_env_start; then ok "oltsim started, OLTs added"; else not_ok "oltsim started, OLTs added"; done_testing; exit 1; fi
HWSN=HWTC0000AA01
sim_ctl w add-autofind hw-1 0/1/1 $HWSN >/dev/null
O discover hw-1 --accept-new-host-key >/dev/null 2>&1
dry() { O "$@" provision --olt hw-1 --port 0/1/1 --sn $HWSN --profile hw100 --ont-id 12 --dry-run 2>&1; }
ADD='ont add 1 12 sn-auth "485754430000AA01"'

# An override that manages the ONT by SNMP instead of OMCI (one word).
override() {
	mkdir -p "$1/huawei"
	sed 's/sn-auth "{sn:sn16}" omci/sn-auth "{sn:sn16}" snmp/' drivers/templates/huawei/provision.tpl \
		>"$1/huawei/provision.tpl"
}

out=$(dry)
like "$out" "$ADD omci ont-lineprofile-id 10" "no override: the installed template (omci)"

override "$XDG_CONFIG_HOME/oltui/templates"
out=$(dry)
like "$out" "$ADD snmp ont-lineprofile-id 10" "an override in \$XDG_CONFIG_HOME/oltui/templates changes the dry-run plan"
unlike "$out" "$ADD omci" "and the installed template is not used"
is "$(dump_py hw-1 "sum(1 for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$HWSN')")" 0 \
	"the dry run sent nothing"

# --config-dir names another configuration directory: its templates/ count, the XDG one's not.
mkdir -p "$TMPD/cfg2"
out=$(dry --config-dir "$TMPD/cfg2")
like "$out" "$ADD omci" "--config-dir without templates/: the installed template"
override "$TMPD/cfg2/templates"
out=$(dry --config-dir "$TMPD/cfg2")
like "$out" "$ADD snmp" "--config-dir DIR: DIR/templates overrides"

# $OLTUI_TEMPLATE_DIR comes before the override directory.
mkdir -p "$TMPD/env/huawei"
cp drivers/templates/huawei/provision.tpl "$TMPD/env/huawei/provision.tpl"
out=$(OLTUI_TEMPLATE_DIR=$TMPD/env dry)
like "$out" "$ADD omci" "\$OLTUI_TEMPLATE_DIR wins over the override directory"

done_testing
