# Acme: take an ONU out of service (admin down; it stays registered).
if {port:port} | onu {ont_id:ont_id} shutdown | no onu {ont_id:ont_id} shutdown
