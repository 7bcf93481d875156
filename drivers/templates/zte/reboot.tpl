# ZTE: reboot an ONU from pon-onu-mng (zte-cli.md 4.10, VERBATIM prompt; whether it asks
# for confirmation is not captured: a (y/n) question would fail the step, not be answered).
onu gpon-onu_{port:port}:{ont_id:ont_id} | reboot | -
