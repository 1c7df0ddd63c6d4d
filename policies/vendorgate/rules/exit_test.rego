package vendorgate.rules.exit_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.exit

results(d) := r if {
	r := exit.deny with input as testing.input_of(d)
}

finding(id, level, pointer, message) := testing.result(id, level, "c", pointer, message)

exit_001(level, pointer, message) := finding("EXIT-001", level, pointer, message)

exit_002(level, pointer, message) := finding("EXIT-002", level, pointer, message)

exit_003(level, message) := finding("EXIT-003", level, "/termination/access_revocation_hours", message)

exit_004(level, pointer, message) := finding("EXIT-004", level, pointer, message)

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

# EXIT-001

backups_unbounded := "backup purge deadline at exit is unbounded; a bounded period in days expected (SCC Clause 8.5)"

disposition_delete := "exit disposition is delete; customer-choice expected (GDPR Art. 28(3)(g))"

test_exit_001_deadline_over_max_is_an_error_listing_the_warning if {
	d := testing.contract_with([testing.replace_at("/exit/deadline_days", 91)])
	results(d) == {exit_001("error", "/exit/deadline_days", concat("; ", [
		"exit return or deletion deadline is 91 days; at most 90 days allowed (GDPR Art. 28(3)(g))",
		"exit return or deletion deadline is 91 days; 30 days or less recommended",
	]))}
}

test_exit_001_deadline_at_max_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/exit/deadline_days", 90)])
	results(d) == {exit_001(
		"warning", "/exit/deadline_days",
		"exit return or deletion deadline is 90 days; 30 days or less recommended",
	)}
}

test_exit_001_deadline_one_over_warn_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/exit/deadline_days", 31)])
	results(d) == {exit_001(
		"warning", "/exit/deadline_days",
		"exit return or deletion deadline is 31 days; 30 days or less recommended",
	)}
}

test_exit_001_deadline_not_stated_is_an_error if {
	d := testing.contract_with([testing.remove_at("/exit/deadline_days")])
	results(d) == {exit_001(
		"error", "/exit/deadline_days",
		"exit return or deletion deadline is not stated; at most 90 days allowed (GDPR Art. 28(3)(g))",
	)}
}

test_exit_001_threshold_override_applies if {
	d := testing.contract_with([testing.replace_at("/exit/deadline_days", 50)])
	r := results(d) with data.vendorgate_profile.thresholds as {"exit_deadline_max_days": 45, "exit_deadline_warn_days": 20}
	r == {exit_001("error", "/exit/deadline_days", concat("; ", [
		"exit return or deletion deadline is 50 days; at most 45 days allowed (GDPR Art. 28(3)(g))",
		"exit return or deletion deadline is 50 days; 20 days or less recommended",
	]))}
}

test_exit_001_null_backups_deadline_is_unbounded_a_warning if {
	d := testing.contract_with([testing.replace_at("/exit/backups_deadline_days", null)])
	results(d) == {exit_001("warning", "/exit/backups_deadline_days", backups_unbounded)}
}

test_exit_001_backups_deadline_not_stated_is_a_warning if {
	d := testing.contract_with([testing.remove_at("/exit/backups_deadline_days")])
	results(d) == {exit_001(
		"warning", "/exit/backups_deadline_days",
		"backup purge deadline at exit is not stated; a bounded period in days expected (SCC Clause 8.5)",
	)}
}

test_exit_001_disposition_not_customer_choice_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/exit/disposition", "delete")])
	results(d) == {exit_001("warning", "/exit/disposition", disposition_delete)}
}

test_exit_001_disposition_not_stated_is_a_warning if {
	d := testing.contract_with([testing.remove_at("/exit/disposition")])
	results(d) == {exit_001(
		"warning", "/exit/disposition",
		"exit disposition is not stated; customer-choice expected (GDPR Art. 28(3)(g))",
	)}
}

test_exit_001_warnings_only_one_warning_at_first_branch if {
	d := testing.contract_with([testing.replace_at("/exit/backups_deadline_days", null), testing.replace_at("/exit/disposition", "delete")])
	results(d) == {exit_001("warning", "/exit/backups_deadline_days", concat("; ", [backups_unbounded, disposition_delete]))}
}

test_exit_001_exit_not_stated_one_error_per_rule if {
	d := testing.contract_with([testing.remove_at("/exit")])
	results(d) == {
		exit_001("error", "/exit/deadline_days", concat("; ", [
			"exit return or deletion deadline is not stated; at most 90 days allowed (GDPR Art. 28(3)(g))",
			"backup purge deadline at exit is not stated; a bounded period in days expected (SCC Clause 8.5)",
			"exit disposition is not stated; customer-choice expected (GDPR Art. 28(3)(g))",
		])),
		exit_002("warning", "/exit/deletion_certificate", concat("; ", [
			"certificate of deletion at exit is not stated; true expected (EDPB Guidelines 07/2020)",
			"sanitisation method is not stated; nist-800-88 or crypto-erase expected (NIST SP 800-88)",
		])),
		exit_004("error", "/exit/evidence_retention_years", concat("; ", [
			"audit evidence retention after exit is not stated; at least 6 years required for phi (45 CFR 164.316(b)(2)(i))",
			"log export before deletion at exit is not stated; true expected (PCI DSS 10.5.1)",
		])),
	}
}

test_exit_001_all_branches_one_error if {
	d := testing.contract_with([
		testing.replace_at("/exit/deadline_days", 120),
		testing.replace_at("/exit/backups_deadline_days", null),
		testing.replace_at("/exit/disposition", "delete"),
	])
	results(d) == {exit_001("error", "/exit/deadline_days", concat("; ", [
		"exit return or deletion deadline is 120 days; at most 90 days allowed (GDPR Art. 28(3)(g))",
		"exit return or deletion deadline is 120 days; 30 days or less recommended",
		backups_unbounded,
		disposition_delete,
	]))}
}

test_exit_001_silent_without_contract if {
	d := json.patch(testing.contract_with([testing.replace_at("/exit/deadline_days", 120)]), [testing.remove_at("/contract")])
	count(results(d)) == 0
}

test_exit_001_silent_with_invalid_contract if {
	d := json.patch(testing.contract_with([testing.replace_at("/exit/deadline_days", 120)]), [testing.replace_at("/contract/valid", false)])
	count(results(d)) == 0
}

# EXIT-002

certificate_false := "certificate of deletion at exit is false; true expected (EDPB Guidelines 07/2020)"

method_other := "sanitisation method is other; nist-800-88 or crypto-erase expected (NIST SP 800-88)"

test_exit_002_no_certificate_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/exit/deletion_certificate", false)])
	results(d) == {exit_002("warning", "/exit/deletion_certificate", certificate_false)}
}

test_exit_002_certificate_not_stated_is_a_warning if {
	d := testing.contract_with([testing.remove_at("/exit/deletion_certificate")])
	results(d) == {exit_002(
		"warning", "/exit/deletion_certificate",
		"certificate of deletion at exit is not stated; true expected (EDPB Guidelines 07/2020)",
	)}
}

test_exit_002_other_method_is_a_note if {
	d := testing.contract_with([testing.replace_at("/exit/method", "other")])
	results(d) == {exit_002("note", "/exit/method", method_other)}
}

test_exit_002_method_not_stated_is_a_note if {
	d := testing.contract_with([testing.remove_at("/exit/method")])
	results(d) == {exit_002(
		"note", "/exit/method",
		"sanitisation method is not stated; nist-800-88 or crypto-erase expected (NIST SP 800-88)",
	)}
}

test_exit_002_crypto_erase_passes if {
	count(results(testing.contract_with([testing.replace_at("/exit/method", "crypto-erase")]))) == 0
}

test_exit_002_both_fail_one_warning if {
	d := testing.contract_with([testing.replace_at("/exit/deletion_certificate", false), testing.replace_at("/exit/method", "other")])
	results(d) == {exit_002("warning", "/exit/deletion_certificate", concat("; ", [certificate_false, method_other]))}
}

test_exit_002_silent_with_invalid_contract if {
	d := json.patch(testing.contract_with([testing.replace_at("/exit/deletion_certificate", false)]), [testing.replace_at("/contract/valid", false)])
	count(results(d)) == 0
}

# EXIT-003

test_exit_003_not_stated_is_an_error if {
	d := testing.contract_with([testing.remove_at("/termination")])
	results(d) == {exit_003(
		"error",
		"access revocation time at termination is not stated; a period in hours required (PCI DSS 8.2.5)",
	)}
}

test_exit_003_at_limit_passes if {
	count(results(testing.contract_with([testing.replace_at("/termination/access_revocation_hours", 24)]))) == 0
}

test_exit_003_over_limit_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/termination/access_revocation_hours", 25)])
	results(d) == {exit_003(
		"warning",
		"access revocation time at termination is 25 h; at most 24 h expected (PCI DSS 8.2.5)",
	)}
}

test_exit_003_threshold_override_applies if {
	d := testing.contract_with([testing.replace_at("/termination/access_revocation_hours", 4)])
	r := results(d) with data.vendorgate_profile.thresholds as {"access_revocation_max_hours": 2}
	r == {exit_003(
		"warning",
		"access revocation time at termination is 4 h; at most 2 h expected (PCI DSS 8.2.5)",
	)}
}

test_exit_003_silent_without_contract if {
	d := json.patch(testing.contract_with([testing.remove_at("/termination")]), [testing.remove_at("/contract")])
	count(results(d)) == 0
}

# EXIT-004

log_export_false := "log export before deletion at exit is false; true expected (PCI DSS 10.5.1)"

test_exit_004_retention_6_years_passes if {
	count(results(testing.contract_with([testing.replace_at("/exit/evidence_retention_years", 6)]))) == 0
}

test_exit_004_retention_5_years_with_phi_is_an_error if {
	d := testing.contract_with([testing.replace_at("/exit/evidence_retention_years", 5)])
	results(d) == {exit_004(
		"error", "/exit/evidence_retention_years",
		"audit evidence retention after exit is 5 years; at least 6 years required for phi (45 CFR 164.316(b)(2)(i))",
	)}
}

test_exit_004_retention_not_stated_with_phi_is_an_error if {
	d := testing.contract_with([testing.remove_at("/exit/evidence_retention_years")])
	results(d) == {exit_004(
		"error", "/exit/evidence_retention_years",
		"audit evidence retention after exit is not stated; at least 6 years required for phi (45 CFR 164.316(b)(2)(i))",
	)}
}

test_exit_004_hipaa_regime_counts_as_phi if {
	d := testing.patched(
		[testing.replace_at("/data_classes", ["pii"]), testing.replace_at("/regimes", ["hipaa"])],
		[],
		[testing.replace_at("/exit/evidence_retention_years", 5)],
	)
	results(d) == {exit_004(
		"error", "/exit/evidence_retention_years",
		"audit evidence retention after exit is 5 years; at least 6 years required for phi (45 CFR 164.316(b)(2)(i))",
	)}
}

test_exit_004_retention_not_checked_without_phi if {
	d := testing.patched(
		[testing.replace_at("/data_classes", ["pii"]), testing.replace_at("/regimes", ["gdpr"])],
		[],
		[testing.remove_at("/exit/evidence_retention_years")],
	)
	count(results(d)) == 0
}

test_exit_004_no_log_export_is_a_warning if {
	d := testing.contract_with([testing.replace_at("/exit/log_export_before_deletion", false)])
	results(d) == {exit_004("warning", "/exit/log_export_before_deletion", log_export_false)}
}

test_exit_004_log_export_not_stated_is_a_warning_without_phi if {
	d := testing.patched(
		[testing.replace_at("/data_classes", ["pii"]), testing.replace_at("/regimes", ["gdpr"])],
		[],
		[testing.remove_at("/exit/log_export_before_deletion")],
	)
	results(d) == {exit_004(
		"warning", "/exit/log_export_before_deletion",
		"log export before deletion at exit is not stated; true expected (PCI DSS 10.5.1)",
	)}
}

test_exit_004_both_fail_one_error if {
	d := testing.contract_with([testing.replace_at("/exit/evidence_retention_years", 2), testing.replace_at("/exit/log_export_before_deletion", false)])
	results(d) == {exit_004("error", "/exit/evidence_retention_years", concat("; ", [
		"audit evidence retention after exit is 2 years; at least 6 years required for phi (45 CFR 164.316(b)(2)(i))",
		log_export_false,
	]))}
}

test_exit_004_silent_without_engagement if {
	d := json.patch(testing.contract_with([testing.replace_at("/exit/log_export_before_deletion", false)]), [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

test_exit_004_silent_with_invalid_engagement if {
	d := json.patch(testing.contract_with([testing.replace_at("/exit/evidence_retention_years", 1)]), [testing.replace_at("/engagement/valid", false)])
	count(results(d)) == 0
}

test_exit_004_silent_with_invalid_contract if {
	d := json.patch(testing.contract_with([testing.replace_at("/exit/evidence_retention_years", 1)]), [testing.replace_at("/contract/valid", false)])
	count(results(d)) == 0
}
