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
	fails := array.flatten([_log_001_events(a), _log_001_fields(a)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_log_001_events(a) := [lib.fail("error", ["logging", key], sprintf(
	"logging of %s (logging.%s) is %s; it must be true (%s)",
	[label, key, lib.show_at(a, ["logging", key]), ref],
)) |
	some [key, label, ref] in [
		["customer_data_access", "customer-data access", "PCI DSS 10.2.1.1"],
		["admin_actions", "administrative actions", "PCI DSS 10.2.1.2"],
	]
	not lib.is_true(a, ["logging", key])
]

_log_001_required := ["user", "event", "timestamp", "outcome", "origin", "object"]

_log_001_fields(a) := [lib.fail(
	"warning",
	["logging", "fields"],
	"log record fields are not stated; user, event, timestamp, outcome, origin and object required (PCI DSS 10.2.2)",
)] if {
	not lib.stated(a, ["logging", "fields"])
} else := [lib.fail("warning", ["logging", "fields"], sprintf(
	"log record fields lack %s; user, event, timestamp, outcome, origin and object required (PCI DSS 10.2.2)",
	[concat(", ", missing)],
))] if {
	missing := lib.missing(_log_001_required, lib.list(a, ["logging", "fields"]))
	count(missing) > 0
} else := []

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
	fails := array.flatten([
		_log_002_minimum(a),
		_log_002_annex_iii(s, a),
		_log_002_warn(a),
		_log_002_searchable(a),
	])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_log_002_retention := ["logging", "retention_days"]

_log_002_searchable_path := ["logging", "searchable_days"]

_log_002_minimum(a) := [lib.fail("error", _log_002_retention, sprintf(
	"log retention is %s; at least %v days required (PCI DSS 10.5.1)",
	[lib.show_in(days, "days"), min_days],
))] if {
	days := lib.get(a, _log_002_retention)
	min_days := lib.threshold("log_retention_min_days")
	not lib.at_least(days, min_days)
} else := []

_log_002_annex_iii(s, a) := [lib.fail("error", _log_002_retention, sprintf(
	"log retention is %v days; at least 184 days (six months) required for an Annex III high-risk AI system (EU AI Act Art. 19(1), 26(6))",
	[days],
))] if {
	lib.is_true(s, ["ai_use", "annex_iii_high_risk"])
	days := lib.get(a, _log_002_retention)
	lib.below(days, 184)
} else := []

_log_002_warn(a) := [lib.fail("warning", _log_002_retention, sprintf(
	"log retention is %v days; %v days or more recommended (PCI DSS 10.5.1)",
	[days, warn_days],
))] if {
	days := lib.get(a, _log_002_retention)
	warn_days := lib.threshold("log_retention_warn_days")
	lib.below(days, warn_days)
} else := []

_log_002_searchable(a) := [lib.fail("warning", _log_002_searchable_path, sprintf(
	"immediately searchable log period is %s; at least %v days expected (PCI DSS 10.5.1)",
	[lib.show_in(days, "days"), min_days],
))] if {
	days := lib.get(a, _log_002_searchable_path)
	min_days := lib.threshold("log_searchable_min_days")
	not lib.at_least(days, min_days)
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
	fails := [lib.fail(level, ["logging", key], sprintf(
		"%s (logging.%s) is %s; %s",
		[label, key, lib.show_at(a, ["logging", key]), expected],
	)) |
		some [level, key, label, expected] in _log_003_controls
		not lib.is_true(a, ["logging", key])
	]
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_log_003_controls := [
	["warning", "immutable", "log immutability", "logs must be protected from modification (PCI DSS 10.3.2)"],
	["note", "customer_export", "customer log export", "the customer should be able to export its logs (GDPR Art. 28(3)(h))"],
]
