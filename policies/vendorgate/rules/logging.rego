# METADATA
# title: Logging
# description: Logging of customer-data access, log retention, log integrity and customer access to logs.
package vendorgate.rules.logging

import data.vendorgate.lib

# METADATA
# title: Customer-data access logged
# description: >-
#   Every access to customer data and every administrative action must be
#   logged, with enough detail to tell who did what, when, from where, to
#   which object and with what outcome.
# custom:
#   id: LOG-001
#   severity: error
#   security_severity: 7.0
#   source: PCI 10.2.1, 10.2.1.2; NIST SP 800-53r5 AU-2, AU-3
#   controls:
#     "PCI DSS 4.0.1": ["10.2.1", "10.2.1.2"]
#     "NIST SP 800-53r5": ["AU-2", "AU-3"]
#   tags: [logging]
#   help: |
#     Ask the vendor to attest `logging.customer_data_access: true` and
#     `logging.admin_actions: true`, and to list in `logging.fields` every
#     field its audit records carry: `user`, `event`, `timestamp`, `outcome`,
#     `origin` and `object`. If access is not logged, require audit logging in
#     the contract's security annex before onboarding.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	conds := array.flatten([_log_001_events(d, a), _log_001_fields(d, a)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_log_001_events(d, a) := [lib.cond(
	d, "attestation", "error", path, label, lib.found_at(a, path),
	lib.expect("must be true", cites),
) |
	some [key, label, cites] in [
		["customer_data_access", "logging of customer-data access", ["PCI DSS 4.0.1 10.2.1", "NIST SP 800-53r5 AU-2"]],
		["admin_actions", "logging of administrative actions", ["PCI DSS 4.0.1 10.2.1.2"]],
	]
	path := ["logging", key]
	not lib.is_true(a, path)
]

_log_001_fields_path := ["logging", "fields"]

_log_001_required := ["user", "event", "timestamp", "outcome", "origin", "object"]

_log_001_fields(d, a) := [lib.cond(
	d, "attestation", "warning", _log_001_fields_path, "list of log record fields", found,
	lib.expect("user, event, timestamp, outcome, origin and object required", ["NIST SP 800-53r5 AU-3"]),
)] if {
	missing := lib.missing(_log_001_required, lib.list(a, _log_001_fields_path))
	count(missing) > 0
	found := _log_001_found(a, missing)
} else := []

_log_001_found(a, _) := "is not stated" if not lib.stated(a, _log_001_fields_path)

_log_001_found(a, missing) := sprintf("lacks %s", [concat(", ", missing)]) if lib.stated(a, _log_001_fields_path)

# METADATA
# title: Log retention
# description: >-
#   Logs must be kept long enough to investigate an incident: at least 90
#   days (a year recommended, with 90 days immediately searchable), and at
#   least six months for a high-risk AI system under the EU AI Act.
# custom:
#   id: LOG-002
#   severity: error
#   security_severity: 5.5
#   source: PCI 10.5.1; EU AI Act Art 19(1), 26(6)
#   controls:
#     "PCI DSS 4.0.1": ["10.5.1"]
#     "EU AI Act": ["Art. 19(1)", "Art. 26(6)"]
#   tags: [logging, euaia]
#   help: |
#     Set `logging.retention_days` in the attestation to the period the vendor
#     actually keeps logs: at least 90 days, at least 184 days (six months)
#     when the engagement is an EU AI Act Annex III high-risk use
#     (`ai_use.annex_iii_high_risk: true`), 365 days recommended. Set
#     `logging.searchable_days` to how long logs stay immediately searchable
#     (at least 90 days). If the vendor keeps logs for less, require a longer
#     retention in the contract.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	a := lib.attestation(d)
	conds := array.flatten([
		_log_002_minimum(d, a),
		_log_002_annex_iii(d, s, a),
		_log_002_warn(d, a),
		_log_002_searchable(d, a),
	])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_log_002_retention := ["logging", "retention_days"]

_log_002_retention_label := "log retention"

_log_002_searchable_path := ["logging", "searchable_days"]

_log_002_minimum(d, a) := [lib.cond(
	d, "attestation", "error", _log_002_retention, _log_002_retention_label, lib.found_in(days, "days"),
	lib.limit("log_retention_min_days", "min", "at least %s required", "days", ["PCI DSS 4.0.1 10.5.1"]),
)] if {
	days := lib.get(a, _log_002_retention)
	not lib.at_least(days, lib.threshold("log_retention_min_days"))
} else := []

_log_002_annex_iii(d, s, a) := [lib.cond(
	d, "attestation", "error", _log_002_retention, _log_002_retention_label, lib.found_in(days, "days"),
	lib.bound(
		"min", 184,
		"at least 184 days required for an Annex III high-risk AI system",
		["EU AI Act Art. 19(1)", "EU AI Act Art. 26(6)"],
	),
)] if {
	lib.is_true(s, ["ai_use", "annex_iii_high_risk"])
	days := lib.get(a, _log_002_retention)
	lib.below(days, 184)
} else := []

_log_002_warn(d, a) := [lib.cond(
	d, "attestation", "warning", _log_002_retention, _log_002_retention_label, lib.found_in(days, "days"),
	lib.limit("log_retention_warn_days", "min", "%s or more recommended", "days", ["PCI DSS 4.0.1 10.5.1"]),
)] if {
	days := lib.get(a, _log_002_retention)
	lib.below(days, lib.threshold("log_retention_warn_days"))
} else := []

_log_002_searchable(d, a) := [lib.cond(
	d, "attestation", "warning", _log_002_searchable_path, "immediately searchable log period", lib.found_in(days, "days"),
	lib.limit("log_searchable_min_days", "min", "at least %s required", "days", ["PCI DSS 4.0.1 10.5.1"]),
)] if {
	days := lib.get(a, _log_002_searchable_path)
	not lib.at_least(days, lib.threshold("log_searchable_min_days"))
} else := []

# METADATA
# title: Log integrity and customer access
# description: >-
#   Logs must be protected against tampering, and the customer should be able
#   to export the logs about its data for its own audits and investigations.
# custom:
#   id: LOG-003
#   severity: warning
#   security_severity: 5.0
#   source: PCI 10.3.2; GDPR 28(3)(h)
#   controls:
#     "PCI DSS 4.0.1": ["10.3.2"]
#     "GDPR": ["Art. 28(3)(h)"]
#   tags: [logging, gdpr]
#   help: |
#     Ask the vendor to attest `logging.immutable: true` (logs are write-once
#     or otherwise protected from modification) and `logging.customer_export:
#     true` (the customer can export the logs about its data). If export is not
#     offered, agree in the contract how logs are handed over on request and at
#     exit.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	conds := [lib.cond(
		d, "attestation", level, path, label, lib.found_at(a, path),
		lib.expect("must be true", cites),
	) |
		some [level, key, label, cites] in _log_003_controls
		path := ["logging", key]
		not lib.is_true(a, path)
	]
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_log_003_controls := [
	["warning", "immutable", "log immutability", ["PCI DSS 4.0.1 10.3.2"]],
	["note", "customer_export", "customer log export", ["GDPR Art. 28(3)(h)"]],
]
