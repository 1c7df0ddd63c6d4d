package vendorgate.rules.incident_test

import data.vendorgate.fixtures as fx
import data.vendorgate.rules.incident

results(d) := r if {
	r := incident.deny with input as fx.input_of(d)
}

ir_001(level, pointer, message) := {
	"rule": "IR-001",
	"level": level,
	"message": message,
	"vendor": "northwind-ai",
	"doc": "c",
	"pointer": pointer,
}

test_clean_dossier_passes if {
	count(results(fx.clean)) == 0
}

test_ir_001_96_hours_is_an_error_at_window_hours if {
	d := fx.patched([], [], [{"op": "replace", "path": "/breach_notification/window_hours", "value": 96}])
	results(d) == {ir_001(
		"error",
		"/breach_notification/window_hours",
		concat("; ", [
			"breach notification window is 96 h; at most 72 h allowed (GDPR Art. 33)",
			"breach notification window is 96 h; NIS2 requires an early warning within 24 h",
			"breach notification window is 96 h; 48 h or less recommended",
		]),
	)}
}

test_ir_001_not_stated_is_an_error_at_nearest_parent if {
	d := fx.patched([], [], [{"op": "remove", "path": "/breach_notification/window_hours"}])
	results(d) == {ir_001(
		"error",
		"/breach_notification/window_hours",
		"breach notification window is not stated; at most 72 h allowed (GDPR Art. 33)",
	)}
}

test_ir_001_nis2_over_24_hours_is_an_error if {
	d := fx.patched([], [], [{"op": "replace", "path": "/breach_notification/window_hours", "value": 36}])
	results(d) == {ir_001(
		"error",
		"/breach_notification/window_hours",
		"breach notification window is 36 h; NIS2 requires an early warning within 24 h",
	)}
}

test_ir_001_without_nis2_over_warn_is_a_warning if {
	d := fx.patched(
		[{"op": "replace", "path": "/regimes", "value": ["gdpr"]}],
		[],
		[{"op": "replace", "path": "/breach_notification/window_hours", "value": 60}],
	)
	results(d) == {ir_001(
		"warning",
		"/breach_notification/window_hours",
		"breach notification window is 60 h; 48 h or less recommended",
	)}
}

test_ir_001_clock_start_confirmation_is_a_warning if {
	d := fx.patched([], [], [{"op": "replace", "path": "/breach_notification/clock_start", "value": "confirmation"}])
	results(d) == {ir_001(
		"warning",
		"/breach_notification/clock_start",
		"breach notification clock starts at confirmation; it should start at awareness",
	)}
}

test_ir_001_threshold_override_applies if {
	d := fx.patched(
		[{"op": "replace", "path": "/regimes", "value": ["gdpr"]}],
		[],
		[{"op": "replace", "path": "/breach_notification/window_hours", "value": 40}],
	)
	r := results(d) with data.vendorgate_profile.thresholds as {"breach_notification_max_hours": 36}
	r == {ir_001(
		"error",
		"/breach_notification/window_hours",
		"breach notification window is 40 h; at most 36 h allowed (GDPR Art. 33)",
	)}
}

test_ir_001_silent_without_contract if {
	d := json.patch(fx.clean, [{"op": "remove", "path": "/contract"}])
	count(results(d)) == 0
}

test_ir_001_silent_with_invalid_contract if {
	bad := json.patch(fx.clean, [
		{"op": "replace", "path": "/contract/valid", "value": false},
		{"op": "replace", "path": "/contract/body/breach_notification/window_hours", "value": 96},
	])
	count(results(bad)) == 0
}
