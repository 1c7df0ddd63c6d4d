package vendorgate.rules.access_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.access

results(d) := r if {
	r := access.deny with input as testing.input_of(d)
}

finding(rule, level, pointer, message) := testing.result(rule, level, "a", pointer, message)

acc_001(pointer, message) := finding("ACC-001", "error", pointer, message)

acc_002(pointer, message) := finding("ACC-002", "error", pointer, message)

acc_003(pointer, message) := finding("ACC-003", "warning", pointer, message)

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
		testing.remove_at("/attestation/body/access"),
	])
	count(results(bad)) == 0
}

# ACC-001

test_acc_001_no_rbac_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/access/rbac", false)])
	results(d) == {acc_001(
		"/access/rbac",
		"role-based access control (access.rbac) is false; it must be true (NIST SP 800-53r5 AC-2, AC-3)",
	)}
}

test_acc_001_least_privilege_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/access/least_privilege")])
	results(d) == {acc_001(
		"/access/least_privilege",
		"least privilege (access.least_privilege) is not stated; it must be true (NIST SP 800-53r5 AC-6; PCI DSS 7.2)",
	)}
}

test_acc_001_no_privileged_segregation_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/access/privileged_segregation", false)])
	results(d) == {acc_001(
		"/access/privileged_segregation",
		"segregation of privileged accounts (access.privileged_segregation) is false; it must be true (NIST SP 800-53r5 AC-6)",
	)}
}

test_acc_001_combined_branches_give_one_result_at_the_first if {
	d := testing.attestation_with([
		testing.replace_at("/access/privileged_segregation", false),
		testing.replace_at("/access/least_privilege", false),
	])
	results(d) == {acc_001(
		"/access/least_privilege",
		concat("; ", [
			"least privilege (access.least_privilege) is false; it must be true (NIST SP 800-53r5 AC-6; PCI DSS 7.2)",
			"segregation of privileged accounts (access.privileged_segregation) is false; it must be true (NIST SP 800-53r5 AC-6)",
		]),
	)}
}

# ACC-002

test_acc_002_no_admin_mfa_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/access/mfa/admins", false)])
	results(d) == {acc_002(
		"/access/mfa/admins",
		"MFA for administrators (access.mfa.admins) is false; it must be true (PCI DSS 8.4.1)",
	)}
}

test_acc_002_no_customer_data_mfa_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/access/mfa/customer_data_access", false)])
	results(d) == {acc_002(
		"/access/mfa/customer_data_access",
		"MFA for customer-data access (access.mfa.customer_data_access) is false; it must be true (PCI DSS 8.4.2)",
	)}
}

test_acc_002_remote_mfa_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/access/mfa/remote")])
	results(d) == {acc_002(
		"/access/mfa/remote",
		"MFA for remote access (access.mfa.remote) is not stated; it must be true (PCI DSS 8.4.3)",
	)}
}

test_acc_002_mfa_not_stated_lists_every_branch if {
	d := testing.attestation_with([testing.remove_at("/access/mfa")])
	results(d) == {acc_002(
		"/access/mfa/admins",
		concat("; ", [
			"MFA for administrators (access.mfa.admins) is not stated; it must be true (PCI DSS 8.4.1)",
			"MFA for customer-data access (access.mfa.customer_data_access) is not stated; it must be true (PCI DSS 8.4.2)",
			"MFA for remote access (access.mfa.remote) is not stated; it must be true (PCI DSS 8.4.3)",
		]),
	)}
}

# ACC-003

test_acc_003_interval_over_max_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/access/review_interval_days", 181)])
	results(d) == {acc_003(
		"/access/review_interval_days",
		"access review interval is 181 days; at most 180 days allowed (PCI DSS 7.2.4)",
	)}
}

test_acc_003_interval_at_max_passes if {
	d := testing.attestation_with([testing.replace_at("/access/review_interval_days", 180)])
	count(results(d)) == 0
}

test_acc_003_not_stated_is_a_warning if {
	d := testing.attestation_with([testing.remove_at("/access/review_interval_days")])
	results(d) == {acc_003(
		"/access/review_interval_days",
		"access review interval is not stated; at most 180 days allowed (PCI DSS 7.2.4)",
	)}
}

test_acc_003_threshold_override_applies if {
	d := testing.attestation_with([testing.replace_at("/access/review_interval_days", 120)])
	r := results(d) with data.vendorgate_profile.thresholds as {"access_review_max_days": 90}
	r == {acc_003(
		"/access/review_interval_days",
		"access review interval is 120 days; at most 90 days allowed (PCI DSS 7.2.4)",
	)}
}

test_access_not_stated_fails_every_rule if {
	d := testing.attestation_with([testing.remove_at("/access")])
	results(d) == {
		acc_001(
			"/access/rbac",
			concat("; ", [
				"role-based access control (access.rbac) is not stated; it must be true (NIST SP 800-53r5 AC-2, AC-3)",
				"least privilege (access.least_privilege) is not stated; it must be true (NIST SP 800-53r5 AC-6; PCI DSS 7.2)",
				"segregation of privileged accounts (access.privileged_segregation) is not stated; it must be true (NIST SP 800-53r5 AC-6)",
			]),
		),
		acc_002(
			"/access/mfa/admins",
			concat("; ", [
				"MFA for administrators (access.mfa.admins) is not stated; it must be true (PCI DSS 8.4.1)",
				"MFA for customer-data access (access.mfa.customer_data_access) is not stated; it must be true (PCI DSS 8.4.2)",
				"MFA for remote access (access.mfa.remote) is not stated; it must be true (PCI DSS 8.4.3)",
			]),
		),
		acc_003(
			"/access/review_interval_days",
			"access review interval is not stated; at most 180 days allowed (PCI DSS 7.2.4)",
		),
	}
}
