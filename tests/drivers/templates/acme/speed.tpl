# Acme: another bandwidth profile (one name for both directions, from speeds.map).
if {port:port} | onu {ont_id:ont_id} bw-profile {bw_profile:profile} | onu {ont_id:ont_id} bw-profile {old_bw_profile:profile} | if=old_bw_profile
if {port:port} | onu {ont_id:ont_id} bw-profile {bw_profile:profile} | - | if=!old_bw_profile
