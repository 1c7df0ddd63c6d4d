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

gov_001(pointer, message) := testing.result("GOV-001", "error", "c", pointer, message)

text_missing(label, field, found) := sprintf(
	"%s (processing.%s) %s; a non-empty description required (GDPR Art. 28(3))",
	[label, field, found],
)

no_list_text(label, field) := sprintf(
	"%s (processing.%s) is not stated; a non-empty list required (GDPR Art. 28(3))",
	[label, field],
)

processor_text(found) := sprintf("processor role (roles.processor) %s; vendor required (GDPR Art. 28(3), CSA CCM v4 STA-04)", [found])

owner_text(found) := sprintf("data owner role (roles.data_owner) %s; customer required (GDPR Art. 28(3), CSA CCM v4 STA-04)", [found])

test_gov_001_processing_subject_not_stated_is_an_error_at_processing if {
	d := testing.contract_with([testing.remove_at("/processing/subject")])
	results(d) == {gov_001("/processing", text_missing("processing subject", "subject", "is not stated"))}
}

test_gov_001_null_purpose_is_not_stated_at_its_key if {
	d := testing.contract_with([testing.replace_at("/processing/purpose", null)])
	results(d) == {gov_001("/processing/purpose", text_missing("purpose of the processing", "purpose", "is not stated"))}
}

test_gov_001_blank_duration_is_an_error if {
	d := testing.contract_with([testing.replace_at("/processing/duration", "  ")])
	results(d) == {gov_001("/processing/duration", text_missing("processing duration", "duration", "is empty"))}
}

test_gov_001_empty_data_types_is_an_error_at_its_key if {
	d := testing.contract_with([testing.replace_at("/processing/data_types", [])])
	results(d) == {gov_001("/processing/data_types", no_list_text("personal data types", "data_types"))}
}

test_gov_001_subject_categories_not_stated_is_an_error_at_processing if {
	d := testing.contract_with([testing.remove_at("/processing/subject_categories")])
	results(d) == {gov_001("/processing", no_list_text("data subject categories", "subject_categories"))}
}

test_gov_001_vendor_not_processor_is_an_error if {
	d := testing.contract_with([testing.replace_at("/roles/processor", "third-party")])
	results(d) == {gov_001("/roles/processor", processor_text("is third-party"))}
}

test_gov_001_data_owner_not_stated_is_an_error_at_roles if {
	d := testing.contract_with([testing.remove_at("/roles/data_owner")])
	results(d) == {gov_001("/roles", owner_text("is not stated"))}
}

test_gov_001_vendor_as_data_owner_is_an_error if {
	d := testing.contract_with([testing.replace_at("/roles/data_owner", "vendor")])
	results(d) == {gov_001("/roles/data_owner", owner_text("is vendor"))}
}

test_gov_001_each_failing_value_is_a_result_at_its_own_key if {
	d := testing.contract_with([
		testing.replace_at("/processing/nature", ""),
		testing.replace_at("/processing/subject_categories", []),
		testing.replace_at("/roles/processor", "customer"),
		testing.replace_at("/roles/data_owner", "vendor"),
	])
	results(d) == {
		gov_001("/processing/nature", text_missing("nature of the processing", "nature", "is empty")),
		gov_001("/processing/subject_categories", no_list_text("data subject categories", "subject_categories")),
		gov_001("/roles/processor", processor_text("is customer")),
		gov_001("/roles/data_owner", owner_text("is vendor")),
	}
}

test_gov_001_absent_values_merge_at_their_nearest_present_parent if {
	d := testing.contract_with([
		testing.remove_at("/processing/nature"),
		testing.remove_at("/processing/data_types"),
		testing.remove_at("/roles/processor"),
		testing.remove_at("/roles/data_owner"),
	])
	results(d) == {
		gov_001("/processing", concat("; ", [
			text_missing("nature of the processing", "nature", "is not stated"),
			no_list_text("personal data types", "data_types"),
		])),
		gov_001("/roles", concat("; ", [
			processor_text("is not stated"),
			owner_text("is not stated"),
		])),
	}
}

test_gov_001_no_processing_and_no_roles_is_one_result_at_the_document if {
	d := testing.contract_with([
		testing.remove_at("/processing"),
		testing.remove_at("/roles"),
	])
	results(d) == {gov_001("", concat("; ", [
		text_missing("processing subject", "subject", "is not stated"),
		text_missing("processing duration", "duration", "is not stated"),
		text_missing("nature of the processing", "nature", "is not stated"),
		text_missing("purpose of the processing", "purpose", "is not stated"),
		no_list_text("personal data types", "data_types"),
		no_list_text("data subject categories", "subject_categories"),
		processor_text("is not stated"),
		owner_text("is not stated"),
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

sole_owner_text(v) := sprintf(
	"customer sole ownership of its data (data_ownership.customer_sole_owner) is %s; must be true (GDPR Art. 28(10))",
	[v],
)

instructions_text(v) := sprintf(
	"use limited to the customer's instructions (data_ownership.use_limited_to_instructions) is %s; must be true (GDPR Art. 28(3)(a))",
	[v],
)

outputs_text(v) := sprintf(
	"customer ownership of outputs (data_ownership.outputs_customer_owned) is %s; must be true (Cal. Civ. Code 1798.140(ag))",
	[v],
)

test_gov_002_customer_not_sole_owner_is_an_error if {
	d := testing.contract_with([testing.replace_at("/data_ownership/customer_sole_owner", false)])
	results(d) == {gov_002("error", "/data_ownership/customer_sole_owner", sole_owner_text("false"))}
}

test_gov_002_use_limited_to_instructions_not_stated_is_an_error_at_data_ownership if {
	d := testing.contract_with([testing.remove_at("/data_ownership/use_limited_to_instructions")])
	results(d) == {gov_002("error", "/data_ownership", instructions_text("not stated"))}
}

test_gov_002_outputs_not_customer_owned_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/data_ownership/outputs_customer_owned", false)])
	results(d) == {gov_002("warning", "/data_ownership/outputs_customer_owned", outputs_text("false"))}
}

test_gov_002_warning_and_error_are_separate_results if {
	d := testing.contract_with([
		testing.replace_at("/data_ownership/outputs_customer_owned", false),
		testing.replace_at("/data_ownership/use_limited_to_instructions", false),
	])
	results(d) == {
		gov_002("error", "/data_ownership/use_limited_to_instructions", instructions_text("false")),
		gov_002("warning", "/data_ownership/outputs_customer_owned", outputs_text("false")),
	}
}

test_gov_002_absent_error_and_warning_merge_at_data_ownership_as_an_error if {
	d := testing.contract_with([
		testing.remove_at("/data_ownership/outputs_customer_owned"),
		testing.remove_at("/data_ownership/customer_sole_owner"),
	])
	results(d) == {gov_002("error", "/data_ownership", concat("; ", [
		sole_owner_text("not stated"),
		outputs_text("not stated"),
	]))}
}

test_gov_002_no_data_ownership_is_one_result_at_the_document if {
	d := testing.contract_with([testing.remove_at("/data_ownership")])
	results(d) == {gov_002("error", "", concat("; ", [
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

dpia_text(v) := sprintf("DPIA done (risk.dpia_done) is %s; must be true when a DPIA is required (GDPR Art. 35)", [v])

assessed_text(found) := sprintf(
	"risk assessment date (risk.assessed_on) %s; an assessment within the last 365 days required (PCI DSS 4.0.1 12.8.3)",
	[found],
)

test_gov_003_required_dpia_not_done_is_an_error if {
	d := testing.engagement_with([testing.replace_at("/risk/dpia_done", false)])
	results(d) == {gov_003("error", "/risk/dpia_done", dpia_text("false"))}
}

test_gov_003_required_dpia_done_not_stated_is_an_error_at_risk if {
	d := testing.engagement_with([testing.remove_at("/risk/dpia_done")])
	results(d) == {gov_003("error", "/risk", dpia_text("not stated"))}
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
	results(d) == {gov_003("warning", "/risk/assessed_on", assessed_text("is 2025-11-30 (366 days old)"))}
}

test_gov_003_assessment_not_stated_is_a_warning_at_risk if {
	d := testing.engagement_with([testing.remove_at("/risk/assessed_on")])
	results(d) == {gov_003("warning", "/risk", assessed_text("is not stated"))}
}

test_gov_003_future_assessment_is_not_stated_at_its_key if {
	d := testing.engagement_with([testing.replace_at("/risk/assessed_on", "2027-01-01")])
	results(d) == {gov_003("warning", "/risk/assessed_on", assessed_text("is not stated"))}
}

test_gov_003_dpia_and_assessment_are_separate_results if {
	d := testing.engagement_with([
		testing.replace_at("/risk/assessed_on", "2024-06-30"),
		testing.replace_at("/risk/dpia_done", false),
	])
	results(d) == {
		gov_003("error", "/risk/dpia_done", dpia_text("false")),
		gov_003("warning", "/risk/assessed_on", assessed_text("is 2024-06-30 (884 days old)")),
	}
}

test_gov_003_both_absent_merge_at_risk_as_an_error if {
	d := testing.engagement_with([
		testing.remove_at("/risk/assessed_on"),
		testing.remove_at("/risk/dpia_done"),
	])
	results(d) == {gov_003("error", "/risk", concat("; ", [dpia_text("not stated"), assessed_text("is not stated")]))}
}

test_gov_003_no_risk_section_is_a_warning_at_the_document if {
	d := testing.engagement_with([testing.remove_at("/risk")])
	results(d) == {gov_003("warning", "", assessed_text("is not stated"))}
}

test_gov_003_threshold_override_applies if {
	r := results(testing.clean) with data.vendorgate_profile.thresholds as {"risk_assessment_max_age_days": 150}
	r == {gov_003("warning", "/risk/assessed_on", concat("; ", [
		"risk assessment date (risk.assessed_on) is 2026-06-30 (154 days old)",
		"an assessment within the last 150 days required by the organisation profile (PCI DSS 4.0.1 12.8.3; catalog default 365 days)",
	]))}
}

test_gov_003_threshold_of_one_day_is_singular if {
	r := results(testing.clean) with data.vendorgate_profile.thresholds as {"risk_assessment_max_age_days": 1}
	r == {gov_003("warning", "/risk/assessed_on", concat("; ", [
		"risk assessment date (risk.assessed_on) is 2026-06-30 (154 days old)",
		"an assessment within the last 1 day required by the organisation profile (PCI DSS 4.0.1 12.8.3; catalog default 365 days)",
	]))}
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

required_documents := "a security policy, an incident-response plan and a business-continuity / disaster-recovery plan required (CSA CCM v4 A&A-01)"

missing_text(found) := sprintf("document list (documents) %s; %s", [found, required_documents])

review_text(label, i, found) := sprintf(
	"%s review date (documents[%d].reviewed_on) %s; a review within the last 12 months required (CSA CCM v4 GRC-03)",
	[label, i, found],
)

pentest_text(found) := sprintf(
	"penetration test date (pentest.last_on) %s; a test within the last 12 months required (PCI DSS 4.0.1 11.4.2, PCI DSS 4.0.1 11.4.3, CSA CCM v4 TVM-06)",
	[found],
)

bc_dr := "business-continuity / disaster-recovery plan"

test_gov_004_missing_bc_dr_plan_is_a_warning_at_documents if {
	d := testing.attestation_with([testing.remove_at("/documents/2")])
	results(d) == {gov_004("/documents", missing_text("lacks a business-continuity / disaster-recovery plan"))}
}

test_gov_004_missing_incident_response_plan_takes_an if {
	d := testing.attestation_with([testing.replace_at("/documents/1/type", "privacy-policy")])
	results(d) == {gov_004("/documents", missing_text("lacks an incident-response plan"))}
}

test_gov_004_several_missing_types_are_one_value_at_documents if {
	d := testing.attestation_with([
		testing.replace_at("/documents/0/type", "privacy-policy"),
		testing.replace_at("/documents/1/type", "privacy-policy"),
		testing.replace_at("/documents/2/type", "privacy-policy"),
	])
	results(d) == {gov_004("/documents", missing_text(concat("", [
		"lacks a security policy, an incident-response plan",
		" and a business-continuity / disaster-recovery plan",
	])))}
}

test_gov_004_empty_documents_is_not_stated_at_its_key if {
	d := testing.attestation_with([testing.replace_at("/documents", [])])
	results(d) == {gov_004("/documents", missing_text("is not stated"))}
}

test_gov_004_no_documents_and_no_pentest_merge_at_the_document if {
	d := testing.attestation_with([testing.remove_at("/documents"), testing.remove_at("/pentest")])
	results(d) == {gov_004("", concat("; ", [missing_text("is not stated"), pentest_text("is not stated")]))}
}

test_gov_004_review_limit_date_passes if {
	d := testing.attestation_with([testing.replace_at("/documents/0/reviewed_on", "2025-12-01")])
	count(results(d)) == 0
}

test_gov_004_review_one_day_older_is_a_warning_at_the_date if {
	d := testing.attestation_with([testing.replace_at("/documents/0/reviewed_on", "2025-11-30")])
	results(d) == {gov_004("/documents/0/reviewed_on", review_text("security policy", 0, "is 2025-11-30 (366 days old)"))}
}

test_gov_004_review_not_stated_is_a_warning_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/documents/1/reviewed_on")])
	results(d) == {gov_004("/documents/1", review_text("incident-response plan", 1, "is not stated"))}
}

test_gov_004_old_privacy_policy_is_not_checked if {
	d := testing.attestation_with([testing.replace_at("/documents/3/reviewed_on", "2020-01-01")])
	count(results(d)) == 0
}

test_gov_004_two_old_documents_give_a_result_at_each if {
	d := testing.attestation_with([
		testing.replace_at("/documents/1/reviewed_on", "2025-01-01"),
		testing.replace_at("/documents/2/reviewed_on", "2024-01-01"),
	])
	results(d) == {
		gov_004("/documents/1/reviewed_on", review_text("incident-response plan", 1, "is 2025-01-01 (699 days old)")),
		gov_004("/documents/2/reviewed_on", review_text(bc_dr, 2, "is 2024-01-01 (1065 days old)")),
	}
}

test_gov_004_pentest_limit_date_passes if {
	d := testing.attestation_with([testing.replace_at("/pentest/last_on", "2025-12-01")])
	count(results(d)) == 0
}

test_gov_004_pentest_one_day_older_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/pentest/last_on", "2025-11-30")])
	results(d) == {gov_004("/pentest/last_on", pentest_text("is 2025-11-30 (366 days old)"))}
}

test_gov_004_pentest_not_stated_is_a_warning_at_pentest if {
	d := testing.attestation_with([testing.remove_at("/pentest/last_on")])
	results(d) == {gov_004("/pentest", pentest_text("is not stated"))}
}

test_gov_004_pentest_section_absent_is_a_warning_at_the_document if {
	d := testing.attestation_with([testing.remove_at("/pentest")])
	results(d) == {gov_004("", pentest_text("is not stated"))}
}

test_gov_004_each_branch_is_a_result_at_its_own_value if {
	d := testing.attestation_with([
		testing.replace_at("/pentest/last_on", "2025-01-01"),
		testing.replace_at("/documents/0/reviewed_on", "2025-02-01"),
		testing.remove_at("/documents/2"),
	])
	results(d) == {
		gov_004("/documents", missing_text("lacks a business-continuity / disaster-recovery plan")),
		gov_004("/documents/0/reviewed_on", review_text("security policy", 0, "is 2025-02-01 (668 days old)")),
		gov_004("/pentest/last_on", pentest_text("is 2025-01-01 (699 days old)")),
	}
}

test_gov_004_threshold_override_applies if {
	r := results(testing.clean) with data.vendorgate_profile.thresholds as {"review_max_age_months": 7}
	profile := "a review within the last 7 months required by the organisation profile (CSA CCM v4 GRC-03; catalog default 12 months)"
	r == {
		gov_004("/documents/0/reviewed_on", sprintf(
			"security policy review date (documents[0].reviewed_on) is 2026-04-01 (244 days old); %s",
			[profile],
		)),
		gov_004("/documents/1/reviewed_on", sprintf(
			"incident-response plan review date (documents[1].reviewed_on) is 2026-04-01 (244 days old); %s",
			[profile],
		)),
	}
}

test_gov_004_threshold_of_one_month_is_singular if {
	d := testing.attestation_with([
		testing.replace_at("/documents/0/reviewed_on", "2026-11-15"),
		testing.replace_at("/documents/1/reviewed_on", "2026-11-15"),
		testing.replace_at("/documents/2/reviewed_on", "2026-11-15"),
		testing.replace_at("/pentest/last_on", "2026-10-01"),
	])
	r := results(d) with data.vendorgate_profile.thresholds as {"review_max_age_months": 1}
	r == {gov_004("/pentest/last_on", concat("; ", [
		"penetration test date (pentest.last_on) is 2026-10-01 (61 days old)",
		concat("", [
			"a test within the last 1 month required by the organisation profile",
			" (PCI DSS 4.0.1 11.4.2, PCI DSS 4.0.1 11.4.3, CSA CCM v4 TVM-06; catalog default 12 months)",
		]),
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
