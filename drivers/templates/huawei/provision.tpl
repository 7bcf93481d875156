# Huawei MA5600T/MA5800: authorise an ONT and give it its service port.
# Syntax: huawei-cli.md 4.6 (ont add), 4.7 (service-port), 4.14 (ONT IP/WAN/TR-069,
# RECONSTRUCTED there: syntax from scripts and KB pages, verify per firmware).
# Format: docs/templates.md.  MODE[ ARG] | command | undo | flags
#
# The ONT, authorised by serial (16-hex form), with its line/service profiles by id or name.
if {fs:fs} | ont add {pon:pon} {ont_id:ont_id} sn-auth "{sn:sn16}" omci[ ont-lineprofile-id {lp_id:int}][ ont-lineprofile-name {lp_name:profile}][ ont-srvprofile-id {sp_id:int}][ ont-srvprofile-name {sp_name:profile}][ desc "{desc:desc}"] | ont delete {pon:pon} {ont_id:ont_id} | expect=success: 1
# Bridged ONT: its first LAN port carries the user VLAN untagged.
if {fs:fs} | ont port native-vlan {pon:pon} {ont_id:ont_id} eth 1 vlan {user_vlan:vlan} priority 0 | - | if=wan_mode==none
# Routed ONT: the WAN connection (DHCP or PPPoE) on the user VLAN.
if {fs:fs} | ont ipconfig {pon:pon} {ont_id:ont_id} dhcp vlan {user_vlan:vlan} priority 0 | - | if=wan_mode==dhcp
if {fs:fs} | ont ipconfig {pon:pon} {ont_id:ont_id} pppoe vlan {user_vlan:vlan} priority 0 user-account username "{pppoe_user:user}" password "{pppoe_password:secret}" | - | if=wan_mode==pppoe
if {fs:fs} | ont internet-config {pon:pon} {ont_id:ont_id} ip-index 0 | - | if=wan_mode!=none
# TR-069: the ACS is an OLT-wide tr069-server-profile; acs.map maps the URL to its id.
if {fs:fs} | ont tr069-server-config {pon:pon} {ont_id:ont_id} profile-id {acs_profile:int} | - | if=acs_profile
# The service port: a fixed index when the request names one, else the OLT picks and the
# undo removes it by its attributes (that form asks (y/n)).  Speeds are traffic tables
# (speeds.map): inbound = upstream, outbound = downstream.
config | service-port {sp_index:int} vlan {vlan:vlan} gpon {port:port} ont {ont_id:ont_id} gemport {gemport:gemport} multi-service user-vlan {user_vlan:vlan} tag-transform translate[ inbound traffic-table index {up_table:int} outbound traffic-table index {down_table:int}] | undo service-port {sp_index:int} | if=sp_index
config | service-port vlan {vlan:vlan} gpon {port:port} ont {ont_id:ont_id} gemport {gemport:gemport} multi-service user-vlan {user_vlan:vlan} tag-transform translate[ inbound traffic-table index {up_table:int} outbound traffic-table index {down_table:int}] | undo service-port vlan {vlan:vlan} gpon {port:port} ont {ont_id:ont_id} gemport {gemport:gemport} | if=!sp_index | undo_confirm
