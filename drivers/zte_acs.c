/*
 * zte_acs.c — what ZTE home gateways (F660, F670L, ...) add to the TR-069
 * view (acs_view_table.h): the WAN VLAN on the connection object, the
 * optical levels of X_ZTE-COM_GponInterfaceConfig, and the WPA passphrase
 * directly under WLANConfiguration.{i}.  Sources: shared/reference/
 * genieacs-nbi.md 4.2; the VLAN's place and both spellings of the optics
 * (RxPower, RXPower) as public GenieACS provisioning scripts use them.
 * The optics are dBm as text on most firmware and raw 0.1 uW on some
 * (ACS_CV_RX_DBM / ACS_CV_TX_DBM tell them apart; RECONSTRUCTED).
 */
#include "drivers/acs_view_table.h"
#include "lib/util.h"

static const struct acs_view_row zte_acs_rows[] = {
	{ ACS_VL_098_SYS, ACS_VF_RX, "InternetGatewayDevice.WANDevice.*.X_ZTE-COM_GponInterfaceConfig.RxPower", ACS_CV_RX_DBM },
	{ ACS_VL_098_SYS, ACS_VF_RX, "InternetGatewayDevice.WANDevice.*.X_ZTE-COM_GponInterfaceConfig.RXPower", ACS_CV_RX_DBM },
	{ ACS_VL_098_SYS, ACS_VF_TX, "InternetGatewayDevice.WANDevice.*.X_ZTE-COM_GponInterfaceConfig.TxPower", ACS_CV_TX_DBM },
	{ ACS_VL_098_SYS, ACS_VF_TX, "InternetGatewayDevice.WANDevice.*.X_ZTE-COM_GponInterfaceConfig.TXPower", ACS_CV_TX_DBM },
	{ ACS_VL_098_PPP, ACS_VF_WAN_VLAN, "X_ZTE-COM_VLANID", ACS_CV_INT },
	{ ACS_VL_098_IP, ACS_VF_WAN_VLAN, "X_ZTE-COM_VLANID", ACS_CV_INT },
	{ ACS_VL_098_WLAN, ACS_VF_R_PASSWORD, "KeyPassphrase", ACS_CV_TEXT },
};

static const struct acs_view_vendor zte_acs_view = {
	.name = "zte",
	.manufacturer = "zte",
	.rows = zte_acs_rows,
	.nrows = nitems(zte_acs_rows),
};

ACS_VIEW_VENDOR(zte_acs_view)
