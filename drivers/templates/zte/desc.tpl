# ZTE: change an ONU's description (zte-cli.md 4.7).
if gpon-onu_{port:port}:{ont_id:ont_id} | description {desc:desc} | description {old_desc:desc} | if=old_desc
if gpon-onu_{port:port}:{ont_id:ont_id} | description {desc:desc} | - | if=!old_desc
