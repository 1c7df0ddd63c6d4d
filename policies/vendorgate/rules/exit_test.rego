package vendorgate.rules.exit_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.exit

results(d) := r if {
	r := exit.deny with input as testing.input_of(d)
}

finding(id, level, pointer, message) := testing.result(id, level, "c", pointer, message)

exit_001(level, pointer, message) := finding("EXIT-001", level, pointer, message)

exit_002(level, pointer, message) := finding("EXIT-002", level, pointer, message)

exit_003(level, pointer, message) := finding("EXIT-003", level, pointer, message)

exit_004(level, pointer, message) := finding("EXIT-004", level, pointer, message)

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

# EXIT-001

deadline := "/exit/deadline_days"

backups := "/exit/backups_deadline_days"

disposition := "/exit/disposition"

deadline_is(found) := sprintf("exit return or deletion deadline (exit.deadline_days) %s", [found])

deadline_max := "at most 90 days allowed (GDPR Art. 28(3)(g))"

deadline_warn := "30 days or less recommended (GDPR Art. 28(3)(g))"

backups_is(found) := sprintf("backup purge deadline at exit (exit.backups_deadline_days) %s; a bounded number of days expected (SCC 2021/914 Clause 8.5)", [found])

disposition_is(found) := sprintf("exit disposition (exit.disposition) %s; customer-choice expected (GDPR Art. 28(3)(g))", [found])

test_exit_001_deadline_over_max_is_an_error_without_the_implied_warning if {
	d := testing.contract_with([testing.replace_at(deadline, 91)])
	results(d) == {exit_001("error", deadline, concat("; ", [deadline_is("is 91 days"), deadline_max]))}
}

test_exit_001_deadline_at_max_is_a_warning if {
	d := testing.contract_with([testing.replace_at(deadline, 90)])
	results(d) == {exit_001("warning", deadline, concat("; ", [deadline_is("is 90 days"), deadline_warn]))}
}

test_exit_001_deadline_one_over_warn_is_a_warning if {
	d := testing.contract_with([testing.replace_at(deadline, 31)])
	results(d) == {exit_001("warning", deadline, concat("; ", [deadline_is("is 31 days"), deadline_warn]))}
}

test_exit_001_deadline_at_warn_passes if {
	count(results(testing.contract_with([testing.replace_at(deadline, 30)]))) == 0
}

test_exit_001_deadline_not_stated_is_an_error_at_exit if {
	d := testing.contract_with([testing.remove_at(deadline)])
	results(d) == {exit_001("error", "/exit", concat("; ", [deadline_is("is not stated"), deadline_max]))}
}

test_exit_001_deadline_null_is_not_stated_at_the_key if {
	d := testing.contract_with([testing.replace_at(deadline, null)])
	results(d) == {exit_001("error", deadline, concat("; ", [deadline_is("is not stated"), deadline_max]))}
}

test_exit_001_threshold_overrides_say_so_and_keep_the_default if {
	d := testing.contract_with([testing.replace_at(deadline, 50)])
	r := results(d) with data.vendorgate_profile.thresholds as {"exit_deadline_max_days": 45, "exit_deadline_warn_days": 20}
	r == {exit_001("error", deadline, concat("; ", [
		deadline_is("is 50 days"),
		"at most 45 days allowed by the organisation profile (GDPR Art. 28(3)(g); catalog default 90 days)",
	]))}
}

test_exit_001_warning_override_says_so_and_keeps_the_default if {
	d := testing.contract_with([testing.replace_at(deadline, 21)])
	r := results(d) with data.vendorgate_profile.thresholds as {"exit_deadline_warn_days": 20}
	r == {exit_001("warning", deadline, concat("; ", [
		deadline_is("is 21 days"),
		"20 days or less recommended by the organisation profile (GDPR Art. 28(3)(g); catalog default 30 days)",
	]))}
}

test_exit_001_max_below_warn_lists_both_binding_first if {
	d := testing.contract_with([testing.replace_at(deadline, 35)])
	r := results(d) with data.vendorgate_profile.thresholds as {"exit_deadline_max_days": 20}
	r == {exit_001("error", deadline, concat("; ", [
		deadline_is("is 35 days"),
		"at most 20 days allowed by the organisation profile (GDPR Art. 28(3)(g); catalog default 90 days)",
		deadline_warn,
	]))}
}

test_exit_001_one_day_is_singular if {
	d := testing.contract_with([testing.replace_at(deadline, 1)])
	r := results(d) with data.vendorgate_profile.thresholds as {"exit_deadline_max_days": 0, "exit_deadline_warn_days": 0}
	r == {exit_001("error", deadline, concat("; ", [
		deadline_is("is 1 day"),
		"at most 0 days allowed by the organisation profile (GDPR Art. 28(3)(g); catalog default 90 days)",
	]))}
}

test_exit_001_null_backups_deadline_is_unbounded_a_warning if {
	d := testing.contract_with([testing.replace_at(backups, null)])
	results(d) == {exit_001("warning", backups, backups_is("is unbounded"))}
}

test_exit_001_backups_deadline_not_stated_is_a_warning_at_exit if {
	d := testing.contract_with([testing.remove_at(backups)])
	results(d) == {exit_001("warning", "/exit", backups_is("is not stated"))}
}

test_exit_001_disposition_not_customer_choice_is_a_warning if {
	d := testing.contract_with([testing.replace_at(disposition, "delete")])
	results(d) == {exit_001("warning", disposition, disposition_is("is delete"))}
}

test_exit_001_disposition_not_stated_is_a_warning_at_exit if {
	d := testing.contract_with([testing.remove_at(disposition)])
	results(d) == {exit_001("warning", "/exit", disposition_is("is not stated"))}
}

test_exit_001_backups_and_disposition_are_separate_values if {
	d := testing.contract_with([testing.replace_at(backups, null), testing.replace_at(disposition, "delete")])
	results(d) == {
		exit_001("warning", backups, backups_is("is unbounded")),
		exit_001("warning", disposition, disposition_is("is delete")),
	}
}

test_exit_001_every_value_failing_gives_one_result_each if {
	d := testing.contract_with([
		testing.replace_at(deadline, 120),
		testing.replace_at(backups, null),
		testing.replace_at(disposition, "delete"),
	])
	results(d) == {
		exit_001("error", deadline, concat("; ", [deadline_is("is 120 days"), deadline_max])),
		exit_001("warning", backups, backups_is("is unbounded")),
		exit_001("warning", disposition, disposition_is("is delete")),
	}
}

test_exit_001_absent_values_of_exit_merge_at_exit if {
	d := testing.contract_with([testing.remove_at(deadline), testing.remove_at(backups), testing.remove_at(disposition)])
	results(d) == {exit_001("error", "/exit", concat("; ", [
		deadline_is("is not stated"),
		deadline_max,
		backups_is("is not stated"),
		disposition_is("is not stated"),
	]))}
}

test_exit_not_stated_gives_one_result_per_rule_at_the_document if {
	d := testing.contract_with([testing.remove_at("/exit")])
	results(d) == {
		exit_001("error", "", concat("; ", [
			deadline_is("is not stated"),
			deadline_max,
			backups_is("is not stated"),
			disposition_is("is not stated"),
		])),
		exit_002("warning", "", concat("; ", [certificate_is("is not stated"), method_is("is not stated")])),
		exit_004("error", "", concat("; ", [retention_is("is not stated"), log_export_is("is not stated")])),
	}
}

test_exit_001_silent_without_contract if {
	d := json.patch(testing.contract_with([testing.replace_at(deadline, 120)]), [testing.remove_at("/contract")])
	count(results(d)) == 0
}

test_exit_001_silent_with_invalid_contract if {
	d := json.patch(testing.contract_with([testing.replace_at(deadline, 120)]), [testing.replace_at("/contract/valid", false)])
	count(results(d)) == 0
}

# EXIT-002

certificate := "/exit/deletion_certificate"

method := "/exit/method"

certificate_is(found) := sprintf("certificate of deletion at exit (exit.deletion_certificate) %s; must be true (EDPB Guidelines 07/2020 ¶138)", [found])

method_is(found) := sprintf("sanitisation method (exit.method) %s; nist-800-88 or crypto-erase expected (NIST SP 800-88r2)", [found])

test_exit_002_no_certificate_is_a_warning if {
	d := testing.contract_with([testing.replace_at(certificate, false)])
	results(d) == {exit_002("warning", certificate, certificate_is("is false"))}
}

test_exit_002_certificate_not_stated_is_a_warning_at_exit if {
	d := testing.contract_with([testing.remove_at(certificate)])
	results(d) == {exit_002("warning", "/exit", certificate_is("is not stated"))}
}

test_exit_002_other_method_is_a_note if {
	d := testing.contract_with([testing.replace_at(method, "other")])
	results(d) == {exit_002("note", method, method_is("is other"))}
}

test_exit_002_method_not_stated_is_a_note_at_exit if {
	d := testing.contract_with([testing.remove_at(method)])
	results(d) == {exit_002("note", "/exit", method_is("is not stated"))}
}

test_exit_002_method_null_is_not_stated_at_the_key if {
	d := testing.contract_with([testing.replace_at(method, null)])
	results(d) == {exit_002("note", method, method_is("is not stated"))}
}

test_exit_002_crypto_erase_passes if {
	count(results(testing.contract_with([testing.replace_at(method, "crypto-erase")]))) == 0
}

test_exit_002_certificate_and_method_are_separate_values if {
	d := testing.contract_with([testing.replace_at(certificate, false), testing.replace_at(method, "other")])
	results(d) == {
		exit_002("warning", certificate, certificate_is("is false")),
		exit_002("note", method, method_is("is other")),
	}
}

test_exit_002_both_not_stated_merge_at_exit_as_a_warning if {
	d := testing.contract_with([testing.remove_at(certificate), testing.remove_at(method)])
	results(d) == {exit_002("warning", "/exit", concat("; ", [certificate_is("is not stated"), method_is("is not stated")]))}
}

test_exit_002_silent_with_invalid_contract if {
	d := json.patch(testing.contract_with([testing.replace_at(certificate, false)]), [testing.replace_at("/contract/valid", false)])
	count(results(d)) == 0
}

# EXIT-003

revocation := "/termination/access_revocation_hours"

revocation_not_stated := "access revocation time at termination (termination.access_revocation_hours) is not stated; a period in hours required (NIST SP 800-53r5 PS-4)"

test_exit_003_not_stated_is_an_error_at_termination if {
	d := testing.contract_with([testing.remove_at(revocation)])
	results(d) == {exit_003("error", "/termination", revocation_not_stated)}
}

test_exit_003_null_is_not_stated_at_the_key if {
	d := testing.contract_with([testing.replace_at(revocation, null)])
	results(d) == {exit_003("error", revocation, revocation_not_stated)}
}

test_exit_003_absent_termination_is_an_error_at_the_document if {
	d := testing.contract_with([testing.remove_at("/termination")])
	results(d) == {exit_003("error", "", revocation_not_stated)}
}

test_exit_003_at_limit_passes if {
	count(results(testing.contract_with([testing.replace_at(revocation, 24)]))) == 0
}

test_exit_003_over_limit_is_a_warning if {
	d := testing.contract_with([testing.replace_at(revocation, 25)])
	results(d) == {exit_003(
		"warning", revocation,
		"access revocation time at termination (termination.access_revocation_hours) is 25 h; 24 h or less recommended (PCI DSS 4.0.1 8.2.5)",
	)}
}

test_exit_003_threshold_override_says_so_and_keeps_the_default if {
	d := testing.contract_with([testing.replace_at(revocation, 4)])
	r := results(d) with data.vendorgate_profile.thresholds as {"access_revocation_max_hours": 2}
	r == {exit_003(
		"warning", revocation,
		"access revocation time at termination (termination.access_revocation_hours) is 4 h; 2 h or less recommended by the organisation profile (PCI DSS 4.0.1 8.2.5; catalog default 24 h)",
	)}
}

test_exit_003_silent_without_contract if {
	d := json.patch(testing.contract_with([testing.remove_at("/termination")]), [testing.remove_at("/contract")])
	count(results(d)) == 0
}

test_exit_003_silent_with_invalid_contract if {
	d := json.patch(testing.contract_with([testing.remove_at("/termination")]), [testing.replace_at("/contract/valid", false)])
	count(results(d)) == 0
}

# EXIT-004

retention := "/exit/evidence_retention_years"

log_export := "/exit/log_export_before_deletion"

retention_is(found) := sprintf("audit evidence retention after exit (exit.evidence_retention_years) %s; at least 6 years required when PHI is shared (HIPAA 45 CFR 164.316(b)(2)(i))", [found])

log_export_is(found) := sprintf("log export before deletion at exit (exit.log_export_before_deletion) %s; must be true (PCI DSS 4.0.1 10.5.1)", [found])

no_phi := [testing.replace_at("/data_classes", ["pii"]), testing.replace_at("/regimes", ["gdpr"])]

test_exit_004_retention_6_years_passes if {
	count(results(testing.contract_with([testing.replace_at(retention, 6)]))) == 0
}

test_exit_004_retention_5_years_with_phi_is_an_error if {
	d := testing.contract_with([testing.replace_at(retention, 5)])
	results(d) == {exit_004("error", retention, retention_is("is 5 years"))}
}

test_exit_004_retention_1_year_is_singular if {
	d := testing.contract_with([testing.replace_at(retention, 1)])
	results(d) == {exit_004("error", retention, retention_is("is 1 year"))}
}

test_exit_004_retention_not_stated_with_phi_is_an_error_at_exit if {
	d := testing.contract_with([testing.remove_at(retention)])
	results(d) == {exit_004("error", "/exit", retention_is("is not stated"))}
}

test_exit_004_hipaa_regime_counts_as_phi if {
	d := testing.patched(
		[testing.replace_at("/data_classes", ["pii"]), testing.replace_at("/regimes", ["hipaa"])],
		[],
		[testing.replace_at(retention, 5)],
	)
	results(d) == {exit_004("error", retention, retention_is("is 5 years"))}
}

test_exit_004_retention_not_checked_without_phi if {
	d := testing.patched(no_phi, [], [testing.remove_at(retention)])
	count(results(d)) == 0
}

test_exit_004_no_log_export_is_a_warning if {
	d := testing.contract_with([testing.replace_at(log_export, false)])
	results(d) == {exit_004("warning", log_export, log_export_is("is false"))}
}

test_exit_004_log_export_not_stated_is_a_warning_without_phi if {
	d := testing.patched(no_phi, [], [testing.remove_at(log_export)])
	results(d) == {exit_004("warning", "/exit", log_export_is("is not stated"))}
}

test_exit_004_retention_and_log_export_are_separate_values if {
	d := testing.contract_with([testing.replace_at(retention, 2), testing.replace_at(log_export, false)])
	results(d) == {
		exit_004("error", retention, retention_is("is 2 years")),
		exit_004("warning", log_export, log_export_is("is false")),
	}
}

test_exit_004_both_not_stated_merge_at_exit_as_an_error if {
	d := testing.contract_with([testing.remove_at(retention), testing.remove_at(log_export)])
	results(d) == {exit_004("error", "/exit", concat("; ", [retention_is("is not stated"), log_export_is("is not stated")]))}
}

test_exit_004_silent_without_engagement if {
	d := json.patch(testing.contract_with([testing.replace_at(log_export, false)]), [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

test_exit_004_silent_with_invalid_engagement if {
	d := json.patch(testing.contract_with([testing.replace_at(retention, 1)]), [testing.replace_at("/engagement/valid", false)])
	count(results(d)) == 0
}

test_exit_004_silent_with_invalid_contract if {
	d := json.patch(testing.contract_with([testing.replace_at(retention, 1)]), [testing.replace_at("/contract/valid", false)])
	count(results(d)) == 0
}
