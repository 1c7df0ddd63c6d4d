package vendorgate.rules.contract_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.contract

results(d) := r if {
	r := contract.deny with input as testing.input_of(d)
}

res(rule, level, pointer, message) := testing.result(rule, level, "c", pointer, message)

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

# CTR-001

all_clauses := "instructions, confidentiality, security, subprocessing, data-subject-requests, assistance, deletion-return, audits"

dpa_not_signed := "DPA signed is false; a signed Article 28 DPA required (GDPR Art. 28(3), 28(9))"

clauses_not_stated := sprintf("DPA clauses are not stated; %s required (GDPR Art. 28(3))", [all_clauses])

test_ctr_001_unsigned_dpa_is_an_error if {
	d := testing.contract_with([testing.replace_at("/dpa/signed", false)])
	results(d) == {res("CTR-001", "error", "/dpa/signed", dpa_not_signed)}
}

test_ctr_001_signed_not_stated_is_an_error if {
	d := testing.contract_with([testing.remove_at("/dpa/signed")])
	results(d) == {res(
		"CTR-001",
		"error",
		"/dpa/signed",
		"DPA signed is not stated; a signed Article 28 DPA required (GDPR Art. 28(3), 28(9))",
	)}
}

test_ctr_001_missing_clauses_are_listed if {
	d := testing.contract_with([testing.replace_at("/dpa/clauses", [
		"audits",
		"instructions",
		"confidentiality",
		"security",
		"subprocessing",
		"assistance",
	])])
	results(d) == {res(
		"CTR-001",
		"error",
		"/dpa/clauses",
		sprintf("DPA clauses lack data-subject-requests, deletion-return; %s required (GDPR Art. 28(3))", [all_clauses]),
	)}
}

test_ctr_001_empty_clauses_are_not_stated if {
	d := testing.contract_with([testing.replace_at("/dpa/clauses", [])])
	results(d) == {res("CTR-001", "error", "/dpa/clauses", clauses_not_stated)}
}

test_ctr_001_combined_branches_give_one_result_at_signed if {
	d := testing.contract_with([
		testing.replace_at("/dpa/signed", false),
		testing.remove_at("/dpa/clauses"),
	])
	results(d) == {res("CTR-001", "error", "/dpa/signed", concat("; ", [dpa_not_signed, clauses_not_stated]))}
}

test_ctr_001_absent_dpa_fails_both_branches if {
	d := testing.contract_with([testing.remove_at("/dpa")])
	results(d) == {res(
		"CTR-001",
		"error",
		"/dpa/signed",
		concat("; ", [
			"DPA signed is not stated; a signed Article 28 DPA required (GDPR Art. 28(3), 28(9))",
			clauses_not_stated,
		]),
	)}
}

test_ctr_001_silent_without_gdpr if {
	d := testing.patched(
		[testing.replace_at("/regimes", ["ccpa", "hipaa", "nis2", "dora", "euaia"])],
		[],
		[testing.remove_at("/dpa")],
	)
	count(results(d)) == 0
}

test_ctr_001_silent_without_engagement if {
	d := json.patch(testing.contract_with([testing.remove_at("/dpa")]), [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

test_ctr_001_silent_with_invalid_contract if {
	d := json.patch(testing.contract_with([testing.remove_at("/dpa")]), [testing.replace_at("/contract/valid", false)])
	count(results(d)) == 0
}

# CTR-002

test_ctr_002_unsigned_baa_is_an_error if {
	d := testing.contract_with([testing.replace_at("/baa/signed", false)])
	results(d) == {res(
		"CTR-002",
		"error",
		"/baa/signed",
		"business associate agreement signed is false; a signed BAA required (45 CFR 164.502(e))",
	)}
}

test_ctr_002_absent_baa_is_not_stated if {
	d := testing.contract_with([testing.remove_at("/baa")])
	results(d) == {res(
		"CTR-002",
		"error",
		"/baa/signed",
		"business associate agreement signed is not stated; a signed BAA required (45 CFR 164.502(e))",
	)}
}

test_ctr_002_hipaa_regime_alone_counts_as_phi if {
	d := testing.patched(
		[testing.replace_at("/data_classes", ["pii"])],
		[],
		[testing.replace_at("/baa/signed", false)],
	)
	results(d) == {res(
		"CTR-002",
		"error",
		"/baa/signed",
		"business associate agreement signed is false; a signed BAA required (45 CFR 164.502(e))",
	)}
}

test_ctr_002_phi_class_alone_triggers if {
	d := testing.patched(
		[testing.replace_at("/regimes", ["gdpr", "ccpa", "dora"])],
		[],
		[testing.replace_at("/baa/signed", false)],
	)
	results(d) == {res(
		"CTR-002",
		"error",
		"/baa/signed",
		"business associate agreement signed is false; a signed BAA required (45 CFR 164.502(e))",
	)}
}

test_ctr_002_silent_without_phi if {
	d := testing.patched(
		[
			testing.replace_at("/data_classes", ["pii"]),
			testing.replace_at("/regimes", ["gdpr", "ccpa", "dora"]),
		],
		[],
		[testing.remove_at("/baa")],
	)
	count(results(d)) == 0
}

test_ctr_002_silent_with_invalid_engagement if {
	d := json.patch(
		testing.contract_with([testing.remove_at("/baa")]),
		[testing.replace_at("/engagement/valid", false)],
	)
	count(results(d)) == 0
}

# CTR-003

ccpa(field, value) := res(
	"CTR-003",
	"error",
	sprintf("/ccpa/%s", [field]),
	sprintf("CCPA service-provider term %s is %s; true required (Cal. Civ. Code 1798.140(ag))", [field, value]),
)

test_ctr_003_false_field_is_an_error_at_the_field if {
	d := testing.contract_with([testing.replace_at("/ccpa/no_sell_share", false)])
	results(d) == {ccpa("no_sell_share", "false")}
}

test_ctr_003_field_not_stated_is_an_error if {
	d := testing.contract_with([testing.remove_at("/ccpa/notify_if_noncompliant")])
	results(d) == {ccpa("notify_if_noncompliant", "not stated")}
}

test_ctr_003_one_result_per_failing_field if {
	d := testing.contract_with([
		testing.replace_at("/ccpa/purpose_limit", false),
		testing.remove_at("/ccpa/no_combining"),
	])
	results(d) == {ccpa("purpose_limit", "false"), ccpa("no_combining", "not stated")}
}

test_ctr_003_absent_ccpa_fails_every_field if {
	d := testing.contract_with([testing.remove_at("/ccpa")])
	results(d) == {
		ccpa("no_sell_share", "not stated"),
		ccpa("specified_purposes", "not stated"),
		ccpa("purpose_limit", "not stated"),
		ccpa("no_combining", "not stated"),
		ccpa("same_protection", "not stated"),
		ccpa("audit_remediate", "not stated"),
		ccpa("notify_if_noncompliant", "not stated"),
	}
}

test_ctr_003_silent_without_ccpa if {
	d := testing.patched(
		[testing.replace_at("/regimes", ["gdpr", "hipaa", "nis2", "dora", "euaia"])],
		[],
		[testing.remove_at("/ccpa")],
	)
	count(results(d)) == 0
}

test_ctr_003_silent_without_contract if {
	d := json.patch(testing.clean, [testing.remove_at("/contract")])
	count(results(d)) == 0
}

test_ctr_003_silent_without_engagement if {
	d := json.patch(testing.contract_with([testing.remove_at("/ccpa")]), [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

# CTR-004

credits_false := "SLA service credits are false; true expected so that a missed service level has a remedy (CCM STA-09)"

test_ctr_004_availability_at_minimum_passes if {
	d := testing.contract_with([testing.replace_at("/sla/availability_pct", 99.5)])
	count(results(d)) == 0
}

test_ctr_004_availability_below_minimum_is_an_error if {
	d := testing.contract_with([testing.replace_at("/sla/availability_pct", 99.4)])
	results(d) == {res(
		"CTR-004",
		"error",
		"/sla/availability_pct",
		"SLA availability is 99.4 %; at least 99.5 % required (DORA Art. 30(2)(e))",
	)}
}

test_ctr_004_availability_not_stated_is_an_error if {
	d := testing.contract_with([testing.remove_at("/sla/availability_pct")])
	results(d) == {res(
		"CTR-004",
		"error",
		"/sla/availability_pct",
		"SLA availability is not stated; at least 99.5 % required (DORA Art. 30(2)(e))",
	)}
}

test_ctr_004_no_service_credits_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/sla/service_credits", false)])
	results(d) == {res("CTR-004", "warning", "/sla/service_credits", credits_false)}
}

test_ctr_004_service_credits_not_stated_is_a_warning if {
	d := testing.contract_with([testing.remove_at("/sla/service_credits")])
	results(d) == {res(
		"CTR-004",
		"warning",
		"/sla/service_credits",
		"SLA service credits are not stated; true expected so that a missed service level has a remedy (CCM STA-09)",
	)}
}

test_ctr_004_combined_branches_take_the_error_level if {
	d := testing.contract_with([
		testing.replace_at("/sla/availability_pct", 99),
		testing.replace_at("/sla/service_credits", false),
	])
	results(d) == {res(
		"CTR-004",
		"error",
		"/sla/availability_pct",
		concat("; ", ["SLA availability is 99 %; at least 99.5 % required (DORA Art. 30(2)(e))", credits_false]),
	)}
}

test_ctr_004_absent_sla_fails_both_branches if {
	d := testing.contract_with([testing.remove_at("/sla")])
	results(d) == {res(
		"CTR-004",
		"error",
		"/sla/availability_pct",
		concat("; ", [
			"SLA availability is not stated; at least 99.5 % required (DORA Art. 30(2)(e))",
			"SLA service credits are not stated; true expected so that a missed service level has a remedy (CCM STA-09)",
		]),
	)}
}

test_ctr_004_threshold_override_applies if {
	r := results(testing.clean) with data.vendorgate_profile.thresholds as {"sla_min_availability_pct": 99.95}
	r == {res(
		"CTR-004",
		"error",
		"/sla/availability_pct",
		"SLA availability is 99.9 %; at least 99.95 % required (DORA Art. 30(2)(e))",
	)}
}

test_ctr_004_reads_only_the_contract if {
	d := json.patch(
		testing.contract_with([testing.replace_at("/sla/availability_pct", 99)]),
		[testing.remove_at("/engagement")],
	)
	results(d) == {res(
		"CTR-004",
		"error",
		"/sla/availability_pct",
		"SLA availability is 99 %; at least 99.5 % required (DORA Art. 30(2)(e))",
	)}
}

test_ctr_004_silent_with_invalid_contract if {
	d := json.patch(testing.contract_with([testing.remove_at("/sla")]), [testing.replace_at("/contract/valid", false)])
	count(results(d)) == 0
}

# CTR-005

on_request_false := "audit right on request is false; true required (GDPR Art. 28(3)(h))"

regulator_false := "regulator access for audits is false; true required when DORA applies (DORA Art. 30(3)(e))"

test_ctr_005_no_audit_on_request_is_an_error if {
	d := testing.contract_with([testing.replace_at("/audit_rights/on_request", false)])
	results(d) == {res("CTR-005", "error", "/audit_rights/on_request", on_request_false)}
}

test_ctr_005_dora_without_regulator_access_is_an_error if {
	d := testing.contract_with([testing.replace_at("/audit_rights/regulator_access", false)])
	results(d) == {res("CTR-005", "error", "/audit_rights/regulator_access", regulator_false)}
}

test_ctr_005_regulator_access_not_needed_without_dora if {
	d := testing.patched(
		[testing.replace_at("/regimes", ["gdpr", "ccpa", "hipaa", "nis2", "euaia"])],
		[],
		[testing.remove_at("/audit_rights/regulator_access")],
	)
	count(results(d)) == 0
}

test_ctr_005_on_request_applies_without_dora if {
	d := testing.patched(
		[testing.replace_at("/regimes", ["gdpr"])],
		[],
		[testing.remove_at("/audit_rights/on_request")],
	)
	results(d) == {res(
		"CTR-005",
		"error",
		"/audit_rights/on_request",
		"audit right on request is not stated; true required (GDPR Art. 28(3)(h))",
	)}
}

test_ctr_005_combined_branches_give_one_result_at_on_request if {
	d := testing.contract_with([
		testing.replace_at("/audit_rights/on_request", false),
		testing.replace_at("/audit_rights/regulator_access", false),
	])
	results(d) == {res("CTR-005", "error", "/audit_rights/on_request", concat("; ", [on_request_false, regulator_false]))}
}

test_ctr_005_absent_audit_rights_fails_both_branches if {
	d := testing.contract_with([testing.remove_at("/audit_rights")])
	results(d) == {res(
		"CTR-005",
		"error",
		"/audit_rights/on_request",
		concat("; ", [
			"audit right on request is not stated; true required (GDPR Art. 28(3)(h))",
			"regulator access for audits is not stated; true required when DORA applies (DORA Art. 30(3)(e))",
		]),
	)}
}

test_ctr_005_silent_without_engagement if {
	d := json.patch(
		testing.contract_with([testing.remove_at("/audit_rights")]),
		[testing.remove_at("/engagement")],
	)
	count(results(d)) == 0
}

test_ctr_005_silent_with_invalid_contract if {
	d := json.patch(
		testing.contract_with([testing.remove_at("/audit_rights")]),
		[testing.replace_at("/contract/valid", false)],
	)
	count(results(d)) == 0
}
