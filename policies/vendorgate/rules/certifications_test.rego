package vendorgate.rules.certifications_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.certifications

results(d) := r if {
	r := certifications.deny with input as testing.input_of(d)
}

results_on(d, as_of) := r if {
	r := certifications.deny with input as testing.input_on(d, as_of)
}

# The results of one rule only (for tests where another rule of the package also fires).
results_of(d, id) := testing.only(results(d), id)

res(rule, level, pointer, message) := testing.result(rule, level, "a", pointer, message)

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

# CERT-001 (the soc2 item is /certifications/0)

no_soc2_text := "SOC 2 report (certifications) is not listed; a SOC 2 Type II report with an unqualified opinion required (AICPA SOC 2)"

soc2_period_text(i, found) := sprintf(
	"SOC 2 report period end (certifications[%d].period_end) %s; %s",
	[i, found, soc2_period_expectation],
)

soc2_period_expectation := "a period end within the last 12 months, or a bridge letter from it through a date at most 3 months old, required (AICPA SOC 2)"

soc2_opinion_text(i, v) := sprintf("SOC 2 report opinion (certifications[%d].opinion) is %s; unqualified required (AICPA AT-C 205)", [i, v])

soc2_type_text(i, v) := sprintf("SOC 2 report type (certifications[%d].report_type) is %s; type2 (Type II) expected (AICPA SOC 2)", [i, v])

test_cert_001_no_soc2_is_an_error_at_certifications if {
	d := testing.attestation_with([testing.remove_at("/certifications/0")])
	results(d) == {res("CERT-001", "error", "/certifications", no_soc2_text)}
}

test_cert_001_no_certifications_is_an_error_at_the_document if {
	d := testing.attestation_with([testing.remove_at("/certifications")])
	results_of(d, "CERT-001") == {res("CERT-001", "error", "", no_soc2_text)}
}

test_cert_001_period_limit_date_passes if {
	d := testing.attestation_with([testing.replace_at("/certifications/0/period_end", "2025-12-01")])
	count(results(d)) == 0
}

test_cert_001_period_one_day_older_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/certifications/0/period_end", "2025-11-30")])
	results(d) == {res(
		"CERT-001", "error", "/certifications/0/period_end",
		soc2_period_text(0, "is 2025-11-30 (366 days old), with no bridge letter"),
	)}
}

test_cert_001_period_end_not_stated_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/certifications/0/period_end")])
	results(d) == {res("CERT-001", "error", "/certifications/0", soc2_period_text(0, "is not stated"))}
}

test_cert_001_future_period_end_is_not_stated_at_its_key if {
	d := testing.attestation_with([testing.replace_at("/certifications/0/period_end", "2099-01-31")])
	results(d) == {res("CERT-001", "error", "/certifications/0/period_end", soc2_period_text(0, "is not stated"))}
}

test_cert_001_bridge_letter_at_the_gap_limit_covers_an_old_period if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/0/period_end", "2025-06-30"),
		testing.add_at("/certifications/0/bridge_letter_through", "2026-09-01"),
	])
	count(results(d)) == 0
}

test_cert_001_bridge_letter_one_day_older_than_the_gap_is_an_error if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/0/period_end", "2025-06-30"),
		testing.add_at("/certifications/0/bridge_letter_through", "2026-08-31"),
	])
	results(d) == {res(
		"CERT-001", "error", "/certifications/0/period_end",
		soc2_period_text(0, "is 2025-06-30 (519 days old), with a bridge letter through 2026-08-31"),
	)}
}

test_cert_001_bridge_letter_before_the_period_end_does_not_count if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/0/period_end", "2026-10-15"),
		testing.add_at("/certifications/0/bridge_letter_through", "2026-10-01"),
	])
	r := results(d) with data.vendorgate_profile.thresholds as {"soc2_max_age_months": 1}
	r == {res(
		"CERT-001", "error", "/certifications/0/period_end",
		concat("; ", [
			"SOC 2 report period end (certifications[0].period_end) is 2026-10-15 (47 days old), with a bridge letter through 2026-10-01",
			"a period end within the last 1 month, or a bridge letter from it through a date at most 3 months old, required by the organisation profile (AICPA SOC 2; catalog default 12 months)",
		]),
	)}
}

test_cert_001_bridge_gap_threshold_override_applies if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/0/period_end", "2025-06-30"),
		testing.add_at("/certifications/0/bridge_letter_through", "2026-06-30"),
	])
	results(d) == {res(
		"CERT-001", "error", "/certifications/0/period_end",
		soc2_period_text(0, "is 2025-06-30 (519 days old), with a bridge letter through 2026-06-30"),
	)}
	six := results(d) with data.vendorgate_profile.thresholds as {"bridge_max_gap_months": 6}
	count(six) == 0
	r := results(d) with data.vendorgate_profile.thresholds as {"bridge_max_gap_months": 1}
	r == {res(
		"CERT-001", "error", "/certifications/0/period_end",
		concat("; ", [
			"SOC 2 report period end (certifications[0].period_end) is 2025-06-30 (519 days old), with a bridge letter through 2026-06-30",
			"a period end within the last 12 months, or a bridge letter from it through a date at most 1 month old, required by the organisation profile (AICPA SOC 2; catalog default 3 months)",
		]),
	)}
}

test_cert_001_max_age_threshold_override_applies if {
	r := results(testing.clean) with data.vendorgate_profile.thresholds as {"soc2_max_age_months": 3}
	r == {res(
		"CERT-001", "error", "/certifications/0/period_end",
		concat("; ", [
			"SOC 2 report period end (certifications[0].period_end) is 2026-06-30 (154 days old), with no bridge letter",
			"a period end within the last 3 months, or a bridge letter from it through a date at most 3 months old, required by the organisation profile (AICPA SOC 2; catalog default 12 months)",
		]),
	)}
}

test_cert_001_both_thresholds_overridden_name_the_report_age_default if {
	profile := {"soc2_max_age_months": 3, "bridge_max_gap_months": 1}
	r := results(testing.clean) with data.vendorgate_profile.thresholds as profile
	r == {res(
		"CERT-001", "error", "/certifications/0/period_end",
		concat("; ", [
			"SOC 2 report period end (certifications[0].period_end) is 2026-06-30 (154 days old), with no bridge letter",
			"a period end within the last 3 months, or a bridge letter from it through a date at most 1 month old, required by the organisation profile (AICPA SOC 2; catalog default 12 months)",
		]),
	)}
}

test_cert_001_qualified_opinion_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/certifications/0/opinion", "qualified")])
	results(d) == {res("CERT-001", "error", "/certifications/0/opinion", soc2_opinion_text(0, "qualified"))}
}

test_cert_001_opinion_not_stated_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/certifications/0/opinion")])
	results(d) == {res("CERT-001", "error", "/certifications/0", soc2_opinion_text(0, "not stated"))}
}

test_cert_001_opinion_null_is_not_stated_at_its_key if {
	d := testing.attestation_with([testing.replace_at("/certifications/0/opinion", null)])
	results(d) == {res("CERT-001", "error", "/certifications/0/opinion", soc2_opinion_text(0, "not stated"))}
}

test_cert_001_type1_report_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/certifications/0/report_type", "type1")])
	results(d) == {res("CERT-001", "warning", "/certifications/0/report_type", soc2_type_text(0, "type1"))}
}

test_cert_001_report_type_not_stated_is_a_warning_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/certifications/0/report_type")])
	results(d) == {res("CERT-001", "warning", "/certifications/0", soc2_type_text(0, "not stated"))}
}

test_cert_001_each_failing_value_is_a_result_at_its_own_key if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/0/report_type", "type1"),
		testing.replace_at("/certifications/0/opinion", "adverse"),
		testing.replace_at("/certifications/0/period_end", "2025-01-31"),
	])
	results(d) == {
		res("CERT-001", "error", "/certifications/0/period_end", soc2_period_text(0, "is 2025-01-31 (669 days old), with no bridge letter")),
		res("CERT-001", "error", "/certifications/0/opinion", soc2_opinion_text(0, "adverse")),
		res("CERT-001", "warning", "/certifications/0/report_type", soc2_type_text(0, "type1")),
	}
}

test_cert_001_absent_values_of_one_item_merge_at_the_item if {
	d := testing.attestation_with([
		testing.remove_at("/certifications/0/report_type"),
		testing.remove_at("/certifications/0/opinion"),
		testing.remove_at("/certifications/0/period_end"),
	])
	results(d) == {res("CERT-001", "error", "/certifications/0", concat("; ", [
		soc2_period_text(0, "is not stated"),
		soc2_opinion_text(0, "not stated"),
		soc2_type_text(0, "not stated"),
	]))}
}

test_cert_001_a_newer_type1_report_does_not_replace_the_type2 if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/0/period_end", "2025-06-30"),
		testing.add_at("/certifications/-", {
			"type": "soc2",
			"report_type": "type1",
			"period_end": "2026-09-30",
			"opinion": "unqualified",
		}),
	])
	results(d) == {res(
		"CERT-001", "error", "/certifications/0/period_end",
		soc2_period_text(0, "is 2025-06-30 (519 days old), with no bridge letter"),
	)}
}

test_cert_001_the_latest_type2_report_is_checked if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/0/period_end", "2025-01-31"),
		testing.add_at("/certifications/-", {
			"type": "soc2",
			"report_type": "type2",
			"period_end": "2026-09-30",
			"opinion": "qualified",
		}),
	])
	results(d) == {res("CERT-001", "error", "/certifications/4/opinion", soc2_opinion_text(4, "qualified"))}
}

test_cert_001_without_type2_the_latest_report_is_checked if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/0/report_type", "type1"),
		testing.add_at("/certifications/-", {
			"type": "soc2",
			"report_type": "type1",
			"period_end": "2026-09-30",
			"opinion": "qualified",
		}),
	])
	results(d) == {
		res("CERT-001", "error", "/certifications/4/opinion", soc2_opinion_text(4, "qualified")),
		res("CERT-001", "warning", "/certifications/4/report_type", soc2_type_text(4, "type1")),
	}
}

test_cert_001_silent_without_attestation if {
	d := json.patch(testing.clean, [testing.remove_at("/attestation")])
	count(results(d)) == 0
}

test_cert_001_silent_with_invalid_attestation if {
	d := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.remove_at("/attestation/body/certifications/0"),
	])
	count(results(d)) == 0
}

# CERT-002 (the iso27001 item is /certifications/1)

iso_edition_text := "ISO/IEC 27001 certificate edition (certifications[1].edition) is 2013; the 2022 edition required, certificates to the 2013 edition being void after 2025-10-31 (IAF MD 26:2023)"

iso_expiry_text(found) := sprintf(
	"ISO/IEC 27001 certificate expiry date (certifications[1].expires_on) %s; an unexpired certificate required (ISO/IEC 17021-1)",
	[found],
)

iso_scope_text(v) := sprintf(
	"ISO/IEC 27001 certificate scope includes the service (certifications[1].scope_includes_service) is %s; must be true (ISO/IEC 17021-1)",
	[v],
)

iso_audit_text(label, field, found) := sprintf(
	"ISO/IEC 27001 certificate %s (certifications[1].%s) %s; an audit (issue or surveillance) within the last 12 months expected (ISO/IEC 17021-1)",
	[label, field, found],
)

iso_surveillance_text(found) := iso_audit_text("last surveillance audit date", "last_surveillance_on", found)

iso_issue_text(found) := iso_audit_text("issue date", "issued_on", found)

iso_accredited_text(i, v) := sprintf(
	"ISO/IEC 27001 certification body accredited (certifications[%d].accredited) is %s; must be true (IAF MD 26:2023)",
	[i, v],
)

test_cert_002_no_iso27001_is_a_warning_at_certifications if {
	d := testing.attestation_with([testing.remove_at("/certifications/1")])
	results(d) == {res(
		"CERT-002", "warning", "/certifications",
		"ISO/IEC 27001 certificate (certifications) is not listed; a valid, accredited ISO/IEC 27001 certificate covering the service expected (ISO/IEC 17021-1)",
	)}
}

test_cert_002_edition_2013_is_an_error_after_the_sunset if {
	d := testing.attestation_with([testing.replace_at("/certifications/1/edition", "2013")])
	results(d) == {res("CERT-002", "error", "/certifications/1/edition", iso_edition_text)}

	# Before the fixture's dates, CERT-001 reads the SOC 2 period end (2026) as not stated.
	{r | some r in results_on(d, "2025-11-01"); r.rule == "CERT-002"} == {res("CERT-002", "error", "/certifications/1/edition", iso_edition_text)}
}

test_cert_002_edition_2013_passes_on_the_sunset_date if {
	d := testing.attestation_with([testing.replace_at("/certifications/1/edition", "2013")])
	count({r | some r in results_on(d, "2025-10-31"); r.rule == "CERT-002"}) == 0
}

test_cert_002_expired_certificate_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/certifications/1/expires_on", "2026-11-30")])
	results(d) == {res("CERT-002", "error", "/certifications/1/expires_on", iso_expiry_text("is 2026-11-30 (expired)"))}
}

test_cert_002_certificate_expiring_on_the_evaluation_date_is_valid if {
	d := testing.attestation_with([testing.replace_at("/certifications/1/expires_on", "2026-12-01")])
	count(results_of(d, "CERT-002")) == 0
}

test_cert_002_expiry_not_stated_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/certifications/1/expires_on")])
	results(d) == {res("CERT-002", "error", "/certifications/1", iso_expiry_text("is not stated"))}
}

test_cert_002_scope_excluding_the_service_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/certifications/1/scope_includes_service", false)])
	results(d) == {res("CERT-002", "error", "/certifications/1/scope_includes_service", iso_scope_text("false"))}
}

test_cert_002_scope_not_stated_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/certifications/1/scope_includes_service")])
	results(d) == {res("CERT-002", "error", "/certifications/1", iso_scope_text("not stated"))}
}

test_cert_002_surveillance_limit_date_passes if {
	d := testing.attestation_with([testing.replace_at("/certifications/1/last_surveillance_on", "2025-12-01")])
	count(results(d)) == 0
}

test_cert_002_surveillance_one_day_older_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/certifications/1/last_surveillance_on", "2025-11-30")])
	results(d) == {res(
		"CERT-002", "warning", "/certifications/1/last_surveillance_on",
		iso_surveillance_text("is 2025-11-30 (366 days old)"),
	)}
}

test_cert_002_recent_issue_counts_as_the_latest_audit if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/1/issued_on", "2026-01-01"),
		testing.replace_at("/certifications/1/last_surveillance_on", "2025-05-01"),
	])
	count(results(d)) == 0
}

test_cert_002_old_issue_without_surveillance_is_a_warning_at_issued_on if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/1/issued_on", "2025-11-30"),
		testing.remove_at("/certifications/1/last_surveillance_on"),
	])
	results(d) == {res("CERT-002", "warning", "/certifications/1/issued_on", iso_issue_text("is 2025-11-30 (366 days old)"))}
}

test_cert_002_issue_limit_date_without_surveillance_passes if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/1/issued_on", "2025-12-01"),
		testing.remove_at("/certifications/1/last_surveillance_on"),
	])
	count(results(d)) == 0
}

test_cert_002_issue_later_than_surveillance_is_located_at_issued_on if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/1/issued_on", "2025-11-30"),
		testing.replace_at("/certifications/1/last_surveillance_on", "2025-06-01"),
	])
	results(d) == {res("CERT-002", "warning", "/certifications/1/issued_on", iso_issue_text("is 2025-11-30 (366 days old)"))}
}

test_cert_002_no_audit_dates_is_a_warning_at_the_item if {
	d := testing.attestation_with([
		testing.remove_at("/certifications/1/issued_on"),
		testing.remove_at("/certifications/1/last_surveillance_on"),
	])
	results(d) == {res("CERT-002", "warning", "/certifications/1", iso_surveillance_text("is not stated"))}
}

test_cert_002_unaccredited_body_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/certifications/1/accredited", false)])
	results(d) == {res("CERT-002", "warning", "/certifications/1/accredited", iso_accredited_text(1, "false"))}
}

test_cert_002_accredited_not_stated_is_a_warning_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/certifications/1/accredited")])
	results(d) == {res("CERT-002", "warning", "/certifications/1", iso_accredited_text(1, "not stated"))}
}

test_cert_002_each_failing_value_is_a_result_at_its_own_key if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/1/accredited", false),
		testing.replace_at("/certifications/1/last_surveillance_on", "2025-06-01"),
		testing.replace_at("/certifications/1/scope_includes_service", false),
		testing.replace_at("/certifications/1/expires_on", "2026-01-31"),
		testing.replace_at("/certifications/1/edition", "2013"),
	])
	results(d) == {
		res("CERT-002", "error", "/certifications/1/edition", iso_edition_text),
		res("CERT-002", "error", "/certifications/1/expires_on", iso_expiry_text("is 2026-01-31 (expired)")),
		res("CERT-002", "error", "/certifications/1/scope_includes_service", iso_scope_text("false")),
		res("CERT-002", "warning", "/certifications/1/last_surveillance_on", iso_surveillance_text("is 2025-06-01 (548 days old)")),
		res("CERT-002", "warning", "/certifications/1/accredited", iso_accredited_text(1, "false")),
	}
}

test_cert_002_absent_values_of_one_item_merge_at_the_item_at_the_highest_level if {
	d := testing.attestation_with([
		testing.remove_at("/certifications/1/accredited"),
		testing.remove_at("/certifications/1/scope_includes_service"),
	])
	results(d) == {res("CERT-002", "error", "/certifications/1", concat("; ", [
		iso_scope_text("not stated"),
		iso_accredited_text(1, "not stated"),
	]))}
}

test_cert_002_the_certificate_with_the_latest_expiry_is_checked if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/1/expires_on", "2026-06-30"),
		testing.add_at("/certifications/-", {
			"type": "iso27001",
			"edition": "2022",
			"issued_on": "2026-07-01",
			"expires_on": "2029-06-30",
			"accredited": false,
			"scope_includes_service": true,
		}),
	])
	results(d) == {res("CERT-002", "warning", "/certifications/4/accredited", iso_accredited_text(4, "false"))}
}

test_cert_002_silent_without_attestation if {
	d := json.patch(testing.clean, [testing.remove_at("/attestation")])
	count(results(d)) == 0
}

test_cert_002_silent_with_invalid_attestation if {
	d := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.replace_at("/attestation/body/certifications/1/edition", "2013"),
	])
	count(results(d)) == 0
}

# CERT-003 (the iso27701 item is /certifications/2)

cert_003(found) := res("CERT-003", "note", "/certifications", sprintf(
	"ISO/IEC 27701 certificate (certifications) %s; a valid certificate recommended when the engagement shares personal data (ISO/IEC 27701)",
	[found],
))

cert_003_invalid := cert_003("is listed but expired or without expires_on")

test_cert_003_pii_without_iso27701_is_a_note if {
	d := testing.attestation_with([testing.remove_at("/certifications/2")])
	results(d) == {cert_003("is not listed")}
}

test_cert_003_without_certifications_is_located_at_the_document if {
	d := testing.attestation_with([testing.remove_at("/certifications")])
	results_of(d, "CERT-003") == {res("CERT-003", "note", "", cert_003("is not listed").message)}
}

test_cert_003_expired_iso27701_is_a_note if {
	d := testing.attestation_with([testing.replace_at("/certifications/2/expires_on", "2026-11-30")])
	results(d) == {cert_003_invalid}
}

test_cert_003_iso27701_without_expiry_is_not_valid if {
	d := testing.attestation_with([testing.remove_at("/certifications/2/expires_on")])
	results(d) == {cert_003_invalid}
}

test_cert_003_iso27701_expiring_on_the_evaluation_date_is_valid if {
	d := testing.attestation_with([testing.replace_at("/certifications/2/expires_on", "2026-12-01")])
	count(results_of(d, "CERT-003")) == 0
}

test_cert_003_one_valid_iso27701_among_several_passes if {
	d := testing.attestation_with([
		testing.add_at("/certifications/-", {"type": "iso27701", "expires_on": "2025-01-01"}),
	])
	count(results(d)) == 0
}

test_cert_003_without_pii_passes if {
	d := testing.patched(
		[testing.replace_at("/data_classes", ["phi", "confidential"])],
		[testing.remove_at("/certifications/2")],
		[],
	)
	count(results(d)) == 0
}

test_cert_003_silent_without_engagement if {
	d := json.patch(testing.attestation_with([testing.remove_at("/certifications/2")]), [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

test_cert_003_silent_with_invalid_attestation if {
	d := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.remove_at("/attestation/body/certifications/2"),
	])
	count(results(d)) == 0
}

# CERT-004 (the iso42001 item is /certifications/3)

cert_004(pointer, cert_found, frameworks_found) := res("CERT-004", "warning", pointer, concat("; ", [
	sprintf("ISO/IEC 42001 certificate (certifications) %s", [cert_found]),
	"a valid certificate expected, or nist-ai-rmf in ai.frameworks (ISO/IEC 42001:2023)",
	sprintf("AI risk frameworks (ai.frameworks) %s", [frameworks_found]),
	"nist-ai-rmf expected, or a valid ISO/IEC 42001 certificate (NIST AI 100-1)",
]))

test_cert_004_no_iso42001_and_no_nist_ai_rmf_is_one_warning_at_certifications if {
	d := testing.attestation_with([
		testing.remove_at("/certifications/3"),
		testing.replace_at("/ai/frameworks", ["nist-ai-600-1"]),
	])
	results(d) == {cert_004("/certifications", "is not listed", "lacks nist-ai-rmf")}
}

test_cert_004_expired_iso42001_without_frameworks_is_a_warning if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/3/expires_on", "2026-11-30"),
		testing.remove_at("/ai/frameworks"),
	])
	results(d) == {cert_004(
		"/certifications",
		"is listed but expired or without expires_on",
		"is not stated",
	)}
}

test_cert_004_without_certifications_is_located_at_the_document if {
	d := testing.attestation_with([
		testing.remove_at("/certifications"),
		testing.remove_at("/ai/frameworks"),
	])
	results_of(d, "CERT-004") == {cert_004("", "is not listed", "is not stated")}
}

test_cert_004_nist_ai_rmf_without_iso42001_passes if {
	d := testing.attestation_with([testing.remove_at("/certifications/3")])
	count(results(d)) == 0
}

test_cert_004_valid_iso42001_without_nist_ai_rmf_passes if {
	d := testing.attestation_with([testing.remove_at("/ai/frameworks")])
	count(results(d)) == 0
}

test_cert_004_in_scope_not_stated_counts_as_true if {
	d := testing.attestation_with([
		testing.remove_at("/certifications/3"),
		testing.remove_at("/ai/frameworks"),
		testing.remove_at("/ai/in_scope"),
	])
	results(d) == {cert_004("/certifications", "is not listed", "is not stated")}
}

test_cert_004_out_of_scope_passes if {
	d := testing.attestation_with([
		testing.remove_at("/certifications/3"),
		testing.remove_at("/ai/frameworks"),
		testing.replace_at("/ai/in_scope", false),
	])
	count(results(d)) == 0
}

test_cert_004_silent_with_invalid_attestation if {
	d := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.remove_at("/attestation/body/certifications/3"),
		testing.remove_at("/attestation/body/ai/frameworks"),
	])
	count(results(d)) == 0
}

# CERT-005 (a pci-dss-aoc item is appended as /certifications/4)

with_pan := [testing.add_at("/data_classes/-", "pan")]

aoc(version, issued_on) := {"type": "pci-dss-aoc", "version": version, "issued_on": issued_on}

with_aoc(item) := testing.patched(with_pan, [testing.add_at("/certifications/-", item)], [])

aoc_issued_text(found) := sprintf(
	"PCI DSS AOC issue date (certifications[4].issued_on) %s; an AOC issued within the last 12 months required (PCI DSS 4.0.1 12.8.4)",
	[found],
)

aoc_version_text(i, v) := sprintf(
	"PCI DSS AOC version (certifications[%d].version) is %s; 4.0 or later required (PCI DSS 4.0.1 12.8.4)",
	[i, v],
)

no_aoc_text := "PCI DSS AOC (certifications) is not listed; an AOC to PCI DSS 4.0 or later, issued within the last 12 months, required when the engagement shares card data (PCI DSS 4.0.1 12.9.2)"

test_cert_005_pan_without_aoc_is_an_error_at_certifications if {
	d := testing.engagement_with(with_pan)
	results(d) == {res("CERT-005", "error", "/certifications", no_aoc_text)}
}

test_cert_005_pan_without_certifications_is_an_error_at_the_document if {
	d := testing.patched(with_pan, [testing.remove_at("/certifications")], [])
	results_of(d, "CERT-005") == {res("CERT-005", "error", "", no_aoc_text)}
}

test_cert_005_without_pan_passes if {
	count(results(testing.clean)) == 0
}

test_cert_005_current_aoc_at_the_limit_date_passes if {
	count(results(with_aoc(aoc("4.0.1", "2025-12-01")))) == 0
}

test_cert_005_aoc_one_day_older_is_an_error if {
	results(with_aoc(aoc("4.0.1", "2025-11-30"))) == {res(
		"CERT-005", "error", "/certifications/4/issued_on",
		aoc_issued_text("is 2025-11-30 (366 days old)"),
	)}
}

test_cert_005_issue_date_not_stated_is_an_error_at_the_item if {
	results(with_aoc({"type": "pci-dss-aoc", "version": "4.0"})) == {res(
		"CERT-005", "error", "/certifications/4",
		aoc_issued_text("is not stated"),
	)}
}

test_cert_005_version_below_4_0_is_an_error if {
	results(with_aoc(aoc("3.2.1", "2026-06-01"))) == {res(
		"CERT-005", "error", "/certifications/4/version",
		aoc_version_text(4, "3.2.1"),
	)}
}

test_cert_005_version_4_and_4_0_pass if {
	count(results(with_aoc(aoc("4", "2026-06-01")))) == 0
	count(results(with_aoc(aoc("4.0", "2026-06-01")))) == 0
}

test_cert_005_version_not_stated_is_an_error_at_the_item if {
	results(with_aoc({"type": "pci-dss-aoc", "issued_on": "2026-06-01"})) == {res(
		"CERT-005", "error", "/certifications/4",
		aoc_version_text(4, "not stated"),
	)}
}

test_cert_005_unreadable_version_is_an_error if {
	results(with_aoc(aoc("4.0-draft", "2026-06-01"))) == {res(
		"CERT-005", "error", "/certifications/4/version",
		aoc_version_text(4, "4.0-draft"),
	)}
}

test_cert_005_old_aoc_of_an_old_version_gives_a_result_at_each_value if {
	results(with_aoc(aoc("3.2.1", "2024-03-01"))) == {
		res("CERT-005", "error", "/certifications/4/issued_on", aoc_issued_text("is 2024-03-01 (1005 days old)")),
		res("CERT-005", "error", "/certifications/4/version", aoc_version_text(4, "3.2.1")),
	}
}

test_cert_005_absent_values_of_one_item_merge_at_the_item if {
	results(with_aoc({"type": "pci-dss-aoc"})) == {res(
		"CERT-005", "error", "/certifications/4",
		concat("; ", [aoc_issued_text("is not stated"), aoc_version_text(4, "not stated")]),
	)}
}

test_cert_005_the_latest_aoc_is_checked if {
	d := testing.patched(
		with_pan, [
			testing.add_at("/certifications/-", aoc("3.2.1", "2024-03-01")),
			testing.add_at("/certifications/-", aoc("4.0.1", "2026-03-01")),
		],
		[],
	)
	count(results(d)) == 0
	d2 := testing.patched(
		with_pan, [
			testing.add_at("/certifications/-", aoc("4.0.1", "2024-03-01")),
			testing.add_at("/certifications/-", aoc("3.2.1", "2026-03-01")),
		],
		[],
	)
	results(d2) == {res("CERT-005", "error", "/certifications/5/version", aoc_version_text(5, "3.2.1"))}
}

test_cert_005_silent_without_engagement if {
	d := json.patch(testing.engagement_with(with_pan), [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

test_cert_005_silent_with_invalid_engagement if {
	d := json.patch(testing.engagement_with(with_pan), [testing.replace_at("/engagement/valid", false)])
	count(results(d)) == 0
}

# CERT-006

expiring_text(i, name, found) := sprintf(
	"%s expiry date (certifications[%d].expires_on) %s; more than 60 days of remaining validity expected",
	[name, i, found],
)

test_cert_006_expiry_at_the_warning_limit_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/certifications/1/expires_on", "2027-01-30")])
	results(d) == {res(
		"CERT-006", "warning", "/certifications/1/expires_on",
		expiring_text(1, "ISO/IEC 27001 certificate", "is 2027-01-30 (in 60 days)"),
	)}
}

test_cert_006_expiry_one_day_later_passes if {
	d := testing.attestation_with([testing.replace_at("/certifications/1/expires_on", "2027-01-31")])
	count(results(d)) == 0
}

test_cert_006_expiry_on_the_evaluation_date_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/certifications/3/expires_on", "2026-12-01")])
	results(d) == {res(
		"CERT-006", "warning", "/certifications/3/expires_on",
		expiring_text(3, "ISO/IEC 42001 certificate", "is 2026-12-01 (today)"),
	)}
}

test_cert_006_expiry_the_next_day_says_1_day if {
	d := testing.attestation_with([testing.replace_at("/certifications/2/expires_on", "2026-12-02")])
	results(d) == {res(
		"CERT-006", "warning", "/certifications/2/expires_on",
		expiring_text(2, "ISO/IEC 27701 certificate", "is 2026-12-02 (in 1 day)"),
	)}
}

test_cert_006_item_of_another_type_is_named_by_its_type if {
	d := testing.attestation_with([testing.add_at("/certifications/-", {"type": "csa-star", "expires_on": "2026-12-31"})])
	results(d) == {res(
		"CERT-006", "warning", "/certifications/4/expires_on",
		expiring_text(4, "csa-star certification", "is 2026-12-31 (in 30 days)"),
	)}
}

test_cert_006_expired_certificate_is_not_expiring if {
	d := testing.attestation_with([testing.replace_at("/certifications/3/expires_on", "2026-11-30")])
	count(results_of(d, "CERT-006")) == 0
}

test_cert_006_two_expiring_items_give_two_results if {
	d := testing.attestation_with([
		testing.replace_at("/certifications/2/expires_on", "2026-12-20"),
		testing.replace_at("/certifications/3/expires_on", "2027-01-10"),
	])
	results(d) == {
		res("CERT-006", "warning", "/certifications/2/expires_on", expiring_text(2, "ISO/IEC 27701 certificate", "is 2026-12-20 (in 19 days)")),
		res("CERT-006", "warning", "/certifications/3/expires_on", expiring_text(3, "ISO/IEC 42001 certificate", "is 2027-01-10 (in 40 days)")),
	}
}

test_cert_006_threshold_override_applies if {
	d := testing.attestation_with([testing.replace_at("/certifications/2/expires_on", "2027-02-15")])
	count(results(d)) == 0
	r := results(d) with data.vendorgate_profile.thresholds as {"expiry_warning_days": 90}
	r == {res(
		"CERT-006", "warning", "/certifications/2/expires_on",
		concat("; ", [
			"ISO/IEC 27701 certificate expiry date (certifications[2].expires_on) is 2027-02-15 (in 76 days)",
			"more than 90 days of remaining validity expected by the organisation profile (catalog default 60 days)",
		]),
	)}
}

test_cert_006_silent_with_invalid_attestation if {
	d := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.replace_at("/attestation/body/certifications/1/expires_on", "2026-12-15"),
	])
	count(results(d)) == 0
}
