package vendorgate.rules.privacy_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.privacy

results(d) := r if {
	r := privacy.deny with input as testing.input_of(d)
}

prv_001(level, pointer, message) := testing.result("PRV-001", level, "s", pointer, message)

baa_unsigned := testing.replace_at("/baa/signed", false)

phi_text(name, masking, signed) := sprintf(
	"data flow %s shares phi with masking %s while the BAA (baa.signed) is %s; mask it or sign a business associate agreement (45 CFR 164.514(b))",
	[name, masking, signed],
)

personal_text(name, classes, masking, identity) := sprintf(
	"data flow %s shares %s with masking %s while identity_needed is %s; pseudonymize, tokenize or redact it (GDPR Art. 5(1)(c), 25)",
	[name, classes, masking, identity],
)

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

test_prv_001_unmasked_phi_without_baa_is_an_error if {
	d := testing.patched([testing.replace_at("/data_flows/1/masking", "none")], [], [baa_unsigned])
	results(d) == {prv_001(
		"error",
		"/data_flows/1/masking",
		phi_text(`"claims summaries"`, "none", "false"),
	)}
}

test_prv_001_unmasked_phi_with_baa_not_stated_is_an_error if {
	d := testing.patched([testing.remove_at("/data_flows/1/masking")], [], [testing.remove_at("/baa")])
	results(d) == {prv_001(
		"error",
		"/data_flows/1/masking",
		phi_text(`"claims summaries"`, "not stated", "not stated"),
	)}
}

test_prv_001_unmasked_phi_with_signed_baa_passes if {
	d := testing.engagement_with([testing.replace_at("/data_flows/1/masking", "none")])
	count(results(d)) == 0
}

test_prv_001_masked_phi_without_baa_passes if {
	d := testing.contract_with([baa_unsigned])
	count(results(d)) == 0
}

test_prv_001_unmasked_pii_is_a_warning if {
	d := testing.engagement_with([testing.remove_at("/data_flows/0/masking")])
	results(d) == {prv_001(
		"warning",
		"/data_flows/0/masking",
		personal_text(`"contract documents"`, "pii", "not stated", "false"),
	)}
}

test_prv_001_unmasked_special_with_identity_not_stated_is_a_warning if {
	d := testing.engagement_with([
		testing.replace_at("/data_flows/0/classes", ["special"]),
		testing.replace_at("/data_flows/0/masking", "none"),
		testing.remove_at("/data_flows/0/identity_needed"),
	])
	results(d) == {prv_001(
		"warning",
		"/data_flows/0/masking",
		personal_text(`"contract documents"`, "special", "none", "not stated"),
	)}
}

test_prv_001_identity_needed_allows_unmasked_pii if {
	d := testing.engagement_with([testing.replace_at("/data_flows/0/masking", "none"), testing.replace_at("/data_flows/0/identity_needed", true)])
	count(results(d)) == 0
}

test_prv_001_every_masking_technique_passes if {
	every m in ["pseudonymization", "tokenization", "redaction", "anonymization"] {
		d := testing.patched(
			[testing.replace_at("/data_flows/0/masking", m), testing.replace_at("/data_flows/1/masking", m)],
			[],
			[baa_unsigned],
		)
		count(results(d)) == 0
	}
}

test_prv_001_unmasked_non_personal_data_passes if {
	d := testing.engagement_with([testing.replace_at("/data_flows/0", {"name": "price list", "classes": ["confidential", "public"], "masking": "none"})])
	count(results(d)) == 0
}

test_prv_001_combined_branches_give_one_error_with_both_texts if {
	d := testing.patched(
		[testing.replace_at("/data_flows/1", {"name": "claims", "classes": ["phi", "pii", "special"], "masking": "none"})],
		[],
		[baa_unsigned],
	)
	results(d) == {prv_001(
		"error",
		"/data_flows/1/masking",
		concat("; ", [
			phi_text(`"claims"`, "none", "false"),
			personal_text(`"claims"`, "pii, special", "none", "not stated"),
		]),
	)}
}

test_prv_001_two_unmasked_flows_give_two_results if {
	d := testing.patched(
		[testing.replace_at("/data_flows/0/masking", "none"), testing.replace_at("/data_flows/1/masking", "none")],
		[],
		[baa_unsigned],
	)
	results(d) == {
		prv_001(
			"warning",
			"/data_flows/0/masking",
			personal_text(`"contract documents"`, "pii", "none", "false"),
		),
		prv_001(
			"error",
			"/data_flows/1/masking",
			phi_text(`"claims summaries"`, "none", "false"),
		),
	}
}

test_prv_001_classes_not_stated_is_an_error if {
	d := testing.engagement_with([testing.replace_at("/data_flows/0", {"name": "mystery export", "masking": "none"})])
	results(d) == {prv_001(
		"error",
		"/data_flows/0/masking",
		"data flow \"mystery export\" has masking none and its data classes are not stated; state the classes it carries or mask it (GDPR Art. 5(1)(c), 25)",
	)}
}

test_prv_001_unnamed_flow_is_named_by_its_index if {
	d := testing.patched([testing.remove_at("/data_flows/1/name"), testing.remove_at("/data_flows/1/masking")], [], [baa_unsigned])
	results(d) == {prv_001(
		"error",
		"/data_flows/1/masking",
		phi_text("data_flows[1]", "not stated", "false"),
	)}
}

test_prv_001_silent_without_contract if {
	d := json.patch(testing.engagement_with([testing.replace_at("/data_flows/0/masking", "none")]), [testing.remove_at("/contract")])
	count(results(d)) == 0
}

test_prv_001_silent_with_invalid_contract if {
	d := json.patch(testing.engagement_with([testing.replace_at("/data_flows/0/masking", "none")]), [testing.replace_at("/contract/valid", false)])
	count(results(d)) == 0
}

test_prv_001_silent_with_invalid_engagement if {
	d := json.patch(testing.engagement_with([testing.replace_at("/data_flows/0/masking", "none")]), [testing.replace_at("/engagement/valid", false)])
	count(results(d)) == 0
}
