#!/bin/bash
# `oltui parse VENDOR KIND FILE` over every fixture: key fields of the JSON,
# exit 1 with the device's words for device errors, exit 2 for bad usage,
# stdin input, and pager/escape debris that must not lose rows.
source "$OLTUI_TOP/tests/lib.sh"
cd "$OLTUI_TOP"
F=tests/fixtures

# jget VENDOR KIND FILE EXPR: runs the verb and prints python's repr of EXPR
# evaluated on the JSON (as d); prints "EXIT n" when the verb fails.
jget() {
	local out rc
	out=$($OLTUI parse "$1" "$2" "$F/$1/$3" 2>/dev/null); rc=$?
	if [ $rc -ne 0 ]; then echo "EXIT $rc"; return; fi
	python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(eval(sys.argv[1]))' "$4" <<<"$out"
}
# t VENDOR KIND FILE EXPR WANT
t() { is "$(jget "$1" "$2" "$3" "$4")" "$5" "$1 $2 $3: $4"; }

# Huawei
t huawei autofind display_ont_autofind_0.ea5800_kb.txt 'len(d)' 1
t huawei autofind display_ont_autofind_0.ea5800_kb.txt '[d[0][k] for k in ("port","sn","vendor","model","software","found_at")]' \
    "['0/1/0', 'HWTC6B886FA5', 'HWTC', 'EG8145V5', 'V5R020C10S213', '2022-09-18T04:50:52Z']"
t huawei autofind display_ont_autofind.ntc.txt '(d[0]["port"], d[0]["sn"], d[0]["state"])' "('0/0/0', 'ABCDA12BC3DE', None)"
t huawei autofind display_ont_autofind_2.ntc.txt '(len(d), d[0]["sn"], d[-1]["sn"], d[-1]["model"])' "(2, 'HWTC11E70E9A', 'HWTCDE135E2D', '010H')"
t huawei autofind display_ont_autofind.empty.txt 'd' '[]'
t huawei ont-list display_ont_info_0_1_0_all.ntc_fsp_4.txt '[(o["port"],o["ont_id"],o["admin"],o["status"],o["description"]) for o in d]' \
    "[('0/1/0', 0, 'enabled', 'online', 'The boiling consignment budgets.'), ('0/1/2', 0, 'enabled', 'online', 'ONT_NO_DESCRIPTION')]"
t huawei ont-list display_ont_info_0_1_0_all.pager_synthetic.txt '[(o["ont_id"],o["sn"],o["admin"],o["status"],o["description"]) for o in d]' \
    "[(0, 'HWTC6B886FA5', 'enabled', 'online', 'ONT_NO_DESCRIPTION'), (1, 'ZTEGC9E3311B', 'disabled', 'offline', 'Xxxxxxx_zone_PRINCIPAL_authd_20260818'), (2, 'HWTCDE135E2D', 'enabled', 'offline', 'Dr, Second line')]"
t huawei ont-list display_ont_info_summary_0_1_0.ntc.txt '(len(d), d[0]["rx_dbm"], d[0]["tx_dbm"], d[0]["distance_m"], d[18]["last_down_cause"], d[22]["ont_id"])' \
    "(23, -10.12, 2.03, 100, 'ONT is reset by ONT comma', 22)"
t huawei ont-list display_ont_info_summary_0_2_11.ntc_2.txt '(len(d), d[0]["port"], d[0]["last_down"], d[0]["description"])' "(1, '0/2/11', None, 'huawei_ont_0')"
t huawei ont-detail display_ont_info_0_1_2_3.ntc_info_1.txt '[d[k] for k in ("port","ont_id","status","admin","distance_m","description","last_down_cause","last_up","name")]' \
    "['0/0/6', 2, 'online', 'enabled', 47, 'New_link', 'dying-gasp', '2023-01-05T00:56:12Z', None]"
t huawei ont-detail display_ont_info_by-sn.ma5683t.txt '(d["sn"], d["description"], d["match_state"])' "('ZTEGC9E3311B', 'Dr, Xxxxxxx_zone_PRINCIPAL_authd_20260818', 'mismatch')"
t huawei optical display_ont_optical-info_0_62.capture.txt '(d["rx_dbm"], d["tx_dbm"], d["olt_rx_dbm"], d["olt_tx_dbm"])' "(-15.1, 3.61, -15.41, None)"
t huawei optical display_ont_optical-info.offline.txt 'd' 'EXIT 1'
like "$($OLTUI parse huawei optical $F/huawei/display_ont_optical-info.offline.txt 2>&1)" 'Failure: The ONT is not online' "offline optical quotes the device"
t huawei optical-list display_ont_optical-info_0_all.ntc.txt '(len(d), d[0]["port"], d[0]["rx_dbm"], d[-1]["ont_id"], d[-1]["distance_m"])' "(10, None, -24.68, 9, 170)"
is "$($OLTUI parse huawei optical-list --port 0/1/0 $F/huawei/display_ont_optical-info_0_all.ntc.txt | grep -c '"port":.*"0/1/0"')" 10 "--port gives the rows a port"
t huawei optical-list display_ont_optical-info_0_all.pager_synthetic.txt '(len(d), {o["port"] for o in d}, [o["ont_id"] for o in d])' \
    "(10, {'0/1/0'}, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])"
t huawei service-ports display_service-port_port_0_0_1.ma5683t.txt '[(s["index"],s["vlan"],s["port"],s["ont_id"],s["gem"],s["rx_table"],s["tx_table"],s["state"]) for s in d]' \
    "[(25, 110, '0/0/1', 1, 1, 17, 47, 'up'), (358, 110, '0/0/1', 5, 1, 55, 58, 'up'), (465, 110, '0/0/1', 44, 1, 22, 21, 'up')]"
t huawei service-ports display_service-port_all.ntc.txt '(len(d), d[0]["index"], d[0]["port"], d[0]["rx_table"])' "(1, 5827, '0/1/0', None)"
t huawei service-ports display_current-configuration.ma5800_v100r022.txt '[(s["index"],s["port"],s["ont_id"],s["user_vlan"]) for s in d]' "[(1916, '0/1/1', 42, 31), (1924, '0/1/9', 0, 31)]"
t huawei boards display_board_0.ntc.txt '(len(d), d[4], d[5]["name"])' \
    "(6, {'slot': 4, 'name': 'A123ABCDE', 'status': 'Standby_failed', 'subtype': 'CPCF', 'online': 'Offline'}, None)"
t huawei boards display_board_0.ma5800x7.txt '[(b["slot"], b["name"]) for b in d if b["name"]]' \
    "[(6, 'H901GPHF'), (7, 'H901GPHF'), (8, 'H905MPLB'), (9, 'H905MPLB'), (10, 'H903PILA')]"
t huawei version display_version.ntc_ma5608t.txt 'd' "{'version': 'AB1234C342A123D23', 'patch': 'QEF227', 'product': 'MA5608T', 'uptime_s': 1811956}"
t huawei version display_version.ma5800x7.txt '(d["version"], d["patch"], d["product"], d["uptime_s"])' "('MA5800V100R018C00', 'SPH613', 'MA5800-X7', None)"
t huawei version session_login_unknown_command.ma5800_v100r022.txt 'd' 'EXIT 1'
like "$($OLTUI parse huawei version $F/huawei/session_login_unknown_command.ma5800_v100r022.txt 2>&1)" "% Unknown command, the error locates at '\\^'" "unknown command quoted"
like "$($OLTUI parse huawei ont-detail $F/huawei/ont_add_sn_already_exists.ma5683t.txt 2>&1)" 'Failure: SN already exists' "ont add failure quoted"

# ZTE
t zte autofind show_gpon_onu_uncfg.c320_v21.txt '[(a["port"],a["sn"],a["vendor"],a["model"],a["found_at"]) for a in d]' \
    "[('1/1/1', 'HWTC1F14CAAD', 'HWTC', None, None), ('1/1/1', 'ZTEGD824CDF3', 'ZTEG', None, None), ('1/1/1', 'ZTEGDA5918AC', 'ZTEG', None, None)]"
t zte autofind show_gpon_onu_uncfg.panorama_old.txt '[(a["port"],a["sn"]) for a in d]' "[('1/1/2', 'HWTC12930F9D')]"
t zte ont-list show_gpon_onu_state.c300_v21.txt '[(o["port"],o["ont_id"],o["status"],o["sn"]) for o in d]' \
    "[('1/2/1', 1, 'online', None), ('1/2/1', 2, 'online', None), ('1/2/3', 6, 'online', None), ('1/2/3', 7, 'los', None), ('1/2/4', 9, 'dying_gasp', None)]"
t zte ont-list show_gpon_onu_state.c320_readme.txt 'len(d)' 3
t zte ont-list show_gpon_onu_state.pager_synthetic.txt '[o["status"] for o in d]' \
    "['online', 'offline', 'los', 'dying_gasp', 'dying_gasp', 'syncing', 'syncing', 'auth_failed', 'online']"
t zte ont-list show_gpon_onu_state.pager_synthetic.txt '[o["admin"] for o in d][:3]' "['enabled', 'disabled', 'enabled']"
t zte ont-list show_gpon_onu_state.empty_62310.txt 'd' '[]'
t zte ont-list show_gpon_onu_state.error_20202.txt 'd' 'EXIT 1'
like "$($OLTUI parse zte ont-list $F/zte/show_gpon_onu_state.error_20202.txt 2>&1)" '%Error 20202' "ZTE error quoted"
t zte ont-list show_gpon_onu_baseinfo.real.txt '[(o["ont_id"],o["model"],o["sn"]) for o in d]' \
    "[(1, 'SM16101-GHZ-T10', 'SU10B2019C15'), (2, 'F601', 'ZTEGC4BB98CB'), (3, 'F601', 'ZTEGC4BB8435'), (9, 'SM16101-GHZ-T10', 'SU10B2019C17')]"
t zte ont-detail show_gpon_onu_detail-info.prod_tool.txt '[d[k] for k in ("port","ont_id","sn","admin","status","model","distance_m","description","last_down_cause","last_down")]' \
    "['1/12/1', 1, 'ZTEGCCEC5655', 'enabled', 'online', 'F601', 1033, 'ONU-1:1', 'DyingGasp', '2023-03-29T00:16:47']"
t zte ont-detail show_gpon_onu_detail-info.tool_fixture.txt '(d["port"], d["ont_id"], d["sn"], d["status"], d["model"])' "('1/1/1', 125, 'GPON1D94C835', 'online', 'POINT-ONU-XPON')"
t zte ont-detail show_gpon_onu_detail-info.onu_missing.txt 'd' 'EXIT 1'
t zte optical show_pon_power_attenuation.blog.txt '(d["rx_dbm"], d["tx_dbm"], d["olt_rx_dbm"], d["olt_tx_dbm"])' "(-16.676, 2.423, -20.241, 5.369)"
t zte optical show_pon_power_attenuation.tool_comment.txt '(d["rx_dbm"], d["olt_rx_dbm"])' "(-21.25, -25.087)"
t zte optical show_pon_power_attenuation.c600_offline.txt '(d["rx_dbm"], d["tx_dbm"], d["olt_rx_dbm"])' "(None, None, None)"
t zte optical-list show_pon_power_onu-rx.blog.txt '[(o["ont_id"], o["rx_dbm"]) for o in d]' \
    "[(1, -16.676), (2, -24.948), (3, None), (5, -26.198), (6, -26.576), (7, -17.424), (8, None)]"
t zte optical-list show_pon_power_onu-rx.pager_synthetic.txt '[(o["ont_id"], o["rx_dbm"]) for o in d]' \
    "[(1, -16.676), (2, -24.948), (3, None), (5, -26.198), (6, -26.576), (7, -17.424), (8, None)]"
t zte optical-list show_pon_power_onu-tx.blog.txt '[(o["ont_id"], o["tx_dbm"], o["rx_dbm"]) for o in d]' "[(1, 2.445, None), (2, 2.771, None), (3, None, None)]"
t zte optical-list show_pon_power_onu-rx_onu.v21_fixture.txt '[(o["port"], o["ont_id"], o["rx_dbm"]) for o in d]' "[('1/1/1', 125, -25.304)]"
t zte service-ports show_running-config_interface_gpon-onu_1_2_1_3.berkah.txt '[(s["index"],s["port"],s["ont_id"],s["gem"],s["user_vlan"],s["vlan"]) for s in d]' \
    "[(1, '1/2/1', 3, 1, 22, 22), (2, '1/2/1', 3, 1, 100, 100)]"
t zte service-ports show_onu_running_config.blog_v12.txt '[(s["index"],s["gem"],s["vlan"]) for s in d]' "[(1, 1, None), (2, 2, None)]"
t zte service-ports show_running-config.c320_v21.txt '[(s["port"],s["ont_id"],s["vlan"]) for s in d]' "[('1/1/4', 1, 14)]"
t zte boards show_card.c300_v21.txt '(len(d), d[0]["cfg_type"], d[0]["soft_ver"], d[4]["status"], d[-1]["slot"])' "(9, 'PRWH', None, 'STANDBY', 20)"
t zte boards show_card.c320_v21_vans.txt 'd[2]' \
    "{'rack': 1, 'shelf': 1, 'slot': 4, 'cfg_type': 'SMXA', 'real_type': None, 'ports': 3, 'hard_ver': None, 'soft_ver': None, 'status': 'OFFLINE'}"
t zte version show_version-running.c300.txt '(d["version"], d["modules"][0]["build_time"])' "('V2.1.0', '2017-01-17T01:04:45')"
t zte version show_system-group.c320_v21.txt '(d["product"], d["version"], d["uptime_s"])' "('C320', 'V2.1.0', 897240)"

# Constructed shapes (issue 11 §4): day/month-first dates, cursor debris
t huawei ont-list display_ont_info_summary_0_1_0.day_first_constructed.txt '[(o["last_up"],o["last_down"],o["last_down_cause"]) for o in d][:2]' \
    "[('2023-06-05T08:00:00', '2023-06-04T23:59:59', 'LOSi/LOBi'), ('2023-09-28T15:43:18', '2023-09-27T22:10:05', 'dying-gasp')]"
is "$($OLTUI parse huawei ont-list $F/huawei/display_ont_info_summary_0_1_0.day_first_constructed.txt 2>&1 >/dev/null)" "" "decided dates: no note"
like "$($OLTUI parse huawei ont-list $F/huawei/display_ont_info_summary_0_1_0.ambiguous_constructed.txt 2>&1 >/dev/null)" \
    'note: .*read day first' "ambiguous dates: the note says how they were read"
t zte ont-detail show_gpon_onu_detail-info.month_first_constructed.txt '(d["last_up"], d["last_down"], d["last_down_cause"])' \
    "('2023-03-29T00:17:28', '2023-03-29T00:16:47', 'DyingGasp')"
t huawei ont-list display_ont_info_0_1_0_all.wrap24_constructed.txt '[o["description"] for o in d][:4]' \
    "['Condominio Jardim das Flores Bloco B apto 12', 'Rua Sete de Setembro 1500 fundos', 'Avenida Brasil numero 12 Loja 3', 'Escola Municipal Santos Dumont']"
t huawei ont-list display_ont_info_summary_0_1_0.wrap21_constructed.txt '(len(d), d[2]["description"])' "(5, 'Posto de Saude Vila Nova')"
t huawei ont-list display_ont_info_0_1_0_all.cursor_constructed.txt '[o["description"] for o in d][1:3]' "['Condomínio São João', 'Rua das Flores 12']"

# Every fixture parses (or fails cleanly) with the kind the README gives it:
# no crash, JSON or a message, never both empty.
for f in $F/huawei/*.txt $F/zte/*.txt; do
	v=$(basename "$(dirname "$f")")
	for k in autofind ont-list ont-detail optical optical-list service-ports boards version; do
		out=$($OLTUI parse "$v" "$k" "$f" 2>&1); rc=$?
		if [ $rc -gt 1 ] || [ -z "$out" ]; then not_ok "$v $k $(basename "$f") exits $rc"; fi
	done
done
ok "every fixture through every kind exits 0 or 1 with output"

# stdin, usage, unreadable input
is "$($OLTUI parse zte autofind <$F/zte/show_gpon_onu_uncfg.c320_v21.txt | grep -c '"sn"')" 3 "reads stdin"
is "$($OLTUI parse zte autofind - <$F/zte/show_gpon_onu_uncfg.c320_v21.txt | grep -c '"sn"')" 3 "reads stdin given as -"
check_fails "no arguments is a usage error" 2 $OLTUI parse
check_fails "unknown vendor is a usage error" 2 $OLTUI parse nokia autofind /dev/null
like "$($OLTUI parse nokia autofind /dev/null 2>&1)" 'allowed: huawei\|zte' "unknown vendor lists vendors"
check_fails "unknown kind is a usage error" 2 $OLTUI parse zte nothing /dev/null
like "$($OLTUI parse zte nothing /dev/null 2>&1)" 'allowed: autofind, ont-list, ont-detail, optical, optical-list, service-ports, boards, version' "unknown kind lists kinds"
check_fails "a missing file fails" 1 $OLTUI parse zte autofind "$TMPD/none"
printf 'hello\nworld\n' >"$TMPD/junk"
check_fails "unreadable output fails" 1 $OLTUI parse huawei ont-list "$TMPD/junk"
like "$($OLTUI parse huawei ont-list "$TMPD/junk" 2>&1)" 'no ONT table header' "unreadable output names what was expected"
head -c 20000 /dev/urandom >"$TMPD/random"
out=$($OLTUI parse huawei ont-list "$TMPD/random" 2>&1); rc=$?
[ $rc -le 1 ] && ok "random bytes do not crash the verb" || not_ok "random bytes: exit $rc"
done_testing
