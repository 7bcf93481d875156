# ZTE C300/C320: register an ONU and configure it (zte-cli.md 4.9: RECONSTRUCTED as a
# sequence, every line's syntax confirmed by real running-configs, 4.7/4.8).
# Format: docs/templates.md.  MODE[ ARG] | command | undo | flags
#
if gpon-olt_{port:port} | onu {ont_id:ont_id} type {type:profile} sn {sn:sn} | no onu {ont_id:ont_id}
if gpon-onu_{port:port}:{ont_id:ont_id} | name {name:name} | - | if=name
if gpon-onu_{port:port}:{ont_id:ont_id} | description {desc:desc} | - | if=desc
if gpon-onu_{port:port}:{ont_id:ont_id} | sn-bind enable sn | -
# Upstream: the tcont profile (speeds.map "up N", else the line profile).
if gpon-onu_{port:port}:{ont_id:ont_id} | tcont 1 profile {tcont_profile:profile} | -
if gpon-onu_{port:port}:{ont_id:ont_id} | gemport {gemport:gemport} tcont 1 | -
# Downstream: a traffic profile (speeds.map "down N", else the service profile), optional.
if gpon-onu_{port:port}:{ont_id:ont_id} | gemport {gemport:gemport} traffic-limit downstream {down_profile:profile} | - | if=down_profile
if gpon-onu_{port:port}:{ont_id:ont_id} | service-port 1 vport {gemport:gemport} user-vlan {user_vlan:vlan} vlan {vlan:vlan} | no service-port 1
onu gpon-onu_{port:port}:{ont_id:ont_id} | service internet gemport {gemport:gemport} vlan {vlan:vlan} | -
onu gpon-onu_{port:port}:{ont_id:ont_id} | wan-ip 1 mode pppoe username {pppoe_user:user} password {pppoe_password:secret} vlan-profile {vlan_profile:profile} host 1 | - | if=wan_mode==pppoe
onu gpon-onu_{port:port}:{ont_id:ont_id} | wan-ip 1 mode dhcp vlan-profile {vlan_profile:profile} host 1 | - | if=wan_mode==dhcp
onu gpon-onu_{port:port}:{ont_id:ont_id} | tr069-mgmt 1 state unlock | - | if=acs_url
onu gpon-onu_{port:port}:{ont_id:ont_id} | tr069-mgmt 1 acs {acs_url:url} validate basic username {acs_user:user} password {acs_password:secret} | - | if=acs_url
