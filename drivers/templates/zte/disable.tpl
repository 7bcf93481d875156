# ZTE: administratively disable an ONU.
# RECONSTRUCTED: see enable.tpl.
if gpon-onu_{port:port}:{ont_id:ont_id} | shutdown | no shutdown
