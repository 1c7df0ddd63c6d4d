package vendorgate.rules.incident_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.incident

results(d) := r if {
	r := incident.deny with input as testing.input_of(d)
}

ir_001(level, pointer, message) := testing.result("IR-001", level, "c", pointer, message)

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

test_ir_001_96_hours_is_an_error_at_window_hours if {
	d := testing.contract_with([testing.replace_at("/breach_notification/window_hours", 96)])
	results(d) == {ir_001(
		"error",
		"/breach_notification/window_hours",
		concat("; ", [
			"breach notification window (breach_notification.window_hours) is 96 h",
			"at most 24 h allowed for the early warning when NIS2 applies (NIS2 Art. 23(4))",
			"at most 72 h allowed (GDPR Art. 33(1))",
		]),
	)}
}

test_ir_001_not_stated_is_an_error_at_nearest_parent if {
	d := testing.contract_with([testing.remove_at("/breach_notification/window_hours")])
	results(d) == {ir_001(
		"error",
		"/breach_notification",
		"breach notification window (breach_notification.window_hours) is not stated; at most 72 h allowed (GDPR Art. 33(1))",
	)}
}

test_ir_001_nis2_over_24_hours_is_an_error if {
	d := testing.contract_with([testing.replace_at("/breach_notification/window_hours", 36)])
	results(d) == {ir_001(
		"error",
		"/breach_notification/window_hours",
		"breach notification window (breach_notification.window_hours) is 36 h; at most 24 h allowed for the early warning when NIS2 applies (NIS2 Art. 23(4))",
	)}
}

test_ir_001_without_nis2_over_warn_is_a_warning if {
	d := testing.patched(
		[testing.replace_at("/regimes", ["gdpr"])],
		[],
		[testing.replace_at("/breach_notification/window_hours", 60)],
	)
	results(d) == {ir_001(
		"warning",
		"/breach_notification/window_hours",
		"breach notification window (breach_notification.window_hours) is 60 h; 48 h or less recommended (GDPR Art. 33(2))",
	)}
}

test_ir_001_clock_start_confirmation_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/breach_notification/clock_start", "confirmation")])
	results(d) == {ir_001(
		"warning",
		"/breach_notification/clock_start",
		"breach notification clock start (breach_notification.clock_start) is confirmation; awareness expected, so that the clock runs from when the vendor becomes aware (GDPR Art. 33(2))",
	)}
}

test_ir_001_threshold_override_applies if {
	d := testing.patched(
		[testing.replace_at("/regimes", ["gdpr"])],
		[],
		[testing.replace_at("/breach_notification/window_hours", 40)],
	)
	r := results(d) with data.vendorgate_profile.thresholds as {"breach_notification_max_hours": 36}
	r == {ir_001(
		"error",
		"/breach_notification/window_hours",
		"breach notification window (breach_notification.window_hours) is 40 h; at most 36 h allowed by the organisation profile (GDPR Art. 33(1) allows 72 h)",
	)}
}

test_ir_001_silent_without_contract if {
	d := json.patch(testing.clean, [testing.remove_at("/contract")])
	count(results(d)) == 0
}

test_ir_001_silent_with_invalid_contract if {
	bad := json.patch(testing.clean, [
		testing.replace_at("/contract/valid", false),
		testing.replace_at("/contract/body/breach_notification/window_hours", 96),
	])
	count(results(bad)) == 0
}

results_on(d, as_of) := r if {
	r := incident.deny with input as testing.input_on(d, as_of)
}

finding(rule, level, doc, pointer, message) := testing.result(rule, level, doc, pointer, message)

ir_002(level, message) := ir_002_at(level, "/baa/breach_notice_days", message)

ir_002_at(level, pointer, message) := finding("IR-002", level, "c", pointer, message)

ir_003(message) := ir_003_at("/breach_notification/content", message)

ir_003_at(pointer, message) := finding("IR-003", "warning", "c", pointer, message)

ir_004(level, pointer, message) := finding("IR-004", level, "a", pointer, message)

no_phi := [
	testing.replace_at("/data_classes", ["pii", "confidential"]),
	testing.replace_at("/regimes", ["gdpr", "nis2"]),
]

# IR-002

notice_days := "/baa/breach_notice_days"

test_ir_002_over_60_days_is_an_error if {
	d := testing.contract_with([testing.replace_at(notice_days, 61)])
	results(d) == {ir_002("error", "business-associate breach notice period (baa.breach_notice_days) is 61 days; at most 60 days allowed (HIPAA 45 CFR 164.410(b))")}
}

test_ir_002_60_days_is_a_warning if {
	d := testing.contract_with([testing.replace_at(notice_days, 60)])
	results(d) == {ir_002(
		"warning",
		"business-associate breach notice period (baa.breach_notice_days) is 60 days; 10 days or less recommended (HIPAA 45 CFR 164.410(b))",
	)}
}

test_ir_002_over_10_days_is_a_warning if {
	d := testing.contract_with([testing.replace_at(notice_days, 11)])
	results(d) == {ir_002(
		"warning",
		"business-associate breach notice period (baa.breach_notice_days) is 11 days; 10 days or less recommended (HIPAA 45 CFR 164.410(b))",
	)}
}

test_ir_002_10_days_passes if {
	d := testing.contract_with([testing.replace_at(notice_days, 10)])
	count(results(d)) == 0
}

test_ir_002_not_stated_is_an_error if {
	d := testing.contract_with([testing.remove_at(notice_days)])
	results(d) == {ir_002_at(
		"error",
		"/baa",
		"business-associate breach notice period (baa.breach_notice_days) is not stated; at most 60 days allowed (HIPAA 45 CFR 164.410(b))",
	)}
}

test_ir_002_no_baa_is_an_error if {
	d := testing.contract_with([testing.remove_at("/baa")])
	results(d) == {ir_002_at(
		"error",
		"",
		"business-associate breach notice period (baa.breach_notice_days) is not stated; at most 60 days allowed (HIPAA 45 CFR 164.410(b))",
	)}
}

test_ir_002_hipaa_regime_counts_as_phi if {
	d := testing.patched([testing.replace_at("/data_classes", ["pii"])], [], [testing.replace_at(notice_days, 30)])
	results(d) == {ir_002(
		"warning",
		"business-associate breach notice period (baa.breach_notice_days) is 30 days; 10 days or less recommended (HIPAA 45 CFR 164.410(b))",
	)}
}

test_ir_002_silent_without_phi if {
	d := testing.patched(no_phi, [], [testing.replace_at(notice_days, 90)])
	count(results(d)) == 0
}

test_ir_002_silent_without_engagement if {
	d := json.patch(testing.contract_with([testing.replace_at(notice_days, 90)]), [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

test_ir_002_silent_with_invalid_contract if {
	d := json.patch(testing.contract_with([testing.replace_at(notice_days, 90)]), [testing.replace_at("/contract/valid", false)])
	count(results(d)) == 0
}

# IR-003

content := "/breach_notification/content"

gdpr_content_text := "nature, categories, approximate-counts, contact, consequences and measures required (GDPR Art. 33(3))"

phi_content_text := "the identities of the individuals affected required when PHI is shared (HIPAA 45 CFR 164.410(c))"

test_ir_003_missing_gdpr_items_is_a_warning if {
	d := testing.contract_with([testing.replace_at(content, ["nature", "categories", "approximate-counts", "consequences", "identities"])])
	results(d) == {ir_003(sprintf("breach notice content (breach_notification.content) lacks contact, measures; %s", [gdpr_content_text]))}
}

test_ir_003_phi_without_identities_is_a_warning if {
	d := testing.contract_with([testing.replace_at(content, ["nature", "categories", "approximate-counts", "contact", "consequences", "measures"])])
	results(d) == {ir_003(sprintf("breach notice content (breach_notification.content) lacks identities; %s", [phi_content_text]))}
}

test_ir_003_without_phi_identities_are_not_needed if {
	d := testing.patched(no_phi, [], [testing.replace_at(content, ["nature", "categories", "approximate-counts", "contact", "consequences", "measures"])])
	count(results(d)) == 0
}

test_ir_003_both_branches_give_one_result if {
	d := testing.contract_with([testing.replace_at(content, ["categories", "approximate-counts", "contact", "consequences", "measures"])])
	results(d) == {ir_003(sprintf(
		"breach notice content (breach_notification.content) lacks nature, identities; %s; %s",
		[gdpr_content_text, phi_content_text],
	))}
}

test_ir_003_not_stated_is_a_warning if {
	d := testing.contract_with([testing.remove_at(content)])
	results(d) == {ir_003_at("/breach_notification", sprintf("breach notice content (breach_notification.content) is not stated; %s; %s", [gdpr_content_text, phi_content_text]))}
}

test_ir_003_empty_list_is_not_stated if {
	d := testing.patched(no_phi, [], [testing.replace_at(content, [])])
	results(d) == {ir_003(sprintf("breach notice content (breach_notification.content) is not stated; %s", [gdpr_content_text]))}
}

test_ir_003_silent_without_engagement if {
	d := json.patch(testing.contract_with([testing.replace_at(content, ["nature"])]), [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

test_ir_003_silent_with_invalid_engagement if {
	d := json.patch(testing.contract_with([testing.replace_at(content, ["nature"])]), [testing.replace_at("/engagement/valid", false)])
	count(results(d)) == 0
}

# IR-004

plan := "/incident_response/plan"

tested := "/incident_response/last_tested_on"

test_ir_004_no_plan_is_an_error if {
	d := testing.attestation_with([testing.replace_at(plan, false)])
	results(d) == {ir_004(
		"error",
		plan,
		"incident response plan (incident_response.plan) is false; must be true (23 NYCRR 500.16)",
	)}
}

test_ir_004_plan_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at(plan)])
	results(d) == {ir_004(
		"error",
		"/incident_response",
		"incident response plan (incident_response.plan) is not stated; must be true (23 NYCRR 500.16)",
	)}
}

test_ir_004_tested_12_months_ago_passes if {
	d := testing.attestation_with([testing.replace_at(tested, "2025-12-01")])
	count(results(d)) == 0
}

test_ir_004_tested_a_day_before_the_limit_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(tested, "2025-11-30")])
	results(d) == {ir_004(
		"warning",
		tested,
		"incident response plan test date (incident_response.last_tested_on) is 2025-11-30 (366 days old); a test within the last 12 months required (PCI DSS 4.0.1 12.10.2)",
	)}
}

test_ir_004_month_end_is_clamped if {
	d := testing.attestation_with([testing.replace_at(tested, "2024-02-29")])
	count(results_on(d, "2025-02-28")) == 0
	results_on(d, "2025-03-01") == {ir_004(
		"warning",
		tested,
		"incident response plan test date (incident_response.last_tested_on) is 2024-02-29 (366 days old); a test within the last 12 months required (PCI DSS 4.0.1 12.10.2)",
	)}
}

test_ir_004_test_date_after_evaluation_date_is_read_as_not_stated if {
	d := testing.attestation_with([testing.replace_at(tested, "2027-01-15")])
	results(d) == {ir_004(
		"warning",
		tested,
		"incident response plan test date (incident_response.last_tested_on) is not stated; a test within the last 12 months required (PCI DSS 4.0.1 12.10.2)",
	)}
}

test_ir_004_test_date_not_stated_is_a_warning if {
	d := testing.attestation_with([testing.remove_at(tested)])
	results(d) == {ir_004(
		"warning",
		"/incident_response",
		"incident response plan test date (incident_response.last_tested_on) is not stated; a test within the last 12 months required (PCI DSS 4.0.1 12.10.2)",
	)}
}

test_ir_004_both_values_absent_give_one_error_at_the_document if {
	d := testing.attestation_with([testing.remove_at("/incident_response")])
	results(d) == {ir_004(
		"error",
		"",
		concat("; ", [
			"incident response plan (incident_response.plan) is not stated; must be true (23 NYCRR 500.16)",
			"incident response plan test date (incident_response.last_tested_on) is not stated; a test within the last 12 months required (PCI DSS 4.0.1 12.10.2)",
		]),
	)}
}

test_ir_004_silent_without_attestation if {
	d := json.patch(testing.attestation_with([testing.replace_at(plan, false)]), [testing.remove_at("/attestation")])
	count(results(d)) == 0
}

test_ir_004_silent_with_invalid_attestation if {
	d := json.patch(testing.attestation_with([testing.replace_at(plan, false)]), [testing.replace_at("/attestation/valid", false)])
	count(results(d)) == 0
}

test_ir_001_nis2_error_does_not_imply_the_looser_recommendation if {
	d := testing.contract_with([testing.replace_at("/breach_notification/window_hours", 60)])
	results(d) == {ir_001(
		"error",
		"/breach_notification/window_hours",
		concat("; ", [
			"breach notification window (breach_notification.window_hours) is 60 h",
			"at most 24 h allowed for the early warning when NIS2 applies (NIS2 Art. 23(4))",
			"48 h or less recommended (GDPR Art. 33(2))",
		]),
	)}
}

test_ir_001_warning_override_says_so_and_keeps_the_default if {
	d := testing.patched(
		[testing.replace_at("/regimes", ["gdpr"])],
		[],
		[testing.replace_at("/breach_notification/window_hours", 30)],
	)
	r := results(d) with data.vendorgate_profile.thresholds as {"breach_notification_warn_hours": 24}
	r == {ir_001(
		"warning",
		"/breach_notification/window_hours",
		"breach notification window (breach_notification.window_hours) is 30 h; 24 h or less recommended by the organisation profile (GDPR Art. 33(2); catalog default 48 h)",
	)}
}
