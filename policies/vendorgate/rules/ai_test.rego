package vendorgate.rules.ai_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.ai

results(d) := r if {
	r := ai.deny with input as testing.input_of(d)
}

results_on(d, as_of) := r if {
	r := ai.deny with input as testing.input_on(d, as_of)
}

ai_001(level, doc, pointer, message) := testing.result("AI-001", level, doc, pointer, message)

ai_002(level, pointer, message) := testing.result("AI-002", level, "a", pointer, message)

ai_003(pointer, message) := testing.result("AI-003", "error", "a", pointer, message)

ai_004(pointer, message) := testing.result("AI-004", "error", "a", pointer, message)

ai_005(pointer, message) := testing.result("AI-005", "note", "a", pointer, message)

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

# AI-001

training(found) := sprintf(
	"training on customer data (ai.training_on_customer_data) is %s; never or opt-in required (GDPR Art. 28(3)(a))",
	[found],
)

prohibition(found) := sprintf(
	"contractual prohibition of training on customer data (ai.training_prohibited) is %s; must be true (11 CCR 7051(a))",
	[found],
)

test_ai_001_opt_out_is_an_error_in_the_attestation if {
	d := testing.attestation_with([testing.replace_at("/ai/training_on_customer_data", "opt-out")])
	results(d) == {ai_001("error", "a", "/ai/training_on_customer_data", training("opt-out"))}
}

test_ai_001_default_on_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/ai/training_on_customer_data", "default-on")])
	results(d) == {ai_001("error", "a", "/ai/training_on_customer_data", training("default-on"))}
}

test_ai_001_training_not_stated_is_an_error_at_ai if {
	d := testing.attestation_with([testing.remove_at("/ai/training_on_customer_data")])
	results(d) == {ai_001("error", "a", "/ai", training("not stated"))}
}

test_ai_001_opt_in_passes if {
	d := testing.attestation_with([testing.replace_at("/ai/training_on_customer_data", "opt-in")])
	count(results(d)) == 0
}

test_ai_001_no_contract_prohibition_is_a_warning_in_the_contract if {
	d := testing.contract_with([testing.replace_at("/ai/training_prohibited", false)])
	results(d) == {ai_001("warning", "c", "/ai/training_prohibited", prohibition("false"))}
}

test_ai_001_contract_prohibition_null_is_not_stated_at_its_key if {
	d := testing.contract_with([testing.replace_at("/ai/training_prohibited", null)])
	results(d) == {ai_001("warning", "c", "/ai/training_prohibited", prohibition("not stated"))}
}

test_ai_001_contract_without_ai_is_a_warning_at_the_document if {
	d := testing.contract_with([testing.remove_at("/ai")])
	results(d) == {ai_001("warning", "c", "", prohibition("not stated"))}
}

test_ai_001_both_fail_one_result_in_each_document if {
	d := testing.patched([], [testing.replace_at("/ai/training_on_customer_data", "opt-out")], [testing.replace_at("/ai/training_prohibited", false)])
	results(d) == {
		ai_001("error", "a", "/ai/training_on_customer_data", training("opt-out")),
		ai_001("warning", "c", "/ai/training_prohibited", prohibition("false")),
	}
}

test_ai_001_in_scope_not_stated_counts_as_true if {
	d := testing.attestation_with([testing.remove_at("/ai/in_scope"), testing.replace_at("/ai/training_on_customer_data", "opt-out")])
	results(d) == {ai_001("error", "a", "/ai/training_on_customer_data", training("opt-out"))}
}

test_ai_001_silent_when_ai_out_of_scope if {
	d := testing.patched(
		[],
		[testing.replace_at("/ai/in_scope", false), testing.replace_at("/ai/training_on_customer_data", "opt-out")],
		[testing.replace_at("/ai/training_prohibited", false)],
	)
	count(results(d)) == 0
}

test_ai_001_silent_without_contract if {
	d := json.patch(
		testing.attestation_with([testing.replace_at("/ai/training_on_customer_data", "opt-out")]),
		[testing.remove_at("/contract")],
	)
	count(results(d)) == 0
}

test_ai_001_silent_with_invalid_contract if {
	d := json.patch(
		testing.attestation_with([testing.replace_at("/ai/training_on_customer_data", "opt-out")]),
		[testing.replace_at("/contract/valid", false)],
	)
	count(results(d)) == 0
}

test_ai_001_silent_with_invalid_attestation if {
	d := json.patch(
		testing.patched([], [testing.replace_at("/ai/training_on_customer_data", "opt-out")], [testing.replace_at("/ai/training_prohibited", false)]),
		[testing.replace_at("/attestation/valid", false)],
	)
	count(results(d)) == 0
}

# AI-002

bounded := "a bounded period in days required (GDPR Art. 5(1)(e))"

prompts(found) := sprintf("prompt retention (ai.retention.prompts_days) is %s", [found])

outputs(found) := sprintf("output retention (ai.retention.outputs_days) is %s", [found])

recommended := "30 days or less recommended (GDPR Art. 5(1)(e))"

zero_retention(found) := sprintf(
	"zero-retention option (ai.retention.zero_retention_available) is %s; must be true when PHI or special-category data is shared (GDPR Art. 5(1)(e))",
	[found],
)

human_review(found) := sprintf(
	"human review of prompts and outputs (ai.retention.human_review) is %s; none or disclosed required (GDPR Art. 28(3)(b))",
	[found],
)

test_ai_002_null_prompt_retention_is_unbounded_an_error if {
	d := testing.attestation_with([testing.replace_at("/ai/retention/prompts_days", null)])
	results(d) == {ai_002("error", "/ai/retention/prompts_days", concat("; ", [prompts("unbounded"), bounded]))}
}

test_ai_002_output_retention_not_stated_is_an_error_at_retention if {
	d := testing.attestation_with([testing.remove_at("/ai/retention/outputs_days")])
	results(d) == {ai_002("error", "/ai/retention", concat("; ", [outputs("not stated"), bounded]))}
}

test_ai_002_both_unbounded_one_result_at_each_value if {
	d := testing.attestation_with([
		testing.replace_at("/ai/retention/prompts_days", null),
		testing.replace_at("/ai/retention/outputs_days", null),
	])
	results(d) == {
		ai_002("error", "/ai/retention/prompts_days", concat("; ", [prompts("unbounded"), bounded])),
		ai_002("error", "/ai/retention/outputs_days", concat("; ", [outputs("unbounded"), bounded])),
	}
}

test_ai_002_both_not_stated_merge_at_retention if {
	d := testing.attestation_with([
		testing.remove_at("/ai/retention/prompts_days"),
		testing.remove_at("/ai/retention/outputs_days"),
	])
	results(d) == {ai_002("error", "/ai/retention", concat("; ", [prompts("not stated"), bounded, outputs("not stated"), bounded]))}
}

test_ai_002_retention_at_limit_passes if {
	d := testing.attestation_with([
		testing.replace_at("/ai/retention/prompts_days", 30),
		testing.replace_at("/ai/retention/outputs_days", 30),
	])
	count(results(d)) == 0
}

test_ai_002_retention_over_limit_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/ai/retention/prompts_days", 31)])
	results(d) == {ai_002("warning", "/ai/retention/prompts_days", concat("; ", [prompts("31 days"), recommended]))}
}

test_ai_002_output_retention_over_limit_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/ai/retention/outputs_days", 45)])
	results(d) == {ai_002("warning", "/ai/retention/outputs_days", concat("; ", [outputs("45 days"), recommended]))}
}

test_ai_002_threshold_override_applies if {
	d := testing.attestation_with([testing.replace_at("/ai/retention/prompts_days", 20)])
	r := results(d) with data.vendorgate_profile.thresholds as {"prompt_retention_max_days": 1}
	r == {ai_002("warning", "/ai/retention/prompts_days", concat("; ", [
		prompts("20 days"),
		"1 day or less recommended by the organisation profile (GDPR Art. 5(1)(e); catalog default 30 days)",
	]))}
}

test_ai_002_zero_retention_unavailable_with_phi_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/ai/retention/zero_retention_available", false)])
	results(d) == {ai_002("warning", "/ai/retention/zero_retention_available", zero_retention("false"))}
}

test_ai_002_zero_retention_not_stated_is_a_warning_at_retention if {
	d := testing.attestation_with([testing.remove_at("/ai/retention/zero_retention_available")])
	results(d) == {ai_002("warning", "/ai/retention", zero_retention("not stated"))}
}

test_ai_002_zero_retention_needed_for_special_data if {
	d := testing.patched(
		[testing.replace_at("/data_classes", ["pii", "special"]), testing.replace_at("/regimes", ["gdpr"])],
		[testing.replace_at("/ai/retention/zero_retention_available", false)],
		[],
	)
	results(d) == {ai_002("warning", "/ai/retention/zero_retention_available", zero_retention("false"))}
}

test_ai_002_zero_retention_needed_for_hipaa if {
	d := testing.patched(
		[testing.replace_at("/data_classes", ["pii"]), testing.replace_at("/regimes", ["hipaa"])],
		[testing.replace_at("/ai/retention/zero_retention_available", false)],
		[],
	)
	results(d) == {ai_002("warning", "/ai/retention/zero_retention_available", zero_retention("false"))}
}

test_ai_002_zero_retention_not_needed_without_sensitive_data if {
	d := testing.patched(
		[testing.replace_at("/data_classes", ["pii", "confidential"]), testing.replace_at("/regimes", ["gdpr", "euaia"])],
		[testing.replace_at("/ai/retention/zero_retention_available", false)],
		[],
	)
	count(results(d)) == 0
}

test_ai_002_undisclosed_human_review_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/ai/retention/human_review", "undisclosed")])
	results(d) == {ai_002("warning", "/ai/retention/human_review", human_review("undisclosed"))}
}

test_ai_002_human_review_not_stated_is_a_warning_at_retention if {
	d := testing.attestation_with([testing.remove_at("/ai/retention/human_review")])
	results(d) == {ai_002("warning", "/ai/retention", human_review("not stated"))}
}

test_ai_002_no_human_review_passes if {
	d := testing.attestation_with([testing.replace_at("/ai/retention/human_review", "none")])
	count(results(d)) == 0
}

test_ai_002_retention_not_stated_merges_every_field_at_ai if {
	d := testing.attestation_with([testing.remove_at("/ai/retention")])
	results(d) == {ai_002("error", "/ai", concat("; ", [
		prompts("not stated"), bounded,
		outputs("not stated"), bounded,
		zero_retention("not stated"),
		human_review("not stated"),
	]))}
}

test_ai_002_ai_not_stated_merges_every_field_at_the_document if {
	d := testing.attestation_with([testing.remove_at("/ai")])
	testing.only(results(d), "AI-002") == {ai_002("error", "", concat("; ", [
		prompts("not stated"), bounded,
		outputs("not stated"), bounded,
		zero_retention("not stated"),
		human_review("not stated"),
	]))}
}

test_ai_002_each_failing_value_is_its_own_result if {
	d := testing.attestation_with([
		testing.replace_at("/ai/retention/prompts_days", 60),
		testing.replace_at("/ai/retention/outputs_days", null),
		testing.replace_at("/ai/retention/zero_retention_available", false),
		testing.replace_at("/ai/retention/human_review", "undisclosed"),
	])
	results(d) == {
		ai_002("warning", "/ai/retention/prompts_days", concat("; ", [prompts("60 days"), recommended])),
		ai_002("error", "/ai/retention/outputs_days", concat("; ", [outputs("unbounded"), bounded])),
		ai_002("warning", "/ai/retention/zero_retention_available", zero_retention("false")),
		ai_002("warning", "/ai/retention/human_review", human_review("undisclosed")),
	}
}

test_ai_002_silent_when_ai_out_of_scope if {
	d := testing.attestation_with([testing.replace_at("/ai/in_scope", false), testing.replace_at("/ai/retention/prompts_days", null)])
	count(results(d)) == 0
}

test_ai_002_silent_without_engagement if {
	d := json.patch(
		testing.attestation_with([testing.replace_at("/ai/retention/prompts_days", null)]),
		[testing.remove_at("/engagement")],
	)
	count(results(d)) == 0
}

test_ai_002_silent_with_invalid_engagement if {
	d := json.patch(
		testing.attestation_with([testing.replace_at("/ai/retention/prompts_days", null)]),
		[testing.replace_at("/engagement/valid", false)],
	)
	count(results(d)) == 0
}

test_ai_002_silent_with_invalid_attestation if {
	d := json.patch(
		testing.attestation_with([testing.replace_at("/ai/retention/prompts_days", null)]),
		[testing.replace_at("/attestation/valid", false)],
	)
	count(results(d)) == 0
}

# AI-003

gpai_base := {
	"role": "gpai-provider",
	"placed_on_market_on": "2025-09-01",
	"annex_xii_docs": true,
	"copyright_policy": true,
	"training_summary_published": true,
}

gpai(eu_ai_act) := testing.attestation_with([testing.replace_at("/eu_ai_act", eu_ai_act)])

art_53(label, key, found) := sprintf("%s (eu_ai_act.%s) is %s; must be true (EU AI Act Art. 53(1))", [label, key, found])

art_55(label, key, found) := sprintf(
	"%s (eu_ai_act.%s) is %s; must be true when the model has systemic risk (EU AI Act Art. 55(1))",
	[label, key, found],
)

annex_xii(found) := art_53("Annex XII documentation for downstream providers", "annex_xii_docs", found)

copyright(found) := art_53("copyright policy", "copyright_policy", found)

summary(found) := art_53("published training-content summary", "training_summary_published", found)

evaluations(found) := art_55("model evaluation for systemic risk", "evaluations", found)

incident_reporting(found) := art_55("serious-incident reporting for systemic risk", "incident_reporting", found)

test_ai_003_compliant_gpai_provider_passes if {
	count(results(gpai(gpai_base))) == 0
}

test_ai_003_missing_annex_xii_docs_is_an_error if {
	d := gpai(object.union(gpai_base, {"annex_xii_docs": false}))
	results(d) == {ai_003("/eu_ai_act/annex_xii_docs", annex_xii("false"))}
}

test_ai_003_copyright_policy_false_is_an_error if {
	d := gpai(object.union(gpai_base, {"copyright_policy": false}))
	results(d) == {ai_003("/eu_ai_act/copyright_policy", copyright("false"))}
}

test_ai_003_each_false_duty_is_its_own_result if {
	d := gpai(object.union(gpai_base, {"annex_xii_docs": false, "training_summary_published": null}))
	results(d) == {
		ai_003("/eu_ai_act/annex_xii_docs", annex_xii("false")),
		ai_003("/eu_ai_act/training_summary_published", summary("not stated")),
	}
}

test_ai_003_duties_not_stated_merge_at_eu_ai_act if {
	d := gpai(object.remove(gpai_base, ["annex_xii_docs", "copyright_policy", "training_summary_published"]))
	results(d) == {ai_003("/eu_ai_act", concat("; ", [annex_xii("not stated"), copyright("not stated"), summary("not stated")]))}
}

test_ai_003_systemic_risk_duties_absent_and_false_are_separate if {
	d := gpai(object.union(gpai_base, {"systemic_risk": true, "incident_reporting": false}))
	results(d) == {
		ai_003("/eu_ai_act", evaluations("not stated")),
		ai_003("/eu_ai_act/incident_reporting", incident_reporting("false")),
	}
}

test_ai_003_systemic_risk_with_duties_passes if {
	d := gpai(object.union(gpai_base, {"systemic_risk": true, "evaluations": true, "incident_reporting": true}))
	count(results(d)) == 0
}

test_ai_003_systemic_duties_only_when_stated_true if {
	d := gpai(object.union(gpai_base, {"systemic_risk": false, "evaluations": false}))
	count(results(d)) == 0
}

test_ai_003_absent_duties_of_both_articles_merge_at_eu_ai_act if {
	d := gpai(object.remove(object.union(gpai_base, {"systemic_risk": true, "evaluations": true}), ["annex_xii_docs"]))
	results(d) == {ai_003("/eu_ai_act", concat("; ", [annex_xii("not stated"), incident_reporting("not stated")]))}
}

test_ai_003_placed_on_market_on_cutoff_applies if {
	d := gpai(object.union(gpai_base, {"placed_on_market_on": "2025-08-02", "annex_xii_docs": false}))
	results(d) == {ai_003("/eu_ai_act/annex_xii_docs", annex_xii("false"))}
}

test_ai_003_placed_on_market_before_cutoff_is_silent_until_2027 if {
	d := gpai(object.union(gpai_base, {"placed_on_market_on": "2025-08-01", "annex_xii_docs": false}))
	count(results(d)) == 0
}

test_ai_003_placed_on_market_not_stated_applies if {
	d := gpai(object.remove(object.union(gpai_base, {"annex_xii_docs": false}), ["placed_on_market_on"]))
	results(d) == {ai_003("/eu_ai_act/annex_xii_docs", annex_xii("false"))}
}

legacy_gpai := testing.attestation_with([
	testing.replace_at("/eu_ai_act", object.union(gpai_base, {"placed_on_market_on": "2025-01-01", "annex_xii_docs": false})),
	testing.replace_at("/ai/red_team_last_on", "2027-07-01"),
])

test_ai_003_legacy_model_applies_from_2027_08_02 if {
	results_on(legacy_gpai, "2027-08-02") == {ai_003("/eu_ai_act/annex_xii_docs", annex_xii("false"))}
}

test_ai_003_legacy_model_silent_on_2027_08_01 if {
	count(results_on(legacy_gpai, "2027-08-01")) == 0
}

test_ai_003_silent_without_euaia if {
	d := testing.patched(
		[testing.replace_at("/regimes", ["gdpr", "hipaa"])],
		[testing.replace_at("/eu_ai_act", object.union(gpai_base, {"annex_xii_docs": false}))],
		[],
	)
	count(results(d)) == 0
}

test_ai_003_silent_for_other_roles if {
	d := gpai(object.union(gpai_base, {"role": "deployer", "annex_xii_docs": false}))
	count(results(d)) == 0
}

test_ai_003_silent_without_engagement if {
	d := json.patch(gpai(object.union(gpai_base, {"annex_xii_docs": false})), [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

test_ai_003_silent_with_invalid_attestation if {
	d := json.patch(gpai(object.union(gpai_base, {"annex_xii_docs": false})), [testing.replace_at("/attestation/valid", false)])
	count(results(d)) == 0
}

# AI-004

high_risk(ap) := testing.patched([testing.replace_at("/ai_use/annex_iii_high_risk", true)], ap, [])

duty(label, key, found, art) := sprintf("%s (eu_ai_act.%s) is %s; must be true (EU AI Act %s)", [label, key, found, art])

conformity(found) := duty("EU declaration of conformity", "conformity_declaration", found, "Art. 47")

log_retention(found) := sprintf(
	"high-risk system log retention (eu_ai_act.log_retention_days) is %s; at least 184 days required (EU AI Act Art. 19)",
	[found],
)

incident_report(found) := sprintf(
	"serious-incident reporting deadline (eu_ai_act.serious_incident_report_days) is %s; at most 15 days allowed (EU AI Act Art. 73)",
	[found],
)

test_ai_004_compliant_high_risk_provider_passes if {
	count(results(high_risk([]))) == 0
}

test_ai_004_no_conformity_declaration_is_an_error if {
	d := high_risk([testing.replace_at("/eu_ai_act/conformity_declaration", false)])
	results(d) == {ai_004("/eu_ai_act/conformity_declaration", conformity("false"))}
}

test_ai_004_duties_not_stated_merge_at_eu_ai_act if {
	d := high_risk([
		testing.remove_at("/eu_ai_act/conformity_declaration"),
		testing.remove_at("/eu_ai_act/eu_database_registration"),
		testing.remove_at("/eu_ai_act/instructions_for_use"),
		testing.remove_at("/eu_ai_act/automatic_logging"),
		testing.remove_at("/eu_ai_act/log_retention_days"),
		testing.remove_at("/eu_ai_act/serious_incident_report_days"),
	])
	results(d) == {ai_004("/eu_ai_act", concat("; ", [
		conformity("not stated"),
		duty("EU database registration", "eu_database_registration", "not stated", "Art. 49"),
		duty("instructions for use", "instructions_for_use", "not stated", "Art. 13"),
		duty("automatic logging", "automatic_logging", "not stated", "Art. 12"),
		log_retention("not stated"),
		incident_report("not stated"),
	]))}
}

test_ai_004_each_failing_value_is_its_own_result if {
	d := high_risk([
		testing.replace_at("/eu_ai_act/automatic_logging", false),
		testing.replace_at("/eu_ai_act/log_retention_days", 90),
		testing.replace_at("/eu_ai_act/serious_incident_report_days", 30),
	])
	results(d) == {
		ai_004("/eu_ai_act/automatic_logging", duty("automatic logging", "automatic_logging", "false", "Art. 12")),
		ai_004("/eu_ai_act/log_retention_days", log_retention("90 days")),
		ai_004("/eu_ai_act/serious_incident_report_days", incident_report("30 days")),
	}
}

test_ai_004_log_retention_184_days_passes if {
	count(results(high_risk([testing.replace_at("/eu_ai_act/log_retention_days", 184)]))) == 0
}

test_ai_004_log_retention_183_days_is_an_error if {
	d := high_risk([testing.replace_at("/eu_ai_act/log_retention_days", 183)])
	results(d) == {ai_004("/eu_ai_act/log_retention_days", log_retention("183 days"))}
}

test_ai_004_log_retention_1_day_is_singular if {
	d := high_risk([testing.replace_at("/eu_ai_act/log_retention_days", 1)])
	results(d) == {ai_004("/eu_ai_act/log_retention_days", log_retention("1 day"))}
}

test_ai_004_incident_report_15_days_passes if {
	count(results(high_risk([testing.replace_at("/eu_ai_act/serious_incident_report_days", 15)]))) == 0
}

test_ai_004_incident_report_16_days_is_an_error if {
	d := high_risk([testing.replace_at("/eu_ai_act/serious_incident_report_days", 16)])
	results(d) == {ai_004("/eu_ai_act/serious_incident_report_days", incident_report("16 days"))}
}

test_ai_004_eu_ai_act_not_stated_is_silent if {
	d := high_risk([testing.remove_at("/eu_ai_act")])
	count(results(d)) == 0
}

test_ai_004_applies_on_2026_08_02 if {
	d := high_risk([testing.replace_at("/eu_ai_act/conformity_declaration", false)])
	results_on(d, "2026-08-02") == {ai_004("/eu_ai_act/conformity_declaration", conformity("false"))}
}

test_ai_004_silent_on_2026_08_01 if {
	d := high_risk([testing.replace_at("/eu_ai_act/conformity_declaration", false)])
	count(results_on(d, "2026-08-01")) == 0
}

test_ai_004_threshold_override_on_the_day_applies if {
	d := high_risk([testing.replace_at("/eu_ai_act/conformity_declaration", false)])
	r := results(d) with data.vendorgate_profile.thresholds as {"eu_ai_act_high_risk_from": "2026-12-01"}
	r == {ai_004("/eu_ai_act/conformity_declaration", conformity("false"))}
}

test_ai_004_threshold_override_later_is_silent if {
	d := high_risk([testing.replace_at("/eu_ai_act/conformity_declaration", false)])
	r := results(d) with data.vendorgate_profile.thresholds as {"eu_ai_act_high_risk_from": "2026-12-02"}
	count(r) == 0
}

test_ai_004_silent_when_not_annex_iii if {
	d := testing.attestation_with([testing.replace_at("/eu_ai_act/conformity_declaration", false)])
	count(results(d)) == 0
}

test_ai_004_silent_when_annex_iii_not_stated if {
	d := testing.patched([testing.remove_at("/ai_use")], [testing.replace_at("/eu_ai_act/conformity_declaration", false)], [])
	count(results(d)) == 0
}

test_ai_004_silent_without_euaia if {
	d := testing.patched(
		[testing.replace_at("/ai_use/annex_iii_high_risk", true), testing.replace_at("/regimes", ["gdpr", "hipaa"])],
		[testing.replace_at("/eu_ai_act/conformity_declaration", false)],
		[],
	)
	count(results(d)) == 0
}

test_ai_004_silent_for_deployers if {
	d := high_risk([testing.replace_at("/eu_ai_act/role", "deployer"), testing.replace_at("/eu_ai_act/conformity_declaration", false)])
	count(results(d)) == 0
}

test_ai_004_silent_with_invalid_engagement if {
	d := json.patch(high_risk([testing.replace_at("/eu_ai_act/conformity_declaration", false)]), [testing.replace_at("/engagement/valid", false)])
	count(results(d)) == 0
}

test_ai_004_silent_without_attestation if {
	d := json.patch(high_risk([testing.replace_at("/eu_ai_act/conformity_declaration", false)]), [testing.remove_at("/attestation")])
	count(results(d)) == 0
}

# AI-005

red_team(found) := sprintf(
	"latest AI red-team exercise (ai.red_team_last_on) is %s; one within the last 12 months recommended (NIST AI RMF MEASURE 2)",
	[found],
)

notice_not_stated := "model change notice period (ai.model_change_notice_days) is not stated; a notice period in days recommended (NIST AI 600-1)"

test_ai_005_red_team_at_12_months_passes if {
	count(results(testing.attestation_with([testing.replace_at("/ai/red_team_last_on", "2025-12-01")]))) == 0
}

test_ai_005_red_team_one_day_older_is_a_note if {
	d := testing.attestation_with([testing.replace_at("/ai/red_team_last_on", "2025-11-30")])
	results(d) == {ai_005("/ai/red_team_last_on", red_team("2025-11-30 (366 days old)"))}
}

test_ai_005_red_team_after_evaluation_date_is_not_stated_at_its_key if {
	d := testing.attestation_with([testing.replace_at("/ai/red_team_last_on", "2027-01-15")])
	results(d) == {ai_005("/ai/red_team_last_on", red_team("not stated"))}
}

test_ai_005_red_team_not_stated_is_a_note_at_ai if {
	d := testing.attestation_with([testing.remove_at("/ai/red_team_last_on")])
	results(d) == {ai_005("/ai", red_team("not stated"))}
}

test_ai_005_change_notice_not_stated_is_a_note_at_ai if {
	d := testing.attestation_with([testing.remove_at("/ai/model_change_notice_days")])
	results(d) == {ai_005("/ai", notice_not_stated)}
}

test_ai_005_change_notice_null_is_a_note_at_its_key if {
	d := testing.attestation_with([testing.replace_at("/ai/model_change_notice_days", null)])
	results(d) == {ai_005("/ai/model_change_notice_days", notice_not_stated)}
}

test_ai_005_stale_red_team_and_no_notice_are_two_results if {
	d := testing.attestation_with([testing.replace_at("/ai/red_team_last_on", "2024-06-01"), testing.remove_at("/ai/model_change_notice_days")])
	results(d) == {
		ai_005("/ai/red_team_last_on", red_team("2024-06-01 (913 days old)")),
		ai_005("/ai", notice_not_stated),
	}
}

test_ai_005_both_not_stated_merge_at_ai if {
	d := testing.attestation_with([testing.remove_at("/ai/red_team_last_on"), testing.remove_at("/ai/model_change_notice_days")])
	results(d) == {ai_005("/ai", concat("; ", [red_team("not stated"), notice_not_stated]))}
}

test_ai_005_silent_when_ai_out_of_scope if {
	d := testing.attestation_with([testing.replace_at("/ai/in_scope", false), testing.remove_at("/ai/red_team_last_on")])
	count(results(d)) == 0
}

test_ai_005_silent_with_invalid_attestation if {
	d := json.patch(testing.attestation_with([testing.remove_at("/ai/red_team_last_on")]), [testing.replace_at("/attestation/valid", false)])
	count(results(d)) == 0
}

test_ai_005_silent_without_attestation if {
	d := json.patch(testing.attestation_with([testing.remove_at("/ai/red_team_last_on")]), [testing.remove_at("/attestation")])
	count(results(d)) == 0
}
