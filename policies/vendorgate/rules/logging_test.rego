package vendorgate.rules.logging_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.logging

results(d) := r if {
	r := logging.deny with input as testing.input_of(d)
}

finding(rule, level, pointer, message) := testing.result(rule, level, "a", pointer, message)

log_001(level, pointer, message) := finding("LOG-001", level, pointer, message)

log_002(level, pointer, message) := finding("LOG-002", level, pointer, message)

log_003(level, pointer, message) := finding("LOG-003", level, pointer, message)

annex_iii := testing.replace_at("/ai_use/annex_iii_high_risk", true)

retention := "/logging/retention_days"

searchable := "/logging/searchable_days"

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

test_silent_without_attestation if {
	d := json.patch(testing.clean, [testing.remove_at("/attestation")])
	count(results(d)) == 0
}

test_silent_with_invalid_attestation if {
	bad := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.remove_at("/attestation/body/logging"),
	])
	count(results(bad)) == 0
}

# LOG-001

cda_text := "must be true (PCI DSS 4.0.1 10.2.1, NIST SP 800-53r5 AU-2)"

admin_text := "must be true (PCI DSS 4.0.1 10.2.1.2)"

fields_text := "user, event, timestamp, outcome, origin and object required (NIST SP 800-53r5 AU-3)"

test_log_001_customer_data_access_not_logged_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/logging/customer_data_access", false)])
	results(d) == {log_001(
		"error",
		"/logging/customer_data_access",
		sprintf("logging of customer-data access (logging.customer_data_access) is false; %s", [cda_text]),
	)}
}

test_log_001_admin_actions_not_stated_is_an_error_at_logging if {
	d := testing.attestation_with([testing.remove_at("/logging/admin_actions")])
	results(d) == {log_001(
		"error",
		"/logging",
		sprintf("logging of administrative actions (logging.admin_actions) is not stated; %s", [admin_text]),
	)}
}

test_log_001_missing_fields_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/logging/fields", ["user", "event", "timestamp", "outcome"])])
	results(d) == {log_001(
		"warning",
		"/logging/fields",
		sprintf("list of log record fields (logging.fields) lacks origin, object; %s", [fields_text]),
	)}
}

test_log_001_empty_fields_is_not_stated_at_its_key if {
	d := testing.attestation_with([testing.replace_at("/logging/fields", [])])
	results(d) == {log_001(
		"warning",
		"/logging/fields",
		sprintf("list of log record fields (logging.fields) is not stated; %s", [fields_text]),
	)}
}

test_log_001_each_value_is_its_own_result if {
	d := testing.attestation_with([
		testing.replace_at("/logging/admin_actions", false),
		testing.replace_at("/logging/fields", ["user", "event", "timestamp", "outcome", "origin"]),
		testing.replace_at("/logging/customer_data_access", false),
	])
	results(d) == {
		log_001(
			"error",
			"/logging/customer_data_access",
			sprintf("logging of customer-data access (logging.customer_data_access) is false; %s", [cda_text]),
		),
		log_001(
			"error",
			"/logging/admin_actions",
			sprintf("logging of administrative actions (logging.admin_actions) is false; %s", [admin_text]),
		),
		log_001(
			"warning",
			"/logging/fields",
			sprintf("list of log record fields (logging.fields) lacks object; %s", [fields_text]),
		),
	}
}

test_log_001_absent_values_merge_at_logging_error_first if {
	d := testing.attestation_with([
		testing.remove_at("/logging/fields"),
		testing.remove_at("/logging/customer_data_access"),
	])
	results(d) == {log_001(
		"error",
		"/logging",
		concat("; ", [
			sprintf("logging of customer-data access (logging.customer_data_access) is not stated; %s", [cda_text]),
			sprintf("list of log record fields (logging.fields) is not stated; %s", [fields_text]),
		]),
	)}
}

# LOG-002

min_text := "at least 90 days required (PCI DSS 4.0.1 10.5.1)"

annex_text := "at least 184 days required for an Annex III high-risk AI system (EU AI Act Art. 19(1), EU AI Act Art. 26(6))"

warn_text := "365 days or more recommended (PCI DSS 4.0.1 10.5.1)"

searchable_text := "at least 90 days required (PCI DSS 4.0.1 10.5.1)"

test_log_002_retention_below_minimum_is_an_error_without_the_implied_warning if {
	d := testing.attestation_with([testing.replace_at(retention, 89)])
	results(d) == {log_002(
		"error",
		retention,
		sprintf("log retention (logging.retention_days) is 89 days; %s", [min_text]),
	)}
}

test_log_002_retention_at_minimum_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(retention, 90)])
	results(d) == {log_002(
		"warning",
		retention,
		sprintf("log retention (logging.retention_days) is 90 days; %s", [warn_text]),
	)}
}

test_log_002_retention_of_1_day_is_singular if {
	d := testing.attestation_with([testing.replace_at(retention, 1)])
	results(d) == {log_002(
		"error",
		retention,
		sprintf("log retention (logging.retention_days) is 1 day; %s", [min_text]),
	)}
}

test_log_002_retention_below_a_year_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(retention, 364)])
	results(d) == {log_002(
		"warning",
		retention,
		sprintf("log retention (logging.retention_days) is 364 days; %s", [warn_text]),
	)}
}

test_log_002_retention_of_a_year_passes if {
	d := testing.attestation_with([testing.replace_at(retention, 365)])
	count(results(d)) == 0
}

test_log_002_retention_not_stated_is_an_error_at_logging if {
	d := testing.attestation_with([testing.remove_at(retention)])
	results(d) == {log_002(
		"error",
		"/logging",
		sprintf("log retention (logging.retention_days) is not stated; %s", [min_text]),
	)}
}

test_log_002_annex_iii_below_six_months_is_an_error if {
	d := testing.patched([annex_iii], [testing.replace_at(retention, 183)], [])
	results(d) == {log_002(
		"error",
		retention,
		sprintf("log retention (logging.retention_days) is 183 days; %s", [annex_text]),
	)}
}

test_log_002_annex_iii_at_six_months_is_a_warning if {
	d := testing.patched([annex_iii], [testing.replace_at(retention, 184)], [])
	results(d) == {log_002(
		"warning",
		retention,
		sprintf("log retention (logging.retention_days) is 184 days; %s", [warn_text]),
	)}
}

test_log_002_annex_iii_not_stated_is_no_trigger if {
	d := testing.patched([testing.remove_at("/ai_use")], [testing.replace_at(retention, 183)], [])
	results(d) == {log_002(
		"warning",
		retention,
		sprintf("log retention (logging.retention_days) is 183 days; %s", [warn_text]),
	)}
}

test_log_002_annex_iii_retention_not_stated_is_one_error if {
	d := testing.patched([annex_iii], [testing.remove_at(retention)], [])
	results(d) == {log_002(
		"error",
		"/logging",
		sprintf("log retention (logging.retention_days) is not stated; %s", [min_text]),
	)}
}

test_log_002_annex_iii_below_minimum_binding_limit_first_and_searchable_apart if {
	d := testing.patched([annex_iii], [testing.replace_at(retention, 30), testing.replace_at(searchable, 30)], [])
	results(d) == {
		log_002(
			"error",
			retention,
			sprintf("log retention (logging.retention_days) is 30 days; %s; %s", [annex_text, min_text]),
		),
		log_002(
			"warning",
			searchable,
			sprintf("immediately searchable log period (logging.searchable_days) is 30 days; %s", [searchable_text]),
		),
	}
}

test_log_002_searchable_below_minimum_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(searchable, 89)])
	results(d) == {log_002(
		"warning",
		searchable,
		sprintf("immediately searchable log period (logging.searchable_days) is 89 days; %s", [searchable_text]),
	)}
}

test_log_002_searchable_not_stated_is_a_warning_at_logging if {
	d := testing.attestation_with([testing.remove_at(searchable)])
	results(d) == {log_002(
		"warning",
		"/logging",
		sprintf("immediately searchable log period (logging.searchable_days) is not stated; %s", [searchable_text]),
	)}
}

test_log_002_both_values_not_stated_merge_at_logging if {
	d := testing.attestation_with([testing.remove_at(searchable), testing.remove_at(retention)])
	results(d) == {log_002(
		"error",
		"/logging",
		concat("; ", [
			sprintf("log retention (logging.retention_days) is not stated; %s", [min_text]),
			sprintf("immediately searchable log period (logging.searchable_days) is not stated; %s", [searchable_text]),
		]),
	)}
}

test_log_002_logging_not_stated_is_located_at_the_document if {
	d := testing.attestation_with([testing.remove_at("/logging")])
	testing.only(results(d), "LOG-002") == {log_002(
		"error",
		"",
		concat("; ", [
			sprintf("log retention (logging.retention_days) is not stated; %s", [min_text]),
			sprintf("immediately searchable log period (logging.searchable_days) is not stated; %s", [searchable_text]),
		]),
	)}
}

test_log_002_two_warnings_are_two_results if {
	d := testing.attestation_with([testing.replace_at(retention, 200), testing.replace_at(searchable, 60)])
	results(d) == {
		log_002(
			"warning",
			retention,
			sprintf("log retention (logging.retention_days) is 200 days; %s", [warn_text]),
		),
		log_002(
			"warning",
			searchable,
			sprintf("immediately searchable log period (logging.searchable_days) is 60 days; %s", [searchable_text]),
		),
	}
}

test_log_002_threshold_overrides_say_so_and_keep_the_defaults if {
	d := testing.attestation_with([testing.replace_at(retention, 400), testing.replace_at(searchable, 100)])
	r := results(d) with data.vendorgate_profile.thresholds as {
		"log_retention_min_days": 420,
		"log_retention_warn_days": 500,
		"log_searchable_min_days": 120,
	}
	r == {
		log_002(
			"error",
			retention,
			"log retention (logging.retention_days) is 400 days; at least 420 days required by the organisation profile (PCI DSS 4.0.1 10.5.1; catalog default 90 days)",
		),
		log_002(
			"warning",
			searchable,
			"immediately searchable log period (logging.searchable_days) is 100 days; at least 120 days required by the organisation profile (PCI DSS 4.0.1 10.5.1; catalog default 90 days)",
		),
	}
}

test_log_002_profile_warning_above_the_error_is_implied if {
	d := testing.attestation_with([testing.replace_at(retention, 300)])
	r := results(d) with data.vendorgate_profile.thresholds as {"log_retention_min_days": 320}
	r == {log_002(
		"error",
		retention,
		"log retention (logging.retention_days) is 300 days; at least 320 days required by the organisation profile (PCI DSS 4.0.1 10.5.1; catalog default 90 days)",
	)}
}

test_log_002_silent_without_engagement if {
	d := json.patch(testing.attestation_with([testing.replace_at(retention, 30)]), [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

test_log_002_silent_with_invalid_engagement if {
	d := json.patch(testing.attestation_with([testing.replace_at(retention, 30)]), [testing.replace_at("/engagement/valid", false)])
	count(results(d)) == 0
}

# LOG-003

immutable_text := "must be true (PCI DSS 4.0.1 10.3.2)"

export_text := "must be true (GDPR Art. 28(3)(h))"

test_log_003_mutable_logs_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/logging/immutable", false)])
	results(d) == {log_003(
		"warning",
		"/logging/immutable",
		sprintf("log immutability (logging.immutable) is false; %s", [immutable_text]),
	)}
}

test_log_003_no_customer_export_is_a_note if {
	d := testing.attestation_with([testing.replace_at("/logging/customer_export", false)])
	results(d) == {log_003(
		"note",
		"/logging/customer_export",
		sprintf("customer log export (logging.customer_export) is false; %s", [export_text]),
	)}
}

test_log_003_both_false_are_two_results if {
	d := testing.attestation_with([
		testing.replace_at("/logging/customer_export", false),
		testing.replace_at("/logging/immutable", false),
	])
	results(d) == {
		log_003(
			"warning",
			"/logging/immutable",
			sprintf("log immutability (logging.immutable) is false; %s", [immutable_text]),
		),
		log_003(
			"note",
			"/logging/customer_export",
			sprintf("customer log export (logging.customer_export) is false; %s", [export_text]),
		),
	}
}

test_log_003_not_stated_merge_at_logging_as_one_warning if {
	d := testing.attestation_with([testing.remove_at("/logging/customer_export"), testing.remove_at("/logging/immutable")])
	results(d) == {log_003(
		"warning",
		"/logging",
		concat("; ", [
			sprintf("log immutability (logging.immutable) is not stated; %s", [immutable_text]),
			sprintf("customer log export (logging.customer_export) is not stated; %s", [export_text]),
		]),
	)}
}
