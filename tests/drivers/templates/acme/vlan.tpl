# Acme: move the ONU's service flow to another VLAN, keeping its index when it is known.
config | no service-flow {port:port}:{ont_id:ont_id} vlan {old_vlan:vlan} | service-flow {port:port}:{ont_id:ont_id} vlan {old_vlan:vlan} user-vlan {old_user_vlan:vlan} gem {gemport:gemport}[ index {sp_index:int}]
config | service-flow {port:port}:{ont_id:ont_id} vlan {vlan:vlan} user-vlan {user_vlan:vlan} gem {gemport:gemport}[ index {sp_index:int}] | no service-flow {port:port}:{ont_id:ont_id} vlan {vlan:vlan}
