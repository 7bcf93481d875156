# Huawei: swap the serial of a configured ONT, keeping its service ports.
# RECONSTRUCTED: `ont modify P O sn "16HEX"` is the command-reference form; no capture.
if {fs:fs} | ont modify {pon:pon} {ont_id:ont_id} sn "{new_sn:sn16}" | ont modify {pon:pon} {ont_id:ont_id} sn "{sn:sn16}"
