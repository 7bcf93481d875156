/*
 * huawei_acs.c — what Huawei home gateways (HG8245H, EG8145V5, ...) add to
 * the TR-069 view (acs_view_table.h): the WAN VLAN on the
 * WANConnectionDevice, the CPU load, and the WPA passphrase under
 * PreSharedKey.1.  Sources: shared/reference/genieacs-nbi.md 4.2
 * ("Huawei …WLANConfiguration.{i}.PreSharedKey.1.KeyPassphrase",
 * "…WANConnectionDevice.{i}.X_HW_VLANMuxID"); DeviceInfo.X_HW_CpuUsed
 * (percent) is RECONSTRUCTED.  Huawei exposes no optical level over
 * TR-069 in the reference ("not standard").
 */
#include "drivers/acs_view_table.h"
#include "lib/util.h"

static const struct acs_view_row huawei_acs_rows[] = {
	{ ACS_VL_098_SYS, ACS_VF_CPU, "InternetGatewayDevice.DeviceInfo.X_HW_CpuUsed", ACS_CV_INT },
	{ ACS_VL_098_PPP, ACS_VF_WAN_VLAN, "^.X_HW_VLANMuxID", ACS_CV_INT },
	{ ACS_VL_098_IP, ACS_VF_WAN_VLAN, "^.X_HW_VLANMuxID", ACS_CV_INT },
	{ ACS_VL_098_WLAN, ACS_VF_R_PASSWORD, "PreSharedKey.1.KeyPassphrase", ACS_CV_TEXT },
};

static const struct acs_view_vendor huawei_acs_view = {
	.name = "huawei",
	.manufacturer = "huawei",
	.rows = huawei_acs_rows,
	.nrows = nitems(huawei_acs_rows),
};

ACS_VIEW_VENDOR(huawei_acs_view)
