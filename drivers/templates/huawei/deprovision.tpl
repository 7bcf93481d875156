# Huawei: remove an ONT when its configuration is not known (no undo).  With the
# configuration, oltui removes it by inverting provision.tpl instead (docs/templates.md):
# its service ports first, then the ONT, and the undo re-creates both.
if {fs:fs} | ont delete {pon:pon} {ont_id:ont_id} | - | expect=success: 1
