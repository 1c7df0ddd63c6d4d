package vendorgate.custom.availability_test

import data.vendorgate.custom.availability
import data.vendorgate.lib.testing

test_high_risk_below_99_9_warns if {
	d := testing.contract_with([testing.replace_at("/sla/availability_pct", 99.5)])
	r := availability.deny with input as testing.input_of(d)
	r == {testing.result(
		"ORG-001",
		"warning",
		"c",
		"/sla/availability_pct",
		"availability commitment (sla.availability_pct) is 99.5 %; at least 99.9 % required for a high-risk vendor (Risk Committee RC-2026-07)",
	)}
}

test_clean_dossier_passes if {
	r := availability.deny with input as testing.input_of(testing.clean)
	count(r) == 0
}

test_medium_risk_is_not_checked if {
	d := testing.patched(
		[testing.replace_at("/risk/tier", "medium")],
		[],
		[testing.replace_at("/sla/availability_pct", 99.5)],
	)
	r := availability.deny with input as testing.input_of(d)
	count(r) == 0
}
