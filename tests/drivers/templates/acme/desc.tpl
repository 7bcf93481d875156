# Acme: change an ONU's description; without an old one the undo removes it.
if {port:port} | onu {ont_id:ont_id} description "{desc:desc}" | onu {ont_id:ont_id} description "{old_desc:desc}" | if=old_desc
if {port:port} | onu {ont_id:ont_id} description "{desc:desc}" | no onu {ont_id:ont_id} description | if=!old_desc
