# Huawei: reset an ONT; the device asks "Are you sure to reset the ONT(s)? (y/n)[n]:" (4.9).
if {fs:fs} | ont reset {pon:pon} {ont_id:ont_id} | - | confirm
