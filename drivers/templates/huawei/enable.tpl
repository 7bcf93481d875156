# Huawei: activate an ONT (huawei-cli.md 4.9; RECONSTRUCTED there: silent on success).
if {fs:fs} | ont activate {pon:pon} {ont_id:ont_id} | ont deactivate {pon:pon} {ont_id:ont_id}
