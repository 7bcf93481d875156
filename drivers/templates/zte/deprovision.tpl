# ZTE: remove an ONU when its configuration is not known (no undo).  With the
# configuration, oltui inverts provision.tpl instead (docs/templates.md).
# `no onu N` under the gpon-olt interface: zte-cli.md 4.10 (RECONSTRUCTED: used by tools).
if gpon-olt_{port:port} | no onu {ont_id:ont_id} | -
