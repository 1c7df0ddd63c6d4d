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

test_log_001_customer_data_access_not_logged_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/logging/customer_data_access", false)])
	results(d) == {log_001(
		"error",
		"/logging/customer_data_access",
		"logging of customer-data access (logging.customer_data_access) is false; it must be true (PCI DSS 10.2.1.1)",
	)}
}

test_log_001_admin_actions_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/logging/admin_actions")])
	results(d) == {log_001(
		"error",
		"/logging/admin_actions",
		"logging of administrative actions (logging.admin_actions) is not stated; it must be true (PCI DSS 10.2.1.2)",
	)}
}

test_log_001_missing_fields_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/logging/fields", ["user", "event", "timestamp", "outcome"])])
	results(d) == {log_001(
		"warning",
		"/logging/fields",
		"log record fields lack origin, object; user, event, timestamp, outcome, origin and object required (PCI DSS 10.2.2)",
	)}
}

test_log_001_fields_not_stated_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/logging/fields", [])])
	results(d) == {log_001(
		"warning",
		"/logging/fields",
		"log record fields are not stated; user, event, timestamp, outcome, origin and object required (PCI DSS 10.2.2)",
	)}
}

test_log_001_combined_branches_give_one_error_at_the_first if {
	d := testing.attestation_with([
		testing.replace_at("/logging/admin_actions", false),
		testing.replace_at("/logging/fields", ["user", "event", "timestamp", "outcome", "origin"]),
		testing.replace_at("/logging/customer_data_access", false),
	])
	results(d) == {log_001(
		"error",
		"/logging/customer_data_access",
		concat("; ", [
			"logging of customer-data access (logging.customer_data_access) is false; it must be true (PCI DSS 10.2.1.1)",
			"logging of administrative actions (logging.admin_actions) is false; it must be true (PCI DSS 10.2.1.2)",
			"log record fields lack object; user, event, timestamp, outcome, origin and object required (PCI DSS 10.2.2)",
		]),
	)}
}

# LOG-002

test_log_002_retention_below_minimum_is_an_error if {
	d := testing.attestation_with([testing.replace_at(retention, 89)])
	results(d) == {log_002(
		"error",
		retention,
		concat("; ", [
			"log retention is 89 days; at least 90 days required (PCI DSS 10.5.1)",
			"log retention is 89 days; 365 days or more recommended (PCI DSS 10.5.1)",
		]),
	)}
}

test_log_002_retention_at_minimum_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(retention, 90)])
	results(d) == {log_002(
		"warning",
		retention,
		"log retention is 90 days; 365 days or more recommended (PCI DSS 10.5.1)",
	)}
}

test_log_002_retention_below_a_year_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(retention, 364)])
	results(d) == {log_002(
		"warning",
		retention,
		"log retention is 364 days; 365 days or more recommended (PCI DSS 10.5.1)",
	)}
}

test_log_002_retention_of_a_year_passes if {
	d := testing.attestation_with([testing.replace_at(retention, 365)])
	count(results(d)) == 0
}

test_log_002_retention_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at(retention)])
	results(d) == {log_002(
		"error",
		retention,
		"log retention is not stated; at least 90 days required (PCI DSS 10.5.1)",
	)}
}

test_log_002_annex_iii_below_six_months_is_an_error if {
	d := testing.patched([annex_iii], [testing.replace_at(retention, 183)], [])
	results(d) == {log_002(
		"error",
		retention,
		concat("; ", [
			"log retention is 183 days; at least 184 days (six months) required for an Annex III high-risk AI system (EU AI Act Art. 19(1), 26(6))",
			"log retention is 183 days; 365 days or more recommended (PCI DSS 10.5.1)",
		]),
	)}
}

test_log_002_annex_iii_at_six_months_is_a_warning if {
	d := testing.patched([annex_iii], [testing.replace_at(retention, 184)], [])
	results(d) == {log_002(
		"warning",
		retention,
		"log retention is 184 days; 365 days or more recommended (PCI DSS 10.5.1)",
	)}
}

test_log_002_annex_iii_not_stated_is_no_trigger if {
	d := testing.patched([testing.remove_at("/ai_use")], [testing.replace_at(retention, 183)], [])
	results(d) == {log_002(
		"warning",
		retention,
		"log retention is 183 days; 365 days or more recommended (PCI DSS 10.5.1)",
	)}
}

test_log_002_annex_iii_retention_not_stated_is_one_error if {
	d := testing.patched([annex_iii], [testing.remove_at(retention)], [])
	results(d) == {log_002(
		"error",
		retention,
		"log retention is not stated; at least 90 days required (PCI DSS 10.5.1)",
	)}
}

test_log_002_annex_iii_below_minimum_lists_every_branch if {
	d := testing.patched([annex_iii], [testing.replace_at(retention, 30), testing.replace_at(searchable, 30)], [])
	results(d) == {log_002(
		"error",
		retention,
		concat("; ", [
			"log retention is 30 days; at least 90 days required (PCI DSS 10.5.1)",
			"log retention is 30 days; at least 184 days (six months) required for an Annex III high-risk AI system (EU AI Act Art. 19(1), 26(6))",
			"log retention is 30 days; 365 days or more recommended (PCI DSS 10.5.1)",
			"immediately searchable log period is 30 days; at least 90 days expected (PCI DSS 10.5.1)",
		]),
	)}
}

test_log_002_searchable_below_minimum_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(searchable, 89)])
	results(d) == {log_002(
		"warning",
		searchable,
		"immediately searchable log period is 89 days; at least 90 days expected (PCI DSS 10.5.1)",
	)}
}

test_log_002_searchable_not_stated_is_a_warning if {
	d := testing.attestation_with([testing.remove_at(searchable)])
	results(d) == {log_002(
		"warning",
		searchable,
		"immediately searchable log period is not stated; at least 90 days expected (PCI DSS 10.5.1)",
	)}
}

test_log_002_two_warnings_give_one_result_at_the_first if {
	d := testing.attestation_with([testing.replace_at(retention, 200), testing.replace_at(searchable, 60)])
	results(d) == {log_002(
		"warning",
		retention,
		concat("; ", [
			"log retention is 200 days; 365 days or more recommended (PCI DSS 10.5.1)",
			"immediately searchable log period is 60 days; at least 90 days expected (PCI DSS 10.5.1)",
		]),
	)}
}

test_log_002_threshold_overrides_apply if {
	d := testing.attestation_with([testing.replace_at(retention, 400), testing.replace_at(searchable, 100)])
	r := results(d) with data.vendorgate_profile.thresholds as {
		"log_retention_min_days": 450,
		"log_retention_warn_days": 500,
		"log_searchable_min_days": 120,
	}
	r == {log_002(
		"error",
		retention,
		concat("; ", [
			"log retention is 400 days; at least 450 days required (PCI DSS 10.5.1)",
			"log retention is 400 days; 500 days or more recommended (PCI DSS 10.5.1)",
			"immediately searchable log period is 100 days; at least 120 days expected (PCI DSS 10.5.1)",
		]),
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

test_log_003_mutable_logs_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/logging/immutable", false)])
	results(d) == {log_003(
		"warning",
		"/logging/immutable",
		"log immutability (logging.immutable) is false; logs must be protected from modification (PCI DSS 10.3.2)",
	)}
}

test_log_003_no_customer_export_is_a_note if {
	d := testing.attestation_with([testing.replace_at("/logging/customer_export", false)])
	results(d) == {log_003(
		"note",
		"/logging/customer_export",
		"customer log export (logging.customer_export) is false; the customer should be able to export its logs (GDPR Art. 28(3)(h))",
	)}
}

test_log_003_not_stated_gives_one_warning if {
	d := testing.attestation_with([testing.remove_at("/logging/customer_export"), testing.remove_at("/logging/immutable")])
	results(d) == {log_003(
		"warning",
		"/logging/immutable",
		concat("; ", [
			"log immutability (logging.immutable) is not stated; logs must be protected from modification (PCI DSS 10.3.2)",
			"customer log export (logging.customer_export) is not stated; the customer should be able to export its logs (GDPR Art. 28(3)(h))",
		]),
	)}
}
