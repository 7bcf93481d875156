# Acme: reboot an ONU; the device asks "Reboot ONU 1/2/3:5? [yes/no]:".
if {port:port} | onu {ont_id:ont_id} reboot | - | confirm
