# Acme Photon P8: register an ONU and give it its service flow (a test-only vendor:
# tests/drivers/acme_device.py is the device).  Format: docs/templates.md.
# MODE[ ARG] | command | undo | flags
#
# The ONU, under its pon: removing it asks [yes/no], so its undo confirms.
if {port:port} | onu add {ont_id:ont_id} serial {sn:sn} model {type:profile} | onu remove {ont_id:ont_id} | undo_confirm
# Name, description and bandwidth profile go away with the ONU (a removal reads them back).
if {port:port} | onu {ont_id:ont_id} name {name:name} | - | if=name
if {port:port} | onu {ont_id:ont_id} description "{desc:desc}" | - | if=desc
if {port:port} | onu {ont_id:ont_id} bw-profile {bw_profile:profile} | -
# A routed ONU's WAN (the password is a secret: never in an undo).
if {port:port} | onu {ont_id:ont_id} wan pppoe user {pppoe_user:user} password {pppoe_password:secret} | - | if=wan_mode==pppoe
if {port:port} | onu {ont_id:ont_id} wan dhcp | - | if=wan_mode==dhcp
# The service flow, in configuration mode: a fixed index when one is known (the undo of a
# removal re-creates the same one), else the OLT picks; the undo removes it by its VLAN.
config | service-flow {port:port}:{ont_id:ont_id} vlan {vlan:vlan} user-vlan {user_vlan:vlan} gem {gemport:gemport}[ index {sp_index:int}] | no service-flow {port:port}:{ont_id:ont_id} vlan {vlan:vlan}
