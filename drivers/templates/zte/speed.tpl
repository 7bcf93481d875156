# ZTE: new upstream (tcont) and downstream (traffic-limit) profiles (zte-cli.md 4.7/4.9).
if gpon-onu_{port:port}:{ont_id:ont_id} | tcont 1 profile {tcont_profile:profile} | tcont 1 profile {old_tcont_profile:profile} | if=tcont_profile | if=old_tcont_profile
if gpon-onu_{port:port}:{ont_id:ont_id} | tcont 1 profile {tcont_profile:profile} | - | if=tcont_profile | if=!old_tcont_profile
if gpon-onu_{port:port}:{ont_id:ont_id} | gemport {gemport:gemport} traffic-limit downstream {down_profile:profile} | gemport {gemport:gemport} traffic-limit downstream {old_down_profile:profile} | if=down_profile | if=old_down_profile
if gpon-onu_{port:port}:{ont_id:ont_id} | gemport {gemport:gemport} traffic-limit downstream {down_profile:profile} | no gemport {gemport:gemport} traffic-limit | if=down_profile | if=!old_down_profile
