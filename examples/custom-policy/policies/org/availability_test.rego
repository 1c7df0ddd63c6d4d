package vendorgate.custom.availability_test

import data.vendorgate.custom.availability
import data.vendorgate.fixtures as fx

test_high_risk_below_99_9_warns if {
	d := fx.patched([], [], [{"op": "replace", "path": "/sla/availability_pct", "value": 99.5}])
	r := availability.deny with input as fx.input_of(d)
	r == {{
		"rule": "ORG-001",
		"level": "warning",
		"message": "availability commitment is 99.5 %; high-risk vendors need at least 99.9 % (RC-2026-07)",
		"vendor": "northwind-ai",
		"doc": "c",
		"pointer": "/sla/availability_pct",
	}}
}

test_clean_dossier_passes if {
	r := availability.deny with input as fx.input_of(fx.clean)
	count(r) == 0
}

test_medium_risk_is_not_checked if {
	d := fx.patched(
		[{"op": "replace", "path": "/risk/tier", "value": "medium"}],
		[],
		[{"op": "replace", "path": "/sla/availability_pct", "value": 99.5}],
	)
	r := availability.deny with input as fx.input_of(d)
	count(r) == 0
}
