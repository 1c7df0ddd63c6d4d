package vendorgate.rules.privacy_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.privacy

results(d) := r if {
	r := privacy.deny with input as testing.input_of(d)
}

prv_001(level, pointer, message) := testing.result("PRV-001", level, "s", pointer, message)

baa_unsigned := testing.replace_at("/baa/signed", false)

techniques := "pseudonymization, tokenization, redaction or anonymization"

masking(label, i, found) := sprintf("%s (data_flows[%d].masking) is %s", [label, i, found])

phi_text(signed) := sprintf("%s required for phi while baa.signed is %s (HIPAA 45 CFR 164.514(b))", [techniques, signed])

personal_text(classes, identity) := sprintf(
	"%s recommended for %s while identity_needed is %s (GDPR Art. 5(1)(c), GDPR Art. 25)",
	[techniques, classes, identity],
)

claims := `masking of data flow "claims summaries"`

documents := `masking of data flow "contract documents"`

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

test_prv_001_unmasked_phi_without_baa_is_an_error_at_masking if {
	d := testing.patched([testing.replace_at("/data_flows/1/masking", "none")], [], [baa_unsigned])
	results(d) == {prv_001(
		"error",
		"/data_flows/1/masking",
		concat("; ", [masking(claims, 1, "none"), phi_text("false")]),
	)}
}

test_prv_001_masking_and_baa_not_stated_is_an_error_at_the_flow if {
	d := testing.patched([testing.remove_at("/data_flows/1/masking")], [], [testing.remove_at("/baa")])
	results(d) == {prv_001(
		"error",
		"/data_flows/1",
		concat("; ", [masking(claims, 1, "not stated"), phi_text("not stated")]),
	)}
}

test_prv_001_masking_null_is_not_stated_at_its_value if {
	d := testing.patched([testing.replace_at("/data_flows/1/masking", null)], [], [baa_unsigned])
	results(d) == {prv_001(
		"error",
		"/data_flows/1/masking",
		concat("; ", [masking(claims, 1, "not stated"), phi_text("false")]),
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

test_prv_001_hipaa_regime_alone_does_not_make_a_flow_phi if {
	d := testing.patched([testing.replace_at("/data_flows/0/masking", "none"), testing.replace_at("/data_flows/0/identity_needed", true)], [], [baa_unsigned])
	count(results(d)) == 0
}

test_prv_001_unmasked_pii_is_a_warning_at_the_flow if {
	d := testing.engagement_with([testing.remove_at("/data_flows/0/masking")])
	results(d) == {prv_001(
		"warning",
		"/data_flows/0",
		concat("; ", [masking(documents, 0, "not stated"), personal_text("pii", "false")]),
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
		concat("; ", [masking(documents, 0, "none"), personal_text("special", "not stated")]),
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

test_prv_001_both_conditions_of_one_flow_merge_at_the_error_level if {
	d := testing.patched(
		[testing.replace_at("/data_flows/1", {"name": "claims", "classes": ["phi", "pii", "special"], "masking": "none"})],
		[],
		[baa_unsigned],
	)
	results(d) == {prv_001(
		"error",
		"/data_flows/1/masking",
		concat("; ", [
			masking(`masking of data flow "claims"`, 1, "none"),
			phi_text("false"),
			personal_text("pii, special", "not stated"),
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
		prv_001("warning", "/data_flows/0/masking", concat("; ", [masking(documents, 0, "none"), personal_text("pii", "false")])),
		prv_001("error", "/data_flows/1/masking", concat("; ", [masking(claims, 1, "none"), phi_text("false")])),
	}
}

test_prv_001_classes_not_stated_is_an_error_at_masking if {
	d := testing.engagement_with([testing.replace_at("/data_flows/0", {"name": "mystery export", "masking": "none"})])
	results(d) == {prv_001(
		"error",
		"/data_flows/0/masking",
		`data classes of data flow "mystery export" (data_flows[0].classes) are not stated; the classes it carries required, as its masking is none (GDPR Art. 5(1)(c))`,
	)}
}

test_prv_001_classes_empty_and_masking_absent_is_an_error_at_the_flow if {
	d := testing.engagement_with([testing.replace_at("/data_flows/0", {"name": "mystery export", "classes": []})])
	results(d) == {prv_001(
		"error",
		"/data_flows/0",
		`data classes of data flow "mystery export" (data_flows[0].classes) are not stated; the classes it carries required, as its masking is not stated (GDPR Art. 5(1)(c))`,
	)}
}

test_prv_001_unnamed_flow_is_named_by_its_path if {
	d := testing.patched([testing.remove_at("/data_flows/1/name"), testing.remove_at("/data_flows/1/masking")], [], [baa_unsigned])
	results(d) == {prv_001(
		"error",
		"/data_flows/1",
		concat("; ", [masking("data flow masking", 1, "not stated"), phi_text("false")]),
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
