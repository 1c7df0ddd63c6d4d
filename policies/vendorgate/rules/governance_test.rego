package vendorgate.rules.governance_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.governance

results(d) := r if {
	r := governance.deny with input as testing.input_of(d)
}

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

# GOV-001

gov_001(level, pointer, message) := testing.result("GOV-001", level, "c", pointer, message)

test_gov_001_processing_subject_not_stated_is_an_error if {
	d := testing.contract_with([testing.remove_at("/processing/subject")])
	results(d) == {gov_001(
		"error", "/processing/subject",
		"processing subject is not stated; a non-empty description is required (GDPR Art. 28(3))",
	)}
}

test_gov_001_null_purpose_is_not_stated if {
	d := testing.contract_with([testing.replace_at("/processing/purpose", null)])
	results(d) == {gov_001(
		"error", "/processing/purpose",
		"purpose of the processing is not stated; a non-empty description is required (GDPR Art. 28(3))",
	)}
}

test_gov_001_blank_duration_is_an_error if {
	d := testing.contract_with([testing.replace_at("/processing/duration", "  ")])
	results(d) == {gov_001(
		"error", "/processing/duration",
		"processing duration is empty; a non-empty description is required (GDPR Art. 28(3))",
	)}
}

test_gov_001_empty_data_types_is_an_error if {
	d := testing.contract_with([testing.replace_at("/processing/data_types", [])])
	results(d) == {gov_001(
		"error", "/processing/data_types",
		"list of personal data types is not stated; a non-empty list is required (GDPR Art. 28(3))",
	)}
}

test_gov_001_subject_categories_not_stated_is_an_error if {
	d := testing.contract_with([testing.remove_at("/processing/subject_categories")])
	results(d) == {gov_001(
		"error", "/processing/subject_categories",
		"list of data subject categories is not stated; a non-empty list is required (GDPR Art. 28(3))",
	)}
}

test_gov_001_vendor_not_processor_is_an_error if {
	d := testing.contract_with([testing.replace_at("/roles/processor", "third-party")])
	results(d) == {gov_001(
		"error", "/roles/processor",
		"processor role is third-party; the vendor must be the processor (GDPR Art. 28(3))",
	)}
}

test_gov_001_data_owner_not_stated_is_an_error if {
	d := testing.contract_with([testing.remove_at("/roles/data_owner")])
	results(d) == {gov_001(
		"error", "/roles/data_owner",
		"data owner role is not stated; the customer must be the data owner (GDPR Art. 28(3))",
	)}
}

test_gov_001_vendor_as_data_owner_is_an_error if {
	d := testing.contract_with([testing.replace_at("/roles/data_owner", "vendor")])
	results(d) == {gov_001(
		"error", "/roles/data_owner",
		"data owner role is vendor; the customer must be the data owner (GDPR Art. 28(3))",
	)}
}

test_gov_001_several_failures_give_one_result_at_the_first if {
	d := testing.contract_with([
		testing.remove_at("/processing/nature"),
		testing.replace_at("/processing/subject_categories", []),
		testing.replace_at("/roles/processor", "customer"),
	])
	results(d) == {gov_001("error", "/processing/nature", concat("; ", [
		"nature of the processing is not stated; a non-empty description is required (GDPR Art. 28(3))",
		"list of data subject categories is not stated; a non-empty list is required (GDPR Art. 28(3))",
		"processor role is customer; the vendor must be the processor (GDPR Art. 28(3))",
	]))}
}

test_gov_001_no_processing_and_no_roles_lists_every_condition if {
	d := testing.contract_with([
		testing.remove_at("/processing"),
		testing.remove_at("/roles"),
	])
	results(d) == {gov_001("error", "/processing/subject", concat("; ", [
		"processing subject is not stated; a non-empty description is required (GDPR Art. 28(3))",
		"processing duration is not stated; a non-empty description is required (GDPR Art. 28(3))",
		"nature of the processing is not stated; a non-empty description is required (GDPR Art. 28(3))",
		"purpose of the processing is not stated; a non-empty description is required (GDPR Art. 28(3))",
		"list of personal data types is not stated; a non-empty list is required (GDPR Art. 28(3))",
		"list of data subject categories is not stated; a non-empty list is required (GDPR Art. 28(3))",
		"processor role is not stated; the vendor must be the processor (GDPR Art. 28(3))",
		"data owner role is not stated; the customer must be the data owner (GDPR Art. 28(3))",
	]))}
}

test_gov_001_silent_without_contract if {
	d := json.patch(testing.clean, [testing.remove_at("/contract")])
	count(results(d)) == 0
}

test_gov_001_silent_with_invalid_contract if {
	d := json.patch(testing.clean, [
		testing.replace_at("/contract/valid", false),
		testing.remove_at("/contract/body/processing"),
	])
	count(results(d)) == 0
}

# GOV-002

gov_002(level, pointer, message) := testing.result("GOV-002", level, "c", pointer, message)

sole_owner_text(v) := sprintf("customer_sole_owner is %s; the customer must remain the sole owner of its data (GDPR Art. 28(10))", [v])

instructions_text(v) := sprintf("use_limited_to_instructions is %s; the vendor must use the data only on the customer's instructions (GDPR Art. 28(3)(a))", [v])

outputs_text(v) := sprintf("outputs_customer_owned is %s; outputs generated from the customer's data should belong to the customer", [v])

test_gov_002_customer_not_sole_owner_is_an_error if {
	d := testing.contract_with([testing.replace_at("/data_ownership/customer_sole_owner", false)])
	results(d) == {gov_002("error", "/data_ownership/customer_sole_owner", sole_owner_text("false"))}
}

test_gov_002_use_not_limited_to_instructions_not_stated_is_an_error if {
	d := testing.contract_with([testing.remove_at("/data_ownership/use_limited_to_instructions")])
	results(d) == {gov_002("error", "/data_ownership/use_limited_to_instructions", instructions_text("not stated"))}
}

test_gov_002_outputs_not_customer_owned_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/data_ownership/outputs_customer_owned", false)])
	results(d) == {gov_002("warning", "/data_ownership/outputs_customer_owned", outputs_text("false"))}
}

test_gov_002_warning_and_error_give_one_error_at_the_error if {
	d := testing.contract_with([
		testing.replace_at("/data_ownership/outputs_customer_owned", false),
		testing.replace_at("/data_ownership/use_limited_to_instructions", false),
	])
	results(d) == {gov_002(
		"error", "/data_ownership/use_limited_to_instructions",
		concat("; ", [instructions_text("false"), outputs_text("false")]),
	)}
}

test_gov_002_no_data_ownership_lists_every_condition if {
	d := testing.contract_with([testing.remove_at("/data_ownership")])
	results(d) == {gov_002("error", "/data_ownership/customer_sole_owner", concat("; ", [
		sole_owner_text("not stated"),
		instructions_text("not stated"),
		outputs_text("not stated"),
	]))}
}

test_gov_002_silent_without_contract if {
	d := json.patch(testing.clean, [testing.remove_at("/contract")])
	count(results(d)) == 0
}

test_gov_002_silent_with_invalid_contract if {
	d := json.patch(testing.clean, [
		testing.replace_at("/contract/valid", false),
		testing.remove_at("/contract/body/data_ownership"),
	])
	count(results(d)) == 0
}

# GOV-003

gov_003(level, pointer, message) := testing.result("GOV-003", level, "s", pointer, message)

dpia_text(v) := sprintf("a DPIA is required and dpia_done is %s; the DPIA must be done (GDPR Art. 35)", [v])

assessed_text(found, days) := sprintf("risk assessment date is %s; an assessment at most %d days old is expected (PCI DSS 12.8.3)", [found, days])

test_gov_003_required_dpia_not_done_is_an_error if {
	d := testing.engagement_with([testing.replace_at("/risk/dpia_done", false)])
	results(d) == {gov_003("error", "/risk/dpia_done", dpia_text("false"))}
}

test_gov_003_required_dpia_done_not_stated_is_an_error if {
	d := testing.engagement_with([testing.remove_at("/risk/dpia_done")])
	results(d) == {gov_003("error", "/risk/dpia_done", dpia_text("not stated"))}
}

test_gov_003_dpia_not_required_passes if {
	d := testing.engagement_with([
		testing.replace_at("/risk/dpia_required", false),
		testing.replace_at("/risk/dpia_done", false),
	])
	count(results(d)) == 0
}

test_gov_003_dpia_required_not_stated_is_no_trigger if {
	d := testing.engagement_with([
		testing.remove_at("/risk/dpia_required"),
		testing.remove_at("/risk/dpia_done"),
	])
	count(results(d)) == 0
}

test_gov_003_assessment_limit_date_passes if {
	d := testing.engagement_with([testing.replace_at("/risk/assessed_on", "2025-12-01")])
	count(results(d)) == 0
}

test_gov_003_assessment_one_day_older_is_a_warning if {
	d := testing.engagement_with([testing.replace_at("/risk/assessed_on", "2025-11-30")])
	results(d) == {gov_003("warning", "/risk/assessed_on", assessed_text("2025-11-30 (366 days old)", 365))}
}

test_gov_003_assessment_not_stated_is_a_warning if {
	d := testing.engagement_with([testing.remove_at("/risk/assessed_on")])
	results(d) == {gov_003("warning", "/risk/assessed_on", assessed_text("not stated", 365))}
}

test_gov_003_both_give_one_error_at_dpia_done if {
	d := testing.engagement_with([
		testing.replace_at("/risk/assessed_on", "2024-06-30"),
		testing.replace_at("/risk/dpia_done", false),
	])
	results(d) == {gov_003("error", "/risk/dpia_done", concat("; ", [
		dpia_text("false"),
		assessed_text("2024-06-30 (884 days old)", 365),
	]))}
}

test_gov_003_no_risk_section_is_a_warning if {
	d := testing.engagement_with([testing.remove_at("/risk")])
	results(d) == {gov_003("warning", "/risk/assessed_on", assessed_text("not stated", 365))}
}

test_gov_003_threshold_override_applies if {
	r := results(testing.clean) with data.vendorgate_profile.thresholds as {"risk_assessment_max_age_days": 150}
	r == {gov_003("warning", "/risk/assessed_on", assessed_text("2026-06-30 (154 days old)", 150))}
}

test_gov_003_silent_without_engagement if {
	d := json.patch(testing.clean, [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

test_gov_003_silent_with_invalid_engagement if {
	d := json.patch(testing.clean, [
		testing.replace_at("/engagement/valid", false),
		testing.replace_at("/engagement/body/risk/dpia_done", false),
	])
	count(results(d)) == 0
}

# GOV-004

gov_004(pointer, message) := testing.result("GOV-004", "warning", "a", pointer, message)

missing_text(t) := sprintf("attestation documents include no %s; a %s reviewed within 12 months is expected (CCM A&A-01)", [t, t])

review_text(t, v, months) := sprintf("%s review date is %s; a review within %d months is expected (CCM GRC-03)", [t, v, months])

pentest_text(v) := sprintf("last penetration test date is %s; a test within 12 months is expected (PCI DSS 11.4.2)", [v])

test_gov_004_missing_bc_dr_plan_is_a_warning_at_documents if {
	d := testing.attestation_with([testing.remove_at("/documents/2")])
	results(d) == {gov_004("/documents", missing_text("bc-dr-plan"))}
}

test_gov_004_no_documents_lists_each_missing_type if {
	d := testing.attestation_with([testing.remove_at("/documents")])
	results(d) == {gov_004("/documents", concat("; ", [
		missing_text("security-policy"),
		missing_text("incident-response-plan"),
		missing_text("bc-dr-plan"),
	]))}
}

test_gov_004_review_limit_date_passes if {
	d := testing.attestation_with([testing.replace_at("/documents/0/reviewed_on", "2025-12-01")])
	count(results(d)) == 0
}

test_gov_004_review_one_day_older_is_a_warning_at_the_item if {
	d := testing.attestation_with([testing.replace_at("/documents/0/reviewed_on", "2025-11-30")])
	results(d) == {gov_004("/documents/0/reviewed_on", review_text("security-policy", "2025-11-30", 12))}
}

test_gov_004_review_not_stated_is_a_warning if {
	d := testing.attestation_with([testing.remove_at("/documents/1/reviewed_on")])
	results(d) == {gov_004("/documents/1/reviewed_on", review_text("incident-response-plan", "not stated", 12))}
}

test_gov_004_old_privacy_policy_is_not_checked if {
	d := testing.attestation_with([testing.replace_at("/documents/3/reviewed_on", "2020-01-01")])
	count(results(d)) == 0
}

test_gov_004_two_old_documents_give_one_result_at_the_first if {
	d := testing.attestation_with([
		testing.replace_at("/documents/1/reviewed_on", "2025-01-01"),
		testing.replace_at("/documents/2/reviewed_on", "2024-01-01"),
	])
	results(d) == {gov_004("/documents/1/reviewed_on", concat("; ", [
		review_text("incident-response-plan", "2025-01-01", 12),
		review_text("bc-dr-plan", "2024-01-01", 12),
	]))}
}

test_gov_004_pentest_limit_date_passes if {
	d := testing.attestation_with([testing.replace_at("/pentest/last_on", "2025-12-01")])
	count(results(d)) == 0
}

test_gov_004_pentest_one_day_older_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/pentest/last_on", "2025-11-30")])
	results(d) == {gov_004("/pentest/last_on", pentest_text("2025-11-30"))}
}

test_gov_004_pentest_not_stated_is_a_warning if {
	d := testing.attestation_with([testing.remove_at("/pentest")])
	results(d) == {gov_004("/pentest/last_on", pentest_text("not stated"))}
}

test_gov_004_all_branches_give_one_result_at_the_first if {
	d := testing.attestation_with([
		testing.replace_at("/pentest/last_on", "2025-01-01"),
		testing.replace_at("/documents/0/reviewed_on", "2025-02-01"),
		testing.remove_at("/documents/2"),
	])
	results(d) == {gov_004("/documents", concat("; ", [
		missing_text("bc-dr-plan"),
		review_text("security-policy", "2025-02-01", 12),
		pentest_text("2025-01-01"),
	]))}
}

test_gov_004_threshold_override_applies if {
	r := results(testing.clean) with data.vendorgate_profile.thresholds as {"review_max_age_months": 7}
	r == {gov_004("/documents/0/reviewed_on", concat("; ", [
		review_text("security-policy", "2026-04-01", 7),
		review_text("incident-response-plan", "2026-04-01", 7),
	]))}
}

test_gov_004_silent_without_attestation if {
	d := json.patch(testing.clean, [testing.remove_at("/attestation")])
	count(results(d)) == 0
}

test_gov_004_silent_with_invalid_attestation if {
	d := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.remove_at("/attestation/body/documents"),
	])
	count(results(d)) == 0
}
