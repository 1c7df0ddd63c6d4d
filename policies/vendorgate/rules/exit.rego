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
	conds := array.flatten([
		_exit_001_deadline(d, c),
		_exit_001_deadline_warn(d, c),
		_exit_001_backups(d, c),
		_exit_001_disposition(d, c),
	])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_exit_001_deadline_path := ["exit", "deadline_days"]

_exit_001_deadline_label := "exit return or deletion deadline"

_exit_001_backups_path := ["exit", "backups_deadline_days"]

_exit_001_disposition_path := ["exit", "disposition"]

_exit_001_deadline(d, c) := [lib.cond(
	d, "contract", "error", _exit_001_deadline_path, _exit_001_deadline_label, lib.found_in(v, "days"),
	lib.limit("exit_deadline_max_days", "max", "at most %s allowed", "days", ["GDPR Art. 28(3)(g)"]),
)] if {
	v := lib.get(c, _exit_001_deadline_path)
	not lib.at_most(v, lib.threshold("exit_deadline_max_days"))
} else := []

_exit_001_deadline_warn(d, c) := [lib.cond(
	d, "contract", "warning", _exit_001_deadline_path, _exit_001_deadline_label, lib.found_in(v, "days"),
	lib.limit("exit_deadline_warn_days", "max", "%s or less recommended", "days", ["GDPR Art. 28(3)(g)"]),
)] if {
	v := lib.get(c, _exit_001_deadline_path)
	lib.above(v, lib.threshold("exit_deadline_warn_days"))
} else := []

# null is the format's "unbounded" (backups kept for ever); absent is not stated.
_exit_001_backups(d, c) := [lib.cond(
	d, "contract", "warning", _exit_001_backups_path, "backup purge deadline at exit",
	sprintf("is %s", [lib.show_limit(c, _exit_001_backups_path)]),
	lib.expect("a bounded number of days expected", ["SCC 2021/914 Clause 8.5"]),
)] if {
	lib.get(c, _exit_001_backups_path) == null
} else := []

_exit_001_disposition(d, c) := [lib.cond(
	d, "contract", "warning", _exit_001_disposition_path, "exit disposition", lib.found(v),
	lib.expect("customer-choice expected", ["GDPR Art. 28(3)(g)"]),
)] if {
	v := lib.get(c, _exit_001_disposition_path)
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
	conds := array.flatten([_exit_002_certificate(d, c), _exit_002_method(d, c)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_exit_002_certificate_path := ["exit", "deletion_certificate"]

_exit_002_method_path := ["exit", "method"]

_exit_002_certificate(d, c) := [lib.cond(
	d, "contract", "warning", _exit_002_certificate_path, "certificate of deletion at exit",
	lib.found_at(c, _exit_002_certificate_path),
	lib.expect("must be true", ["EDPB Guidelines 07/2020 ¶138"]),
)] if {
	not lib.is_true(c, _exit_002_certificate_path)
} else := []

_exit_002_method(d, c) := [lib.cond(
	d, "contract", "note", _exit_002_method_path, "sanitisation method", lib.found(v),
	lib.expect("nist-800-88 or crypto-erase expected", ["NIST SP 800-88r2"]),
)] if {
	v := lib.get(c, _exit_002_method_path)
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
	conds := _exit_003_conds(d, c)
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_exit_003_path := ["termination", "access_revocation_hours"]

_exit_003_label := "access revocation time at termination"

# Not stated is the error; a stated time over the limit only a warning: one value, one branch.
_exit_003_conds(d, c) := [lib.cond(
	d, "contract", "error", _exit_003_path, _exit_003_label, "is not stated",
	lib.expect("a period in hours required", ["NIST SP 800-53r5 PS-4"]),
)] if {
	lib.get(c, _exit_003_path) == null
} else := [lib.cond(
	d, "contract", "warning", _exit_003_path, _exit_003_label, lib.found_in(v, "h"),
	lib.limit("access_revocation_max_hours", "max", "%s or less recommended", "h", ["PCI DSS 4.0.1 8.2.5"]),
)] if {
	v := lib.get(c, _exit_003_path)
	lib.above(v, lib.threshold("access_revocation_max_hours"))
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
	conds := array.flatten([_exit_004_retention(d, s, c), _exit_004_log_export(d, c)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_exit_004_retention_path := ["exit", "evidence_retention_years"]

_exit_004_log_export_path := ["exit", "log_export_before_deletion"]

_exit_004_retention(d, s, c) := [lib.cond(
	d, "contract", "error", _exit_004_retention_path, "audit evidence retention after exit", lib.found_in(v, "years"),
	lib.bound("min", 6, "at least 6 years required when PHI is shared", ["HIPAA 45 CFR 164.316(b)(2)(i)"]),
)] if {
	lib.has(s, "phi")
	v := lib.get(c, _exit_004_retention_path)
	not lib.at_least(v, 6)
} else := []

_exit_004_log_export(d, c) := [lib.cond(
	d, "contract", "warning", _exit_004_log_export_path, "log export before deletion at exit",
	lib.found_at(c, _exit_004_log_export_path),
	lib.expect("must be true", ["PCI DSS 4.0.1 10.5.1"]),
)] if {
	not lib.is_true(c, _exit_004_log_export_path)
} else := []
