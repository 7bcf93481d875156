# ZTE: administratively enable an ONU.
# RECONSTRUCTED: no capture shows an ONU admin command; ZXAN interfaces take the
# Cisco-style shutdown / no shutdown (zte-cli.md 4.8 shows `no shutdown` on interfaces).
if gpon-onu_{port:port}:{ont_id:ont_id} | no shutdown | shutdown
