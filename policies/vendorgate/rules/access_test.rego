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

rbac_text := "must be true (NIST SP 800-53r5 AC-2, NIST SP 800-53r5 AC-3)"

least_text := "must be true (NIST SP 800-53r5 AC-6, PCI DSS 4.0.1 7.2)"

segregation_text := "must be true (NIST SP 800-53r5 AC-6)"

test_acc_001_no_rbac_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/access/rbac", false)])
	results(d) == {acc_001(
		"/access/rbac",
		sprintf("role-based access control (access.rbac) is false; %s", [rbac_text]),
	)}
}

test_acc_001_least_privilege_not_stated_is_an_error_at_access if {
	d := testing.attestation_with([testing.remove_at("/access/least_privilege")])
	results(d) == {acc_001(
		"/access",
		sprintf("least privilege (access.least_privilege) is not stated; %s", [least_text]),
	)}
}

test_acc_001_least_privilege_null_is_not_stated_at_its_key if {
	d := testing.attestation_with([testing.replace_at("/access/least_privilege", null)])
	results(d) == {acc_001(
		"/access/least_privilege",
		sprintf("least privilege (access.least_privilege) is not stated; %s", [least_text]),
	)}
}

test_acc_001_no_privileged_segregation_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/access/privileged_segregation", false)])
	results(d) == {acc_001(
		"/access/privileged_segregation",
		sprintf("segregation of privileged accounts (access.privileged_segregation) is false; %s", [segregation_text]),
	)}
}

test_acc_001_each_false_value_is_its_own_result if {
	d := testing.attestation_with([
		testing.replace_at("/access/privileged_segregation", false),
		testing.replace_at("/access/least_privilege", false),
	])
	results(d) == {
		acc_001(
			"/access/least_privilege",
			sprintf("least privilege (access.least_privilege) is false; %s", [least_text]),
		),
		acc_001(
			"/access/privileged_segregation",
			sprintf("segregation of privileged accounts (access.privileged_segregation) is false; %s", [segregation_text]),
		),
	}
}

test_acc_001_absent_values_merge_at_their_parent if {
	d := testing.attestation_with([
		testing.remove_at("/access/rbac"),
		testing.remove_at("/access/privileged_segregation"),
		testing.replace_at("/access/least_privilege", false),
	])
	results(d) == {
		acc_001(
			"/access",
			concat("; ", [
				sprintf("role-based access control (access.rbac) is not stated; %s", [rbac_text]),
				sprintf("segregation of privileged accounts (access.privileged_segregation) is not stated; %s", [segregation_text]),
			]),
		),
		acc_001(
			"/access/least_privilege",
			sprintf("least privilege (access.least_privilege) is false; %s", [least_text]),
		),
	}
}

# ACC-002

test_acc_002_no_admin_mfa_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/access/mfa/admins", false)])
	results(d) == {acc_002(
		"/access/mfa/admins",
		"MFA for administrators (access.mfa.admins) is false; must be true (PCI DSS 4.0.1 8.4.1)",
	)}
}

test_acc_002_no_customer_data_mfa_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/access/mfa/customer_data_access", false)])
	results(d) == {acc_002(
		"/access/mfa/customer_data_access",
		"MFA for customer-data access (access.mfa.customer_data_access) is false; must be true (PCI DSS 4.0.1 8.4.2)",
	)}
}

test_acc_002_remote_mfa_not_stated_is_an_error_at_mfa if {
	d := testing.attestation_with([testing.remove_at("/access/mfa/remote")])
	results(d) == {acc_002(
		"/access/mfa",
		"MFA for remote access (access.mfa.remote) is not stated; must be true (PCI DSS 4.0.1 8.4.3, 23 NYCRR 500.12)",
	)}
}

test_acc_002_false_and_absent_values_are_separate_results if {
	d := testing.attestation_with([
		testing.replace_at("/access/mfa/admins", false),
		testing.remove_at("/access/mfa/remote"),
	])
	results(d) == {
		acc_002(
			"/access/mfa/admins",
			"MFA for administrators (access.mfa.admins) is false; must be true (PCI DSS 4.0.1 8.4.1)",
		),
		acc_002(
			"/access/mfa",
			"MFA for remote access (access.mfa.remote) is not stated; must be true (PCI DSS 4.0.1 8.4.3, 23 NYCRR 500.12)",
		),
	}
}

mfa_not_stated := concat("; ", [
	"MFA for administrators (access.mfa.admins) is not stated; must be true (PCI DSS 4.0.1 8.4.1)",
	"MFA for customer-data access (access.mfa.customer_data_access) is not stated; must be true (PCI DSS 4.0.1 8.4.2)",
	"MFA for remote access (access.mfa.remote) is not stated; must be true (PCI DSS 4.0.1 8.4.3, 23 NYCRR 500.12)",
])

test_acc_002_mfa_not_stated_lists_every_value_at_access if {
	d := testing.attestation_with([testing.remove_at("/access/mfa")])
	results(d) == {acc_002("/access", mfa_not_stated)}
}

# ACC-003

test_acc_003_interval_over_max_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/access/review_interval_days", 181)])
	results(d) == {acc_003(
		"/access/review_interval_days",
		"access review interval (access.review_interval_days) is 181 days; at most 180 days allowed (PCI DSS 4.0.1 7.2.4)",
	)}
}

test_acc_003_interval_at_max_passes if {
	d := testing.attestation_with([testing.replace_at("/access/review_interval_days", 180)])
	count(results(d)) == 0
}

test_acc_003_not_stated_is_a_warning_at_access if {
	d := testing.attestation_with([testing.remove_at("/access/review_interval_days")])
	results(d) == {acc_003(
		"/access",
		"access review interval (access.review_interval_days) is not stated; at most 180 days allowed (PCI DSS 4.0.1 7.2.4)",
	)}
}

test_acc_003_threshold_override_says_so_and_keeps_the_default if {
	d := testing.attestation_with([testing.replace_at("/access/review_interval_days", 120)])
	r := results(d) with data.vendorgate_profile.thresholds as {"access_review_max_days": 90}
	r == {acc_003(
		"/access/review_interval_days",
		"access review interval (access.review_interval_days) is 120 days; at most 90 days allowed by the organisation profile (PCI DSS 4.0.1 7.2.4; catalog default 180 days)",
	)}
}

test_access_not_stated_fails_every_rule_at_the_document if {
	d := testing.attestation_with([testing.remove_at("/access")])
	results(d) == {
		acc_001(
			"",
			concat("; ", [
				sprintf("role-based access control (access.rbac) is not stated; %s", [rbac_text]),
				sprintf("least privilege (access.least_privilege) is not stated; %s", [least_text]),
				sprintf("segregation of privileged accounts (access.privileged_segregation) is not stated; %s", [segregation_text]),
			]),
		),
		acc_002("", mfa_not_stated),
		acc_003(
			"",
			"access review interval (access.review_interval_days) is not stated; at most 180 days allowed (PCI DSS 4.0.1 7.2.4)",
		),
	}
}
