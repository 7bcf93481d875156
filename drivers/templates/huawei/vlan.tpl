# Huawei: move the ONT's service port to another VLAN: remove it, re-create it with the
# same index (huawei-cli.md 4.7).  The undo of each step restores the old one.
config | undo service-port {sp_index:int} | service-port {sp_index:int} vlan {old_vlan:vlan} gpon {port:port} ont {ont_id:ont_id} gemport {gemport:gemport} multi-service user-vlan {old_user_vlan:vlan} tag-transform translate[ inbound traffic-table index {up_table:int} outbound traffic-table index {down_table:int}]
config | service-port {sp_index:int} vlan {vlan:vlan} gpon {port:port} ont {ont_id:ont_id} gemport {gemport:gemport} multi-service user-vlan {user_vlan:vlan} tag-transform translate[ inbound traffic-table index {up_table:int} outbound traffic-table index {down_table:int}] | undo service-port {sp_index:int}
