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
	"upstream model provider (ai.upstream_models[0].provider) is \"Example Model Labs\"; a sub-processor of that name required (GDPR Art. 28(2))",
)

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

# SUB-001

sub_list_not_stated := "sub-processor list (subprocessors) is not stated; every sub-processor required, or [] when there is none (GDPR Art. 28(2))"

name_required := "a name required (GDPR Art. 28(2))"

purpose_not_stated(i) := sprintf(
	"sub-processor purpose (subprocessors[%d].purpose) is not stated; a description of the processing it performs required (GDPR Art. 28(4))",
	[i],
)

locations_not_stated(i) := sprintf(
	"sub-processor locations (subprocessors[%d].locations) is not stated; at least one region required (GDPR Art. 28(2))",
	[i],
)

mechanism_not_stated(i) := sprintf(
	"sub-processor transfer mechanism (subprocessors[%d].transfer_mechanism) is not stated; a transfer mechanism required (GDPR Art. 28(4))",
	[i],
)

flowdown(i, found) := sprintf(
	"flow-down of the DPA's obligations (subprocessors[%d].flowdown) is %s; must be true (GDPR Art. 28(4))",
	[i, found],
)

test_sub_001_absent_list_is_one_error_at_the_document if {
	d := testing.attestation_with([testing.remove_at("/subprocessors")])
	results(d) == {sub_001("", sub_list_not_stated), labs_unlisted}
}

test_sub_001_null_list_is_not_stated_at_subprocessors if {
	d := testing.attestation_with([testing.replace_at("/subprocessors", null)])
	results(d) == {sub_001("/subprocessors", sub_list_not_stated), labs_unlisted}
}

test_sub_001_empty_list_means_none if {
	d := testing.attestation_with([
		testing.replace_at("/subprocessors", []),
		testing.replace_at("/ai/upstream_models", []),
	])
	count(results(d)) == 0
}

test_sub_001_name_not_stated_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/subprocessors/0/name")])
	results(d) == {sub_001(
		"/subprocessors/0",
		sprintf("sub-processor name (subprocessors[0].name) is not stated; %s", [name_required]),
	)}
}

test_sub_001_blank_name_is_an_error_at_name if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/0/name", "  ")])
	results(d) == {sub_001(
		"/subprocessors/0/name",
		sprintf("sub-processor name (subprocessors[0].name) is blank; %s", [name_required]),
	)}
}

test_sub_001_null_name_is_not_stated_at_name if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/0/name", null)])
	results(d) == {sub_001(
		"/subprocessors/0/name",
		sprintf("sub-processor name (subprocessors[0].name) is not stated; %s", [name_required]),
	)}
}

test_sub_001_purpose_not_stated_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/subprocessors/0/purpose")])
	results(d) == {sub_001("/subprocessors/0", purpose_not_stated(0))}
}

test_sub_001_empty_locations_is_an_error_at_locations if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/0/locations", [])])
	results(d) == {sub_001("/subprocessors/0/locations", locations_not_stated(0))}
}

test_sub_001_absent_locations_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/subprocessors/0/locations")])
	results(d) == {sub_001("/subprocessors/0", locations_not_stated(0))}
}

test_sub_001_mechanism_not_stated_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/subprocessors/0/transfer_mechanism")])
	results(d) == {sub_001("/subprocessors/0", mechanism_not_stated(0))}
}

test_sub_001_mechanism_none_is_stated if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/0/transfer_mechanism", "none")])
	count(results(d)) == 0
}

test_sub_001_flowdown_false_is_an_error_at_flowdown if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/1/flowdown", false)])
	results(d) == {sub_001("/subprocessors/1/flowdown", flowdown(1, "false"))}
}

test_sub_001_flowdown_not_stated_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/subprocessors/1/flowdown")])
	results(d) == {sub_001("/subprocessors/1", flowdown(1, "not stated"))}
}

test_sub_001_absent_and_false_fields_of_one_item_are_two_results if {
	d := testing.attestation_with([
		testing.remove_at("/subprocessors/0/purpose"),
		testing.replace_at("/subprocessors/0/flowdown", false),
	])
	results(d) == {
		sub_001("/subprocessors/0", purpose_not_stated(0)),
		sub_001("/subprocessors/0/flowdown", flowdown(0, "false")),
	}
}

test_sub_001_absent_fields_of_one_item_merge_at_the_item if {
	d := testing.attestation_with([
		testing.remove_at("/subprocessors/0/purpose"),
		testing.remove_at("/subprocessors/0/flowdown"),
	])
	results(d) == {sub_001("/subprocessors/0", concat("; ", [purpose_not_stated(0), flowdown(0, "not stated")]))}
}

test_sub_001_item_with_every_field_missing_is_one_result if {
	d := testing.attestation_with([testing.add_at("/subprocessors/-", {})])
	results(d) == {sub_001("/subprocessors/2", concat("; ", [
		sprintf("sub-processor name (subprocessors[2].name) is not stated; %s", [name_required]),
		purpose_not_stated(2),
		locations_not_stated(2),
		mechanism_not_stated(2),
		flowdown(2, "not stated"),
	]))}
}

test_sub_001_two_offending_items_give_two_results if {
	d := testing.attestation_with([
		testing.remove_at("/subprocessors/0/purpose"),
		testing.replace_at("/subprocessors/1/flowdown", false),
	])
	results(d) == {
		sub_001("/subprocessors/0", purpose_not_stated(0)),
		sub_001("/subprocessors/1/flowdown", flowdown(1, "false")),
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

objection(found) := sprintf(
	"right to object to sub-processor changes (subprocessor_changes.objection_right) is %s; must be true (GDPR Art. 28(2))",
	[found],
)

notice_not_stated := "sub-processor change notice (subprocessor_changes.notice_days) is not stated; a prior-notice period in days required (SCC 2021/914 Clause 9(a))"

notice_short(n) := sprintf(
	"sub-processor change notice (subprocessor_changes.notice_days) is %s; at least 30 days recommended (SCC 2021/914 Clause 9(a))",
	[n],
)

test_sub_002_objection_right_false_is_an_error_at_its_value if {
	d := testing.contract_with([testing.replace_at("/subprocessor_changes/objection_right", false)])
	results(d) == {sub_002("error", "/subprocessor_changes/objection_right", objection("false"))}
}

test_sub_002_objection_right_not_stated_is_an_error_at_its_parent if {
	d := testing.contract_with([testing.remove_at("/subprocessor_changes/objection_right")])
	results(d) == {sub_002("error", "/subprocessor_changes", objection("not stated"))}
}

test_sub_002_notice_not_stated_is_an_error_at_its_parent if {
	d := testing.contract_with([testing.remove_at("/subprocessor_changes/notice_days")])
	results(d) == {sub_002("error", "/subprocessor_changes", notice_not_stated)}
}

test_sub_002_notice_null_is_not_stated_at_its_value if {
	d := testing.contract_with([testing.replace_at("/subprocessor_changes/notice_days", null)])
	results(d) == {sub_002("error", "/subprocessor_changes/notice_days", notice_not_stated)}
}

test_sub_002_notice_at_minimum_passes if {
	d := testing.contract_with([testing.replace_at("/subprocessor_changes/notice_days", 30)])
	count(results(d)) == 0
}

test_sub_002_notice_one_day_short_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/subprocessor_changes/notice_days", 29)])
	results(d) == {sub_002("warning", "/subprocessor_changes/notice_days", notice_short("29 days"))}
}

test_sub_002_notice_of_one_day_is_singular if {
	d := testing.contract_with([testing.replace_at("/subprocessor_changes/notice_days", 1)])
	results(d) == {sub_002("warning", "/subprocessor_changes/notice_days", notice_short("1 day"))}
}

test_sub_002_conditions_on_two_values_are_two_results if {
	d := testing.contract_with([
		testing.replace_at("/subprocessor_changes/objection_right", false),
		testing.replace_at("/subprocessor_changes/notice_days", 10),
	])
	results(d) == {
		sub_002("error", "/subprocessor_changes/objection_right", objection("false")),
		sub_002("warning", "/subprocessor_changes/notice_days", notice_short("10 days")),
	}
}

test_sub_002_absent_values_merge_at_their_parent if {
	d := testing.contract_with([
		testing.remove_at("/subprocessor_changes/objection_right"),
		testing.remove_at("/subprocessor_changes/notice_days"),
	])
	results(d) == {sub_002("error", "/subprocessor_changes", concat("; ", [objection("not stated"), notice_not_stated]))}
}

test_sub_002_absent_section_is_one_error_at_the_document if {
	d := testing.contract_with([testing.remove_at("/subprocessor_changes")])
	results(d) == {sub_002("error", "", concat("; ", [objection("not stated"), notice_not_stated]))}
}

test_sub_002_threshold_override_applies if {
	r := results(testing.clean) with data.vendorgate_profile.thresholds as {"subprocessor_notice_min_days": 45}
	r == {sub_002(
		"warning",
		"/subprocessor_changes/notice_days",
		"sub-processor change notice (subprocessor_changes.notice_days) is 30 days; at least 45 days recommended by the organisation profile (SCC 2021/914 Clause 9(a); catalog default 30 days)",
	)}
}

test_sub_002_threshold_override_does_not_change_the_not_stated_error if {
	d := testing.contract_with([testing.remove_at("/subprocessor_changes/notice_days")])
	r := results(d) with data.vendorgate_profile.thresholds as {"subprocessor_notice_min_days": 45}
	r == {sub_002("error", "/subprocessor_changes", notice_not_stated)}
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

provider_is(i, name) := sprintf(
	"upstream model provider (ai.upstream_models[%d].provider) is %q; a sub-processor of that name required (GDPR Art. 28(2))",
	[i, name],
)

provider_not_stated(i, found) := sprintf(
	"upstream model provider (ai.upstream_models[%d].provider) is %s; a provider named among the sub-processors required (GDPR Art. 28(2))",
	[i, found],
)

training(i, found) := sprintf(
	"upstream model training on inputs (ai.upstream_models[%d].trains_on_inputs) is %s; must be false (GDPR Art. 28(4), ISO/IEC 42001:2023 A.10.3)",
	[i, found],
)

retention(i, found) := sprintf(
	"upstream model prompt retention (ai.upstream_models[%d].retention_days) is %s; 30 days or less recommended (ISO/IEC 42001:2023 A.10.3)",
	[i, found],
)

test_sub_003_unlisted_provider_is_an_error_at_provider if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/provider", "Other Labs")])
	results(d) == {sub_003("error", "/ai/upstream_models/0/provider", provider_is(0, "Other Labs"))}
}

test_sub_003_provider_matches_after_trim_and_case_folding if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/provider", "  example MODEL labs ")])
	count(results(d)) == 0
}

test_sub_003_provider_matches_with_sharp_s_folded_to_ss if {
	d := testing.attestation_with([
		testing.replace_at("/subprocessors/1/name", "Modellwerk Straße"),
		testing.replace_at("/ai/upstream_models/0/provider", "MODELLWERK STRASSE"),
	])
	count(results(d)) == 0
}

test_sub_003_provider_matches_with_capital_sharp_s if {
	d := testing.attestation_with([
		testing.replace_at("/subprocessors/1/name", "MODELLWERK STRAẞE"),
		testing.replace_at("/ai/upstream_models/0/provider", "modellwerk strasse"),
	])
	count(results(d)) == 0
}

test_sub_003_provider_matches_with_final_sigma if {
	d := testing.attestation_with([
		testing.replace_at("/subprocessors/1/name", "ΛΟΓΟΣ AI"),
		testing.replace_at("/ai/upstream_models/0/provider", "λογος ai"),
	])
	count(results(d)) == 0
}

test_sub_003_different_name_still_fails_after_folding if {
	d := testing.attestation_with([
		testing.replace_at("/subprocessors/1/name", "Modellwerk Straße"),
		testing.replace_at("/ai/upstream_models/0/provider", "Modellwerk Strase"),
	])
	results(d) == {sub_003("error", "/ai/upstream_models/0/provider", provider_is(0, "Modellwerk Strase"))}
}

test_sub_003_provider_not_stated_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/ai/upstream_models/0/provider")])
	results(d) == {sub_003("error", "/ai/upstream_models/0", provider_not_stated(0, "not stated"))}
}

test_sub_003_trains_on_inputs_true_is_an_error_at_its_value if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/trains_on_inputs", true)])
	results(d) == {sub_003("error", "/ai/upstream_models/0/trains_on_inputs", training(0, "true"))}
}

test_sub_003_trains_on_inputs_not_stated_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/ai/upstream_models/0/trains_on_inputs")])
	results(d) == {sub_003("error", "/ai/upstream_models/0", training(0, "not stated"))}
}

test_sub_003_retention_at_maximum_passes if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/retention_days", 30)])
	count(results(d)) == 0
}

test_sub_003_retention_over_maximum_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/retention_days", 31)])
	results(d) == {sub_003("warning", "/ai/upstream_models/0/retention_days", retention(0, "31 days"))}
}

test_sub_003_retention_not_stated_is_a_warning_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/ai/upstream_models/0/retention_days")])
	results(d) == {sub_003("warning", "/ai/upstream_models/0", retention(0, "not stated"))}
}

test_sub_003_retention_null_is_not_stated_at_its_value if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/retention_days", null)])
	results(d) == {sub_003("warning", "/ai/upstream_models/0/retention_days", retention(0, "not stated"))}
}

test_sub_003_threshold_override_applies if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0/retention_days", 20)])
	r := results(d) with data.vendorgate_profile.thresholds as {"prompt_retention_max_days": 10}
	r == {sub_003(
		"warning",
		"/ai/upstream_models/0/retention_days",
		"upstream model prompt retention (ai.upstream_models[0].retention_days) is 20 days; 10 days or less recommended by the organisation profile (ISO/IEC 42001:2023 A.10.3; catalog default 30 days)",
	)}
}

test_sub_003_values_of_one_item_are_results_at_each_value if {
	d := testing.attestation_with([testing.replace_at("/ai/upstream_models/0", {
		"provider": "Other Labs",
		"trains_on_inputs": true,
		"retention_days": 90,
	})])
	results(d) == {
		sub_003("error", "/ai/upstream_models/0/provider", provider_is(0, "Other Labs")),
		sub_003("error", "/ai/upstream_models/0/trains_on_inputs", training(0, "true")),
		sub_003("warning", "/ai/upstream_models/0/retention_days", retention(0, "90 days")),
	}
}

test_sub_003_item_with_every_field_missing_is_one_result_at_the_item if {
	d := testing.attestation_with([testing.add_at("/ai/upstream_models/-", {})])
	results(d) == {sub_003("error", "/ai/upstream_models/1", concat("; ", [
		provider_not_stated(1, "not stated"),
		training(1, "not stated"),
		retention(1, "not stated"),
	]))}
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
		sub_003("error", "/ai/upstream_models/0/trains_on_inputs", training(0, "true")),
		sub_003("warning", "/ai/upstream_models/1/retention_days", retention(1, "45 days")),
	}
}

test_sub_003_in_scope_not_stated_counts_as_true if {
	d := testing.attestation_with([
		testing.remove_at("/ai/in_scope"),
		testing.replace_at("/ai/upstream_models/0/trains_on_inputs", true),
	])
	results(d) == {sub_003("error", "/ai/upstream_models/0/trains_on_inputs", training(0, "true"))}
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
			sprintf("sub-processor name (subprocessors[0].name) is blank; %s", [name_required]),
		),
		sub_003("error", "/ai/upstream_models/0/provider", provider_not_stated(0, "blank")),
	}
}

test_sub_003_silent_with_invalid_attestation if {
	d := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.replace_at("/attestation/body/ai/upstream_models/0/trains_on_inputs", true),
	])
	count(results(d)) == 0
}
