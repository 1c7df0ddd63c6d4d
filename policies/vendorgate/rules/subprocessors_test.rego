package vendorgate.rules.subprocessors_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.subprocessors

results(d) := r if {
	r := subprocessors.deny with input as testing.input_of(d)
}

res(rule, doc, level, pointer, message) := testing.result(rule, level, doc, pointer, message)

sub_001(pointer, message) := res("SUB-001", "a", "error", pointer, message)

sub_002(level, pointer, message) := res("SUB-002", "c", level, pointer, message)

sub_003(level, pointer, message) := res("SUB-003", "a", level, pointer, message)

# The upstream provider of the clean fixture, once its sub-processor is no longer listed.
labs_unlisted := sub_003(
	"error",
	"/ai/upstream_models/0/provider",
	"upstream model provider \"Example Model Labs\" is not among the sub-processors; it must be listed in subprocessors (GDPR Art. 28(2))",
)

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

# SUB-001

sub_list_not_stated := sub_001(
	"/subprocessors",
	"sub-processor list is not stated; list every sub-processor, or [] when there is none (GDPR Art. 28(2))",
)

test_sub_001_absent_list_is_one_error_at_subprocessors if {
	d := testing.attestation_with([testing.remove_at("/subprocessors")])
	results(d) == {sub_list_not_stated, labs_unlisted}
}

test_sub_001_null_list_is_not_stated if {
	d := testing.attestation_with([testing.replace_at("/subprocessors", null)])
	results(d) == {sub_list_not_stated, labs_unlisted}
}

test_sub_001_empty_list_means_none if {
	d := testing.attestation_with([
		testing.replace_at("/subprocessors", []),
		testing.replace_at("/ai/upstream_models", []),
	])
	count(results(d)) == 0
}

test_sub_001_name_not_stated_is_an_error_at_name if {
	d := testing.attestation_with([testing.remove_at("/subprocessors/0/name")])
	results(d) == {sub_001(
		"/subprocessors/0/name",
		"sub-processor no. 1 name is not stated; every sub-processor must be named (GDPR Art. 28(2))",
	)}
}

test_sub_001_blank_name_is_not_stated if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/0/name", "  ")])
	results(d) == {sub_001(
		"/subprocessors/0/name",
		"sub-processor no. 1 name is not stated; every sub-processor must be named (GDPR Art. 28(2))",
	)}
}

test_sub_001_purpose_not_stated_is_an_error_at_purpose if {
	d := testing.attestation_with([testing.remove_at("/subprocessors/0/purpose")])
	results(d) == {sub_001(
		"/subprocessors/0/purpose",
		"sub-processor \"Example Cloud EU\" purpose is not stated; the processing it performs must be described (GDPR Art. 28(4))",
	)}
}

test_sub_001_empty_locations_is_an_error_at_locations if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/0/locations", [])])
	results(d) == {sub_001(
		"/subprocessors/0/locations",
		"sub-processor \"Example Cloud EU\" locations are not stated; at least one region required",
	)}
}

test_sub_001_absent_locations_is_an_error_at_locations if {
	d := testing.attestation_with([testing.remove_at("/subprocessors/0/locations")])
	results(d) == {sub_001(
		"/subprocessors/0/locations",
		"sub-processor \"Example Cloud EU\" locations are not stated; at least one region required",
	)}
}

test_sub_001_mechanism_not_stated_is_an_error_at_transfer_mechanism if {
	d := testing.attestation_with([testing.remove_at("/subprocessors/0/transfer_mechanism")])
	results(d) == {sub_001(
		"/subprocessors/0/transfer_mechanism",
		"sub-processor \"Example Cloud EU\" transfer mechanism is not stated; it must be stated (GDPR Art. 28(4))",
	)}
}

test_sub_001_mechanism_none_is_stated if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/0/transfer_mechanism", "none")])
	count(results(d)) == 0
}

test_sub_001_flowdown_false_is_an_error_at_flowdown if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/1/flowdown", false)])
	results(d) == {sub_001(
		"/subprocessors/1/flowdown",
		"sub-processor \"Example Model Labs\" flow-down is false; true required, the DPA's obligations must bind the sub-processor (GDPR Art. 28(4))",
	)}
}

test_sub_001_flowdown_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/subprocessors/1/flowdown")])
	results(d) == {sub_001(
		"/subprocessors/1/flowdown",
		"sub-processor \"Example Model Labs\" flow-down is not stated; true required, the DPA's obligations must bind the sub-processor (GDPR Art. 28(4))",
	)}
}

test_sub_001_combined_branches_give_one_result_at_first_field if {
	d := testing.attestation_with([
		testing.remove_at("/subprocessors/0/purpose"),
		testing.replace_at("/subprocessors/0/flowdown", false),
	])
	results(d) == {sub_001(
		"/subprocessors/0/purpose",
		concat("; ", [
			"sub-processor \"Example Cloud EU\" purpose is not stated; the processing it performs must be described (GDPR Art. 28(4))",
			"sub-processor \"Example Cloud EU\" flow-down is false; true required, the DPA's obligations must bind the sub-processor (GDPR Art. 28(4))",
		]),
	)}
}

test_sub_001_item_with_every_field_missing if {
	d := testing.attestation_with([testing.add_at("/subprocessors/-", {})])
	results(d) == {sub_001(
		"/subprocessors/2/name",
		concat("; ", [
			"sub-processor no. 3 name is not stated; every sub-processor must be named (GDPR Art. 28(2))",
			"sub-processor no. 3 purpose is not stated; the processing it performs must be described (GDPR Art. 28(4))",
			"sub-processor no. 3 locations are not stated; at least one region required",
			"sub-processor no. 3 transfer mechanism is not stated; it must be stated (GDPR Art. 28(4))",
			"sub-processor no. 3 flow-down is not stated; true required, the DPA's obligations must bind the sub-processor (GDPR Art. 28(4))",
		]),
	)}
}

test_sub_001_two_offending_items_give_two_results if {
	d := testing.attestation_with([
		testing.remove_at("/subprocessors/0/purpose"),
		testing.replace_at("/subprocessors/1/flowdown", false),
	])
	results(d) == {
		sub_001(
			"/subprocessors/0/purpose",
			"sub-processor \"Example Cloud EU\" purpose is not stated; the processing it performs must be described (GDPR Art. 28(4))",
		),
		sub_001(
			"/subprocessors/1/flowdown",
			"sub-processor \"Example Model Labs\" flow-down is false; true required, the DPA's obligations must bind the sub-processor (GDPR Art. 28(4))",
		),
	}
}

test_sub_001_silent_without_attestation if {
	d := json.patch(testing.clean, [testing.remove_at("/attestation")])
	count(results(d)) == 0
}

test_sub_001_silent_with_invalid_attestation if {
	d := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.remove_at("/attestation/body/subprocessors"),
	])
	count(results(d)) == 0
}

# SUB-002

objection_false := "right to object to sub-processor changes is false; true required (GDPR Art. 28(2))"

objection_not_stated := "right to object to sub-processor changes is not stated; true required (GDPR Art. 28(2))"

notice_not_stated := "sub-processor change notice is not stated; a prior notice of at least 30 days required (SCC Clause 9(a))"

test_sub_002_objection_right_false_is_an_error if {
	d := testing.contract_with([testing.replace_at("/subprocessor_changes/objection_right", false)])
	results(d) == {sub_002("error", "/subprocessor_changes/objection_right", objection_false)}
}

test_sub_002_objection_right_not_stated_is_an_error if {
	d := testing.contract_with([testing.remove_at("/subprocessor_changes/objection_right")])
	results(d) == {sub_002("error", "/subprocessor_changes/objection_right", objection_not_stated)}
}

test_sub_002_notice_not_stated_is_an_error if {
	d := testing.contract_with([testing.remove_at("/subprocessor_changes/notice_days")])
	results(d) == {sub_002("error", "/subprocessor_changes/notice_days", notice_not_stated)}
}

test_sub_002_notice_null_is_not_stated if {
	d := testing.contract_with([testing.replace_at("/subprocessor_changes/notice_days", null)])
	results(d) == {sub_002("error", "/subprocessor_changes/notice_days", notice_not_stated)}
}

test_sub_002_notice_at_minimum_passes if {
	d := testing.contract_with([testing.replace_at("/subprocessor_changes/notice_days", 30)])
	count(results(d)) == 0
}

test_sub_002_notice_one_day_short_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/subprocessor_changes/notice_days", 29)])
	results(d) == {sub_002(
		"warning",
		"/subprocessor_changes/notice_days",
		"sub-processor change notice is 29 days; at least 30 days expected (SCC Clause 9(a))",
	)}
}

test_sub_002_combined_branches_take_the_error_level if {
	d := testing.contract_with([
		testing.replace_at("/subprocessor_changes/objection_right", false),
		testing.replace_at("/subprocessor_changes/notice_days", 10),
	])
	results(d) == {sub_002(
		"error",
		"/subprocessor_changes/objection_right",
		concat("; ", [
			objection_false,
			"sub-processor change notice is 10 days; at least 30 days expected (SCC Clause 9(a))",
		]),
	)}
}

test_sub_002_absent_section_fails_both_error_branches if {
	d := testing.contract_with([testing.remove_at("/subprocessor_changes")])
	results(d) == {sub_002(
		"error",
		"/subprocessor_changes/objection_right",
		concat("; ", [objection_not_stated, notice_not_stated]),
	)}
}

test_sub_002_threshold_override_applies if {
	r := results(testing.clean) with data.vendorgate_profile.thresholds as {"subprocessor_notice_min_days": 45}
	r == {sub_002(
		"warning",
		"/subprocessor_changes/notice_days",
		"sub-processor change notice is 30 days; at least 45 days expected (SCC Clause 9(a))",
	)}
}

test_sub_002_silent_without_contract if {
	d := json.patch(testing.clean, [testing.remove_at("/contract")])
	count(results(d)) == 0
}

test_sub_002_silent_with_invalid_contract if {
	d := json.patch(testing.clean, [
		testing.replace_at("/contract/valid", false),
		testing.remove_at("/contract/body/subprocessor_changes"),
	])
	count(results(d)) == 0
}

# SUB-003

test_sub_003_unlisted_provider_is_an_error_at_provider if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/provider", "Other Labs")])
	results(d) == {sub_003(
		"error",
		"/ai/upstream_models/0/provider",
		"upstream model provider \"Other Labs\" is not among the sub-processors; it must be listed in subprocessors (GDPR Art. 28(2))",
	)}
}

test_sub_003_provider_matches_after_trim_and_case_folding if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/provider", "  example MODEL labs ")])
	count(results(d)) == 0
}

test_sub_003_provider_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/ai/upstream_models/0/provider")])
	results(d) == {sub_003(
		"error",
		"/ai/upstream_models/0/provider",
		"upstream model no. 1 provider is not stated; it must be named and listed among the sub-processors (GDPR Art. 28(2))",
	)}
}

test_sub_003_trains_on_inputs_true_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/trains_on_inputs", true)])
	results(d) == {sub_003(
		"error",
		"/ai/upstream_models/0/trains_on_inputs",
		"upstream model of \"Example Model Labs\" trains_on_inputs is true; false required (GDPR Art. 28(4))",
	)}
}

test_sub_003_trains_on_inputs_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/ai/upstream_models/0/trains_on_inputs")])
	results(d) == {sub_003(
		"error",
		"/ai/upstream_models/0/trains_on_inputs",
		"upstream model of \"Example Model Labs\" trains_on_inputs is not stated; false required (GDPR Art. 28(4))",
	)}
}

test_sub_003_retention_at_maximum_passes if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/retention_days", 30)])
	count(results(d)) == 0
}

test_sub_003_retention_over_maximum_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/retention_days", 31)])
	results(d) == {sub_003(
		"warning",
		"/ai/upstream_models/0/retention_days",
		"upstream model of \"Example Model Labs\" prompt retention is 31 days; at most 30 days expected",
	)}
}

test_sub_003_retention_not_stated_is_a_warning if {
	d := testing.attestation_with([testing.remove_at("/ai/upstream_models/0/retention_days")])
	results(d) == {sub_003(
		"warning",
		"/ai/upstream_models/0/retention_days",
		"upstream model of \"Example Model Labs\" prompt retention is not stated; at most 30 days expected",
	)}
}

test_sub_003_threshold_override_applies if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/retention_days", 20)])
	r := results(d) with data.vendorgate_profile.thresholds as {"prompt_retention_max_days": 10}
	r == {sub_003(
		"warning",
		"/ai/upstream_models/0/retention_days",
		"upstream model of \"Example Model Labs\" prompt retention is 20 days; at most 10 days expected",
	)}
}

test_sub_003_combined_branches_give_one_error_at_provider if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0", {
		"provider": "Other Labs",
		"trains_on_inputs": true,
		"retention_days": 90,
	})])
	results(d) == {sub_003(
		"error",
		"/ai/upstream_models/0/provider",
		concat("; ", [
			"upstream model provider \"Other Labs\" is not among the sub-processors; it must be listed in subprocessors (GDPR Art. 28(2))",
			"upstream model of \"Other Labs\" trains_on_inputs is true; false required (GDPR Art. 28(4))",
			"upstream model of \"Other Labs\" prompt retention is 90 days; at most 30 days expected",
		]),
	)}
}

test_sub_003_unnamed_item_with_every_field_missing if {
	d := testing.attestation_with([testing.add_at("/ai/upstream_models/-", {})])
	results(d) == {sub_003(
		"error",
		"/ai/upstream_models/1/provider",
		concat("; ", [
			"upstream model no. 2 provider is not stated; it must be named and listed among the sub-processors (GDPR Art. 28(2))",
			"upstream model no. 2 trains_on_inputs is not stated; false required (GDPR Art. 28(4))",
			"upstream model no. 2 prompt retention is not stated; at most 30 days expected",
		]),
	)}
}

test_sub_003_two_offending_items_give_two_results if {
	d := testing.attestation_with([
		testing.replace_at("/ai/upstream_models/0/trains_on_inputs", true),
		testing.add_at("/ai/upstream_models/-", {
			"provider": "Example Cloud EU",
			"trains_on_inputs": false,
			"retention_days": 45,
		}),
	])
	results(d) == {
		sub_003(
			"error",
			"/ai/upstream_models/0/trains_on_inputs",
			"upstream model of \"Example Model Labs\" trains_on_inputs is true; false required (GDPR Art. 28(4))",
		),
		sub_003(
			"warning",
			"/ai/upstream_models/1/retention_days",
			"upstream model of \"Example Cloud EU\" prompt retention is 45 days; at most 30 days expected",
		),
	}
}

test_sub_003_in_scope_not_stated_counts_as_true if {
	d := testing.attestation_with([
		testing.remove_at("/ai/in_scope"),
		testing.replace_at("/ai/upstream_models/0/trains_on_inputs", true),
	])
	results(d) == {sub_003(
		"error",
		"/ai/upstream_models/0/trains_on_inputs",
		"upstream model of \"Example Model Labs\" trains_on_inputs is true; false required (GDPR Art. 28(4))",
	)}
}

test_sub_003_silent_when_ai_out_of_scope if {
	d := testing.attestation_with([
		testing.replace_at("/ai/in_scope", false),
		testing.replace_at("/ai/upstream_models/0/trains_on_inputs", true),
	])
	count(results(d)) == 0
}

test_sub_003_no_upstream_models_passes if {
	d := testing.attestation_with([testing.remove_at("/ai/upstream_models")])
	count(results(d)) == 0
}

test_sub_003_blank_subprocessor_name_matches_nothing if {
	d := testing.attestation_with([
		testing.replace_at("/subprocessors/0/name", ""),
		testing.replace_at("/ai/upstream_models/0/provider", " "),
	])
	results(d) == {
		sub_001(
			"/subprocessors/0/name",
			"sub-processor no. 1 name is not stated; every sub-processor must be named (GDPR Art. 28(2))",
		),
		sub_003(
			"error",
			"/ai/upstream_models/0/provider",
			"upstream model no. 1 provider is not stated; it must be named and listed among the sub-processors (GDPR Art. 28(2))",
		),
	}
}

test_sub_003_silent_with_invalid_attestation if {
	d := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.replace_at("/attestation/body/ai/upstream_models/0/trains_on_inputs", true),
	])
	count(results(d)) == 0
}
