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

ctr_001(pointer, message) := res("CTR-001", "error", pointer, message)

signed_false := "data processing agreement signed (dpa.signed) is false; must be true (GDPR Art. 28(9))"

signed_not_stated := "data processing agreement signed (dpa.signed) is not stated; must be true (GDPR Art. 28(9))"

every_clause := concat(", ", [sprintf("GDPR Art. 28(3)(%s)", [p]) | some p in ["a", "b", "c", "d", "e", "f", "g", "h"]])

clauses_not_stated := sprintf("data processing agreement clause list (dpa.clauses) is not stated; every clause of Article 28(3) required (%s)", [every_clause])

test_ctr_001_unsigned_dpa_is_an_error_at_signed if {
	d := testing.contract_with([testing.replace_at("/dpa/signed", false)])
	results(d) == {ctr_001("/dpa/signed", signed_false)}
}

test_ctr_001_signed_not_stated_is_an_error_at_dpa if {
	d := testing.contract_with([testing.remove_at("/dpa/signed")])
	results(d) == {ctr_001("/dpa", signed_not_stated)}
}

test_ctr_001_missing_clauses_cite_each_its_own_point if {
	d := testing.contract_with([testing.replace_at("/dpa/clauses", [
		"audits",
		"instructions",
		"confidentiality",
		"security",
		"subprocessing",
		"assistance",
	])])
	results(d) == {ctr_001("/dpa/clauses", concat("; ", [
		"data processing agreement clause list (dpa.clauses) lacks data-subject-requests, deletion-return",
		"every clause of Article 28(3) required (GDPR Art. 28(3)(e), GDPR Art. 28(3)(g))",
	]))}
}

test_ctr_001_one_missing_clause if {
	d := testing.contract_with([testing.replace_at("/dpa/clauses", [
		"instructions",
		"confidentiality",
		"security",
		"subprocessing",
		"data-subject-requests",
		"assistance",
		"deletion-return",
	])])
	results(d) == {ctr_001(
		"/dpa/clauses",
		"data processing agreement clause list (dpa.clauses) lacks audits; every clause of Article 28(3) required (GDPR Art. 28(3)(h))",
	)}
}

test_ctr_001_empty_clauses_are_not_stated_at_the_list if {
	d := testing.contract_with([testing.replace_at("/dpa/clauses", [])])
	results(d) == {ctr_001("/dpa/clauses", clauses_not_stated)}
}

test_ctr_001_null_clauses_are_not_stated_at_the_key if {
	d := testing.contract_with([testing.replace_at("/dpa/clauses", null)])
	results(d) == {ctr_001("/dpa/clauses", clauses_not_stated)}
}

test_ctr_001_signed_and_clauses_are_separate_values if {
	d := testing.contract_with([
		testing.replace_at("/dpa/signed", false),
		testing.replace_at("/dpa/clauses", ["instructions", "confidentiality", "security", "subprocessing", "data-subject-requests", "assistance", "deletion-return"]),
	])
	results(d) == {
		ctr_001("/dpa/signed", signed_false),
		ctr_001("/dpa/clauses", "data processing agreement clause list (dpa.clauses) lacks audits; every clause of Article 28(3) required (GDPR Art. 28(3)(h))"),
	}
}

test_ctr_001_both_not_stated_merge_at_dpa if {
	d := testing.contract_with([
		testing.remove_at("/dpa/signed"),
		testing.remove_at("/dpa/clauses"),
	])
	results(d) == {ctr_001("/dpa", concat("; ", [signed_not_stated, clauses_not_stated]))}
}

test_ctr_001_absent_dpa_gives_one_error_at_the_document if {
	d := testing.contract_with([testing.remove_at("/dpa")])
	results(d) == {ctr_001("", concat("; ", [signed_not_stated, clauses_not_stated]))}
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

baa_false := "business associate agreement signed (baa.signed) is false; must be true (HIPAA 45 CFR 164.502(e))"

baa_not_stated := "business associate agreement signed (baa.signed) is not stated; must be true (HIPAA 45 CFR 164.502(e))"

test_ctr_002_unsigned_baa_is_an_error if {
	d := testing.contract_with([testing.replace_at("/baa/signed", false)])
	results(d) == {res("CTR-002", "error", "/baa/signed", baa_false)}
}

test_ctr_002_signed_not_stated_is_an_error_at_baa if {
	d := testing.contract_with([testing.remove_at("/baa/signed")])
	results(d) == {res("CTR-002", "error", "/baa", baa_not_stated)}
}

test_ctr_002_null_signed_is_not_stated_at_the_key if {
	d := testing.contract_with([testing.replace_at("/baa/signed", null)])
	results(d) == {res("CTR-002", "error", "/baa/signed", baa_not_stated)}
}

test_ctr_002_absent_baa_is_not_stated_at_the_document if {
	d := testing.contract_with([testing.remove_at("/baa")])
	results(d) == {res("CTR-002", "error", "", baa_not_stated)}
}

test_ctr_002_hipaa_regime_alone_counts_as_phi if {
	d := testing.patched(
		[testing.replace_at("/data_classes", ["pii"])],
		[],
		[testing.replace_at("/baa/signed", false)],
	)
	results(d) == {res("CTR-002", "error", "/baa/signed", baa_false)}
}

test_ctr_002_phi_class_alone_triggers if {
	d := testing.patched(
		[testing.replace_at("/regimes", ["gdpr", "ccpa", "dora"])],
		[],
		[testing.replace_at("/baa/signed", false)],
	)
	results(d) == {res("CTR-002", "error", "/baa/signed", baa_false)}
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

ccpa_terms := {
	"no_sell_share": "CCPA term against selling or sharing (ccpa.no_sell_share) is %s; must be true (Cal. Civ. Code 1798.140(ag), 11 CCR 7051)",
	"specified_purposes": "CCPA term specifying the business purposes (ccpa.specified_purposes) is %s; must be true (Cal. Civ. Code 1798.100(d), 11 CCR 7051)",
	"purpose_limit": "CCPA term limiting use to those purposes (ccpa.purpose_limit) is %s; must be true (Cal. Civ. Code 1798.140(ag), 11 CCR 7051)",
	"no_combining": "CCPA term against combining personal information (ccpa.no_combining) is %s; must be true (Cal. Civ. Code 1798.140(ag), 11 CCR 7051)",
	"same_protection": "CCPA term on the same level of protection (ccpa.same_protection) is %s; must be true (Cal. Civ. Code 1798.100(d), 11 CCR 7051)",
	"audit_remediate": "CCPA term on stopping and remediating unauthorised use (ccpa.audit_remediate) is %s; must be true (Cal. Civ. Code 1798.100(d), 11 CCR 7051)",
	"notify_if_noncompliant": "CCPA term on notice when the vendor can no longer comply (ccpa.notify_if_noncompliant) is %s; must be true (Cal. Civ. Code 1798.100(d), 11 CCR 7051)",
}

ccpa_text(field, value) := sprintf(ccpa_terms[field], [value])

ccpa(field, value) := res("CTR-003", "error", sprintf("/ccpa/%s", [field]), ccpa_text(field, value))

all_ccpa_not_stated := concat("; ", [ccpa_text(f, "not stated") | some f in [
	"no_sell_share",
	"specified_purposes",
	"purpose_limit",
	"no_combining",
	"same_protection",
	"audit_remediate",
	"notify_if_noncompliant",
]])

test_ctr_003_false_field_is_an_error_at_the_field if {
	d := testing.contract_with([testing.replace_at("/ccpa/no_sell_share", false)])
	results(d) == {ccpa("no_sell_share", "false")}
}

test_ctr_003_each_field_has_its_own_label_and_source if {
	every field, _ in ccpa_terms {
		d := testing.contract_with([testing.replace_at(sprintf("/ccpa/%s", [field]), false)])
		results(d) == {ccpa(field, "false")}
	}
}

test_ctr_003_field_not_stated_is_an_error_at_ccpa if {
	d := testing.contract_with([testing.remove_at("/ccpa/notify_if_noncompliant")])
	results(d) == {res("CTR-003", "error", "/ccpa", ccpa_text("notify_if_noncompliant", "not stated"))}
}

test_ctr_003_null_field_is_not_stated_at_the_field if {
	d := testing.contract_with([testing.replace_at("/ccpa/same_protection", null)])
	results(d) == {ccpa("same_protection", "not stated")}
}

test_ctr_003_one_result_per_failing_field if {
	d := testing.contract_with([
		testing.replace_at("/ccpa/purpose_limit", false),
		testing.replace_at("/ccpa/no_combining", false),
	])
	results(d) == {ccpa("purpose_limit", "false"), ccpa("no_combining", "false")}
}

test_ctr_003_absent_fields_merge_at_ccpa if {
	d := testing.contract_with([
		testing.replace_at("/ccpa/purpose_limit", false),
		testing.remove_at("/ccpa/no_combining"),
		testing.remove_at("/ccpa/audit_remediate"),
	])
	results(d) == {
		ccpa("purpose_limit", "false"),
		res("CTR-003", "error", "/ccpa", concat("; ", [
			ccpa_text("no_combining", "not stated"),
			ccpa_text("audit_remediate", "not stated"),
		])),
	}
}

test_ctr_003_absent_ccpa_gives_one_error_at_the_document if {
	d := testing.contract_with([testing.remove_at("/ccpa")])
	results(d) == {res("CTR-003", "error", "", all_ccpa_not_stated)}
}

test_ctr_003_empty_ccpa_gives_one_error_at_ccpa if {
	d := testing.contract_with([testing.replace_at("/ccpa", {})])
	results(d) == {res("CTR-003", "error", "/ccpa", all_ccpa_not_stated)}
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

ctr_004(level, pointer, message) := res("CTR-004", level, pointer, message)

availability(found) := sprintf("SLA availability (sla.availability_pct) %s; at least 99.5 %% required (DORA Art. 30(2)(e))", [found])

credits(found) := sprintf("SLA service credits (sla.service_credits) %s; must be true, so that a missed service level has a remedy (CSA CCM v4 STA-09)", [found])

test_ctr_004_availability_at_minimum_passes if {
	d := testing.contract_with([testing.replace_at("/sla/availability_pct", 99.5)])
	count(results(d)) == 0
}

test_ctr_004_availability_below_minimum_is_an_error if {
	d := testing.contract_with([testing.replace_at("/sla/availability_pct", 99.4)])
	results(d) == {ctr_004("error", "/sla/availability_pct", availability("is 99.4 %"))}
}

test_ctr_004_availability_not_stated_is_an_error_at_sla if {
	d := testing.contract_with([testing.remove_at("/sla/availability_pct")])
	results(d) == {ctr_004("error", "/sla", availability("is not stated"))}
}

test_ctr_004_availability_null_is_not_stated_at_the_key if {
	d := testing.contract_with([testing.replace_at("/sla/availability_pct", null)])
	results(d) == {ctr_004("error", "/sla/availability_pct", availability("is not stated"))}
}

test_ctr_004_no_service_credits_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/sla/service_credits", false)])
	results(d) == {ctr_004("warning", "/sla/service_credits", credits("is false"))}
}

test_ctr_004_service_credits_not_stated_is_a_warning_at_sla if {
	d := testing.contract_with([testing.remove_at("/sla/service_credits")])
	results(d) == {ctr_004("warning", "/sla", credits("is not stated"))}
}

test_ctr_004_availability_and_credits_are_separate_values if {
	d := testing.contract_with([
		testing.replace_at("/sla/availability_pct", 99),
		testing.replace_at("/sla/service_credits", false),
	])
	results(d) == {
		ctr_004("error", "/sla/availability_pct", availability("is 99 %")),
		ctr_004("warning", "/sla/service_credits", credits("is false")),
	}
}

test_ctr_004_both_not_stated_merge_at_sla_as_an_error if {
	d := testing.contract_with([
		testing.remove_at("/sla/availability_pct"),
		testing.remove_at("/sla/service_credits"),
	])
	results(d) == {ctr_004("error", "/sla", concat("; ", [availability("is not stated"), credits("is not stated")]))}
}

test_ctr_004_absent_sla_gives_one_error_at_the_document if {
	d := testing.contract_with([testing.remove_at("/sla")])
	results(d) == {ctr_004("error", "", concat("; ", [availability("is not stated"), credits("is not stated")]))}
}

test_ctr_004_threshold_override_says_so_and_keeps_the_default if {
	r := results(testing.clean) with data.vendorgate_profile.thresholds as {"sla_min_availability_pct": 99.95}
	r == {ctr_004(
		"error",
		"/sla/availability_pct",
		"SLA availability (sla.availability_pct) is 99.9 %; at least 99.95 % required by the organisation profile (DORA Art. 30(2)(e); catalog default 99.5 %)",
	)}
}

test_ctr_004_override_equal_to_the_default_is_not_the_profile if {
	d := testing.contract_with([testing.replace_at("/sla/availability_pct", 99)])
	r := results(d) with data.vendorgate_profile.thresholds as {"sla_min_availability_pct": 99.5}
	r == {ctr_004("error", "/sla/availability_pct", availability("is 99 %"))}
}

test_ctr_004_reads_only_the_contract if {
	d := json.patch(
		testing.contract_with([testing.replace_at("/sla/availability_pct", 99)]),
		[testing.remove_at("/engagement")],
	)
	results(d) == {ctr_004("error", "/sla/availability_pct", availability("is 99 %"))}
}

test_ctr_004_silent_with_invalid_contract if {
	d := json.patch(testing.contract_with([testing.remove_at("/sla")]), [testing.replace_at("/contract/valid", false)])
	count(results(d)) == 0
}

# CTR-005

ctr_005(pointer, message) := res("CTR-005", "error", pointer, message)

on_request(found) := sprintf("audit right on request (audit_rights.on_request) %s; must be true (GDPR Art. 28(3)(h))", [found])

regulator(found) := sprintf("regulator access for audits (audit_rights.regulator_access) %s; must be true when DORA applies (DORA Art. 30(3)(e))", [found])

test_ctr_005_no_audit_on_request_is_an_error if {
	d := testing.contract_with([testing.replace_at("/audit_rights/on_request", false)])
	results(d) == {ctr_005("/audit_rights/on_request", on_request("is false"))}
}

test_ctr_005_dora_without_regulator_access_is_an_error if {
	d := testing.contract_with([testing.replace_at("/audit_rights/regulator_access", false)])
	results(d) == {ctr_005("/audit_rights/regulator_access", regulator("is false"))}
}

test_ctr_005_regulator_access_not_stated_is_an_error_at_audit_rights if {
	d := testing.contract_with([testing.remove_at("/audit_rights/regulator_access")])
	results(d) == {ctr_005("/audit_rights", regulator("is not stated"))}
}

test_ctr_005_regulator_access_not_needed_without_dora if {
	d := testing.patched(
		[testing.replace_at("/regimes", ["gdpr", "ccpa", "hipaa", "nis2", "euaia"])],
		[],
		[testing.replace_at("/audit_rights/regulator_access", false)],
	)
	count(results(d)) == 0
}

test_ctr_005_on_request_applies_without_dora if {
	d := testing.patched(
		[testing.replace_at("/regimes", ["gdpr"])],
		[],
		[testing.remove_at("/audit_rights/on_request")],
	)
	results(d) == {ctr_005("/audit_rights", on_request("is not stated"))}
}

test_ctr_005_on_request_and_regulator_are_separate_values if {
	d := testing.contract_with([
		testing.replace_at("/audit_rights/on_request", false),
		testing.replace_at("/audit_rights/regulator_access", false),
	])
	results(d) == {
		ctr_005("/audit_rights/on_request", on_request("is false")),
		ctr_005("/audit_rights/regulator_access", regulator("is false")),
	}
}

test_ctr_005_both_not_stated_merge_at_audit_rights if {
	d := testing.contract_with([
		testing.remove_at("/audit_rights/on_request"),
		testing.remove_at("/audit_rights/regulator_access"),
	])
	results(d) == {ctr_005("/audit_rights", concat("; ", [on_request("is not stated"), regulator("is not stated")]))}
}

test_ctr_005_absent_audit_rights_gives_one_error_at_the_document if {
	d := testing.contract_with([testing.remove_at("/audit_rights")])
	results(d) == {ctr_005("", concat("; ", [on_request("is not stated"), regulator("is not stated")]))}
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
