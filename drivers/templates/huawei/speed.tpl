# Huawei: new traffic tables on the ONT's service port (huawei-cli.md 4.7, modify form
# confirmed by a public command log).  Tables come from speeds.map.
config | service-port {sp_index:int} inbound traffic-table index {up_table:int} outbound traffic-table index {down_table:int} | service-port {sp_index:int} inbound traffic-table index {old_up_table:int} outbound traffic-table index {old_down_table:int} | if=old_up_table
config | service-port {sp_index:int} inbound traffic-table index {up_table:int} outbound traffic-table index {down_table:int} | - | if=!old_up_table
