# ZTE: move the ONU's service port and its pon-onu-mng service to another VLAN.
if gpon-onu_{port:port}:{ont_id:ont_id} | no service-port 1 | service-port 1 vport {gemport:gemport} user-vlan {old_user_vlan:vlan} vlan {old_vlan:vlan}
if gpon-onu_{port:port}:{ont_id:ont_id} | service-port 1 vport {gemport:gemport} user-vlan {user_vlan:vlan} vlan {vlan:vlan} | no service-port 1
onu gpon-onu_{port:port}:{ont_id:ont_id} | service internet gemport {gemport:gemport} vlan {vlan:vlan} | service internet gemport {gemport:gemport} vlan {old_vlan:vlan}
