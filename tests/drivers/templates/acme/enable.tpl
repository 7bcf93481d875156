# Acme: put an ONU back in service.
if {port:port} | no onu {ont_id:ont_id} shutdown | onu {ont_id:ont_id} shutdown
