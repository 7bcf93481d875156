# Acme: remove an ONU whose configuration is not known (no undo).  With the configuration
# oltui inverts provision.tpl instead (docs/templates.md).  Its service flows go with it.
if {port:port} | onu remove {ont_id:ont_id} | - | confirm
