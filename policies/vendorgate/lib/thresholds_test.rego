package vendorgate.lib.thresholds_test

import data.vendorgate.lib.thresholds

test_no_overrides_anywhere_gives_the_defaults if {
	thresholds.effective == thresholds.defaults with input as {"as_of": "2026-12-01", "dossiers": []}
}

test_input_thresholds_override_their_names_only if {
	e := thresholds.effective with input as {"thresholds": {"attestation_max_age_days": 30}}
	e.attestation_max_age_days == 30
	e.expiry_warning_days == 60
}

test_input_thresholds_win_over_data if {
	e := thresholds.effective with input as {"thresholds": {"attestation_max_age_days": 30}}
		with data.vendorgate_profile.thresholds as {"attestation_max_age_days": 1, "expiry_warning_days": 1}
	e.attestation_max_age_days == 30

	# Nothing of the data mixes in, not even a name the input leaves out.
	e.expiry_warning_days == 60
}

test_empty_input_thresholds_ignore_leftover_data if {
	e := thresholds.effective with input as {"thresholds": {}}
		with data.vendorgate_profile.thresholds as {"attestation_max_age_days": 1}
	e == thresholds.defaults
}

test_data_thresholds_apply_when_the_input_has_none if {
	e := thresholds.effective with input as {"dossiers": []}
		with data.vendorgate_profile.thresholds as {"attestation_max_age_days": 1}
	e.attestation_max_age_days == 1
}

test_thresholds_that_are_not_an_object_fall_back_to_data if {
	e := thresholds.effective with input as {"thresholds": "strict"}
		with data.vendorgate_profile.thresholds as {"attestation_max_age_days": 7}
	e.attestation_max_age_days == 7
}
