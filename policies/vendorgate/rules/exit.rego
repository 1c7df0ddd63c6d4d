# METADATA
# title: Exit
# description: >-
#   Return or deletion of data at the end of the contract, certificates of
#   destruction, access revocation and the audit trail kept after exit.
package vendorgate.rules.exit

import data.vendorgate.lib

# METADATA
# title: Return or deletion at end
# description: >-
#   At the end of the contract the vendor must return or delete the customer's
#   data, at the customer's choice, within a bounded deadline, backups
#   included.
# custom:
#   id: EXIT-001
#   severity: error
#   security_severity: 6.5
#   source: GDPR 28(3)(g); SCC Clause 8.5; 45 CFR 164.504(e)(2)(ii)(J)
#   controls:
#     "GDPR": ["Art. 28(3)(g)"]
#     "SCC 2021/914": ["Clause 8.5"]
#     "HIPAA": ["45 CFR 164.504(e)(2)(ii)(J)"]
#   tags: [exit, gdpr, hipaa]
#   help: |
#     Set `exit.deadline_days` in the contract to the number of days after
#     termination within which the vendor returns or deletes the data: at most
#     90 days (`exit_deadline_max_days`), and 30 days or less is recommended
#     (`exit_deadline_warn_days`). Set `exit.backups_deadline_days` to the days
#     within which backups are purged; `null` means never and should be
#     renegotiated. The contract should leave the choice between return and
#     deletion to the customer (`exit.disposition: customer-choice`).
deny contains result if {
	some d in input.dossiers
	c := lib.contract(d)
	fails := array.flatten([
		_exit_001_deadline(c),
		_exit_001_deadline_warn(c),
		_exit_001_backups(c),
		_exit_001_disposition(c),
	])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_exit_001_deadline_path := ["exit", "deadline_days"]

_exit_001_deadline(c) := [lib.fail("error", _exit_001_deadline_path, sprintf(
	"exit return or deletion deadline is %s; at most %v days allowed (GDPR Art. 28(3)(g))",
	[lib.show_in(v, "days"), max_days],
))] if {
	v := lib.get(c, _exit_001_deadline_path)
	max_days := lib.threshold("exit_deadline_max_days")
	not lib.at_most(v, max_days)
} else := []

_exit_001_deadline_warn(c) := [lib.fail("warning", _exit_001_deadline_path, sprintf(
	"exit return or deletion deadline is %v days; %v days or less recommended",
	[v, warn],
))] if {
	v := lib.get(c, _exit_001_deadline_path)
	warn := lib.threshold("exit_deadline_warn_days")
	lib.above(v, warn)
} else := []

_exit_001_backups(c) := [lib.fail("warning", path, sprintf(
	"backup purge deadline at exit is %s; a bounded period in days expected (SCC Clause 8.5)",
	[lib.show_limit(c, path)],
))] if {
	path := ["exit", "backups_deadline_days"]
	lib.get(c, path) == null
} else := []

_exit_001_disposition(c) := [lib.fail("warning", path, sprintf(
	"exit disposition is %s; customer-choice expected (GDPR Art. 28(3)(g))",
	[lib.show(v)],
))] if {
	path := ["exit", "disposition"]
	v := lib.get(c, path)
	v != "customer-choice"
} else := []

# METADATA
# title: Certificate of destruction
# description: >-
#   The vendor should certify the deletion of the customer's data at exit and
#   use a recognised sanitisation method.
# custom:
#   id: EXIT-002
#   severity: warning
#   security_severity: 3.5
#   source: EDPB Guidelines 07/2020 ¶138; NIST SP 800-88r2
#   controls:
#     "EDPB": ["Guidelines 07/2020 ¶138"]
#     "NIST SP 800-88r2": []
#   tags: [exit, gdpr]
#   help: |
#     Have the contract oblige the vendor to issue a certificate of deletion at
#     exit (`exit.deletion_certificate: true`). State the sanitisation method
#     in `exit.method`: `nist-800-88` or `crypto-erase`; a method that is
#     `other` or not stated gives no assurance that the data is unrecoverable.
deny contains result if {
	some d in input.dossiers
	c := lib.contract(d)
	fails := array.flatten([_exit_002_certificate(c), _exit_002_method(c)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_exit_002_certificate(c) := [lib.fail("warning", path, sprintf(
	"certificate of deletion at exit is %s; true expected (EDPB Guidelines 07/2020)",
	[lib.show_at(c, path)],
))] if {
	path := ["exit", "deletion_certificate"]
	not lib.is_true(c, path)
} else := []

_exit_002_method(c) := [lib.fail("note", path, sprintf(
	"sanitisation method is %s; nist-800-88 or crypto-erase expected (NIST SP 800-88)",
	[lib.show(v)],
))] if {
	path := ["exit", "method"]
	v := lib.get(c, path)
	not v in {"nist-800-88", "crypto-erase"}
} else := []

# METADATA
# title: Access revocation
# description: >-
#   At termination the vendor must revoke every access it and its staff have
#   to the customer's systems and data within a stated, short time.
# custom:
#   id: EXIT-003
#   severity: error
#   security_severity: 7.0
#   source: PCI 8.2.5; NIST SP 800-53r5 PS-4
#   controls:
#     "PCI DSS 4.0.1": ["8.2.5"]
#     "NIST SP 800-53r5": ["PS-4"]
#   tags: [exit, pci-dss]
#   help: |
#     Set `termination.access_revocation_hours` in the contract to the hours
#     after termination within which the vendor revokes all access to the
#     customer's systems and data. It must be stated, and 24 hours or less
#     (`access_revocation_max_hours`) is expected; renegotiate a longer period.
deny contains result if {
	some d in input.dossiers
	c := lib.contract(d)
	fails := _exit_003_fails(c)
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_exit_003_path := ["termination", "access_revocation_hours"]

_exit_003_fails(c) := [lib.fail(
	"error",
	_exit_003_path,
	"access revocation time at termination is not stated; a period in hours required (PCI DSS 8.2.5)",
)] if {
	lib.get(c, _exit_003_path) == null
} else := [lib.fail("warning", _exit_003_path, sprintf(
	"access revocation time at termination is %v h; at most %v h expected (PCI DSS 8.2.5)",
	[v, max_h],
))] if {
	v := lib.get(c, _exit_003_path)
	max_h := lib.threshold("access_revocation_max_hours")
	v > max_h
} else := []

# METADATA
# title: Audit trail kept after exit
# description: >-
#   The audit trail of the processing must survive the exit: for PHI the
#   vendor keeps its HIPAA documentation six years, and logs should be
#   exported to the customer before the data is deleted.
# custom:
#   id: EXIT-004
#   severity: error
#   security_severity: 5.5
#   source: 45 CFR 164.316(b)(2)(i); PCI 10.5.1
#   controls:
#     "HIPAA": ["45 CFR 164.316(b)(2)(i)"]
#     "PCI DSS 4.0.1": ["10.5.1"]
#   tags: [exit, hipaa, pci-dss]
#   help: |
#     When the engagement shares PHI, set `exit.evidence_retention_years` in
#     the contract to at least 6 years, the HIPAA retention period for the
#     documentation of safeguards. Have the contract oblige the vendor to
#     export the logs of the processing to the customer before it deletes
#     the data (`exit.log_export_before_deletion: true`).
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	c := lib.contract(d)
	fails := array.flatten([_exit_004_retention(s, c), _exit_004_log_export(c)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_exit_004_retention(s, c) := [lib.fail("error", path, sprintf(
	"audit evidence retention after exit is %s; at least 6 years required for phi (45 CFR 164.316(b)(2)(i))",
	[lib.show_in(v, "years")],
))] if {
	lib.has(s, "phi")
	path := ["exit", "evidence_retention_years"]
	v := lib.get(c, path)
	not lib.at_least(v, 6)
} else := []

_exit_004_log_export(c) := [lib.fail("warning", path, sprintf(
	"log export before deletion at exit is %s; true expected (PCI DSS 10.5.1)",
	[lib.show_at(c, path)],
))] if {
	path := ["exit", "log_export_before_deletion"]
	not lib.is_true(c, path)
} else := []
