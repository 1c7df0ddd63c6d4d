# METADATA
# title: Access control
# description: Role-based access and least privilege, multi-factor authentication and access reviews.
package vendorgate.rules.access

import data.vendorgate.lib

# METADATA
# title: Role-based access, least privilege
# description: >-
#   The vendor must grant access to customer data by role, with the least
#   privilege needed, and keep privileged accounts segregated.
# custom:
#   id: ACC-001
#   severity: error
#   security_severity: 8.0
#   source: NIST SP 800-53r5 AC-2, AC-3, AC-6; PCI 7.2
#   controls:
#     "NIST SP 800-53r5": ["AC-2", "AC-3", "AC-6"]
#     "PCI DSS 4.0.1": ["7.2"]
#   tags: [access]
#   help: |
#     Ask the vendor to attest `access.rbac: true` (access granted by role),
#     `access.least_privilege: true` (only the access each role needs) and
#     `access.privileged_segregation: true` (administrator accounts separate
#     from everyday accounts). If it cannot, require these controls in the
#     contract's security annex before onboarding.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	conds := [lib.cond(
		d, "attestation", "error", path, label, lib.found_at(a, path),
		lib.expect("must be true", cites),
	) |
		some [key, label, cites] in _acc_001_controls
		path := ["access", key]
		not lib.is_true(a, path)
	]
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_acc_001_controls := [
	["rbac", "role-based access control", ["NIST SP 800-53r5 AC-2", "NIST SP 800-53r5 AC-3"]],
	["least_privilege", "least privilege", ["NIST SP 800-53r5 AC-6", "PCI DSS 4.0.1 7.2"]],
	["privileged_segregation", "segregation of privileged accounts", ["NIST SP 800-53r5 AC-6"]],
]

# METADATA
# title: Multi-factor authentication
# description: >-
#   Administrators, anyone accessing customer data and all remote access
#   must use multi-factor authentication.
# custom:
#   id: ACC-002
#   severity: error
#   security_severity: 8.5
#   source: PCI 8.4.1-8.4.3; 23 NYCRR 500.12
#   controls:
#     "PCI DSS 4.0.1": ["8.4.1", "8.4.2", "8.4.3"]
#     "23 NYCRR": ["500.12"]
#   tags: [access]
#   help: |
#     Ask the vendor to attest `access.mfa.admins: true`,
#     `access.mfa.customer_data_access: true` and `access.mfa.remote: true`:
#     multi-factor authentication for administrative access, for every access
#     to customer data and for all remote access. If any is missing, require
#     MFA in the contract's security annex before onboarding.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	conds := [lib.cond(
		d, "attestation", "error", path, label, lib.found_at(a, path),
		lib.expect("must be true", cites),
	) |
		some [key, label, cites] in _acc_002_controls
		path := ["access", "mfa", key]
		not lib.is_true(a, path)
	]
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_acc_002_controls := [
	["admins", "MFA for administrators", ["PCI DSS 4.0.1 8.4.1"]],
	["customer_data_access", "MFA for customer-data access", ["PCI DSS 4.0.1 8.4.2"]],
	["remote", "MFA for remote access", ["PCI DSS 4.0.1 8.4.3", "23 NYCRR 500.12"]],
]

# METADATA
# title: Access reviews
# description: >-
#   The vendor must review user accounts and access rights at least every
#   six months.
# custom:
#   id: ACC-003
#   severity: warning
#   security_severity: 4.5
#   source: PCI 7.2.4; CCM IAM-08
#   controls:
#     "PCI DSS 4.0.1": ["7.2.4"]
#     "CSA CCM v4": ["IAM-08"]
#   tags: [access]
#   help: |
#     Set `access.review_interval_days` in the attestation to the interval at
#     which the vendor actually reviews accounts and access rights; it should be
#     180 days or less. If the vendor reviews less often, ask for a review at
#     least every six months.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	days := lib.get(a, _acc_003_path)
	not lib.at_most(days, lib.threshold("access_review_max_days"))
	conds := [lib.cond(
		d, "attestation", "warning", _acc_003_path, "access review interval", lib.found_in(days, "days"),
		lib.limit("access_review_max_days", "max", "at most %s allowed", "days", ["PCI DSS 4.0.1 7.2.4"]),
	)]
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_acc_003_path := ["access", "review_interval_days"]
