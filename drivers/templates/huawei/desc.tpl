# Huawei: change an ONT's description (huawei-cli.md 4.14).  old_desc defaults to the
# device's ONT_NO_DESCRIPTION.
if {fs:fs} | ont modify {pon:pon} {ont_id:ont_id} desc "{desc:desc}" | ont modify {pon:pon} {ont_id:ont_id} desc "{old_desc:desc}"
