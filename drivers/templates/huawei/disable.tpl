# Huawei: deactivate an ONT (huawei-cli.md 4.9; RECONSTRUCTED there: silent on success).
if {fs:fs} | ont deactivate {pon:pon} {ont_id:ont_id} | ont activate {pon:pon} {ont_id:ont_id}
