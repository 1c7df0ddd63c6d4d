# METADATA
# title: Incidents
# description: Breach notification, HIPAA notice, notice content and incident-response testing.
package vendorgate.rules.incident

import data.vendorgate.lib

# METADATA
# title: Breach notification window
# description: >-
#   The contract must oblige the vendor to notify a personal-data breach soon
#   enough for the customer to meet its own deadlines: 72 hours to the
#   supervisory authority under GDPR, a 24-hour early warning under NIS2.
# custom:
#   id: IR-001
#   severity: error
#   security_severity: 8.0
#   source: GDPR 33(1)-(2), 28(3)(f); NIS2 Art 23(4); 23 NYCRR 500.17
#   controls:
#     "GDPR": ["Art. 33(1)", "Art. 33(2)", "Art. 28(3)(f)"]
#     "NIS2": ["Art. 23(4)"]
#     "23 NYCRR": ["500.17"]
#   tags: [incident, gdpr, nis2]
#   help: |
#     Set `breach_notification.window_hours` in the contract to the notice
#     period actually signed. It must be at most 72 hours (24 hours when NIS2
#     applies), and 48 hours or less is recommended so that the customer keeps
#     time for its own notification. The clock should start when the vendor
#     becomes aware of the breach (`clock_start: awareness`), not when it
#     confirms it. If the signed contract says more, renegotiate the clause.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	c := lib.contract(d)
	conds := array.flatten([
		_ir_001_window(d, c),
		_ir_001_nis2(d, s, c),
		_ir_001_warn(d, c),
		_ir_001_clock(d, c),
	])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_window_path := ["breach_notification", "window_hours"]

_window_label := "breach notification window"

_ir_001_window(d, c) := [lib.cond(
	d, "contract", "error", _window_path, _window_label, lib.found_in(h, "h"),
	lib.limit("breach_notification_max_hours", "max", "at most %s allowed", "h", ["GDPR Art. 33(1)"]),
)] if {
	h := lib.get(c, _window_path)
	not lib.at_most(h, lib.threshold("breach_notification_max_hours"))
} else := []

_ir_001_nis2(d, s, c) := [lib.cond(
	d, "contract", "error", _window_path, _window_label, lib.found_in(h, "h"),
	lib.bound("max", 24, "at most 24 h allowed for the early warning when NIS2 applies", ["NIS2 Art. 23(4)"]),
)] if {
	lib.has(s, "nis2")
	h := lib.get(c, _window_path)
	lib.above(h, 24)
} else := []

_ir_001_warn(d, c) := [lib.cond(
	d, "contract", "warning", _window_path, _window_label, lib.found_in(h, "h"),
	lib.limit("breach_notification_warn_hours", "max", "%s or less recommended", "h", ["GDPR Art. 33(2)"]),
)] if {
	h := lib.get(c, _window_path)
	lib.above(h, lib.threshold("breach_notification_warn_hours"))
} else := []

_ir_001_clock(d, c) := [lib.cond(
	d, "contract", "warning", path, "breach notification clock start", "is confirmation",
	lib.expect("awareness expected, so that the clock runs from when the vendor becomes aware", ["GDPR Art. 33(2)"]),
)] if {
	path := ["breach_notification", "clock_start"]
	lib.get(c, path) == "confirmation"
} else := []

# METADATA
# title: HIPAA business-associate notice
# description: >-
#   When protected health information is shared, the business associate
#   agreement must oblige the vendor to report a breach of unsecured PHI
#   without unreasonable delay and within 60 days of discovery.
# custom:
#   id: IR-002
#   severity: error
#   security_severity: 7.5
#   source: 45 CFR 164.410(b)
#   controls:
#     "HIPAA": ["45 CFR 164.410(b)"]
#   tags: [incident, hipaa]
#   help: |
#     Set `baa.breach_notice_days` in the contract to the breach notice period
#     of the signed business associate agreement. HIPAA allows at most 60 days
#     from discovery; 10 days or less is recommended so that the customer can
#     notify individuals and HHS in time. If the BAA allows more, renegotiate
#     the clause.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	lib.has(s, "phi")
	c := lib.contract(d)
	conds := array.flatten([_ir_002_max(d, c), _ir_002_warn(d, c)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_ir_002_path := ["baa", "breach_notice_days"]

_ir_002_label := "business-associate breach notice period"

_ir_002_max(d, c) := [lib.cond(
	d, "contract", "error", _ir_002_path, _ir_002_label, lib.found_in(days, "days"),
	lib.bound("max", 60, "at most 60 days allowed", ["HIPAA 45 CFR 164.410(b)"]),
)] if {
	days := lib.get(c, _ir_002_path)
	not lib.at_most(days, 60)
} else := []

_ir_002_warn(d, c) := [lib.cond(
	d, "contract", "warning", _ir_002_path, _ir_002_label, lib.found_in(days, "days"),
	lib.bound("max", 10, "10 days or less recommended", ["HIPAA 45 CFR 164.410(b)"]),
)] if {
	days := lib.get(c, _ir_002_path)
	lib.above(days, 10)
} else := []

# METADATA
# title: Notice content
# description: >-
#   A breach notice must carry what the customer needs for its own
#   notification: the nature of the breach, the categories and approximate
#   numbers of people and records, a contact, the likely consequences and the
#   measures taken, and under HIPAA the identities of the individuals affected.
# custom:
#   id: IR-003
#   severity: warning
#   security_severity: 4.0
#   source: GDPR 33(3); 45 CFR 164.410(c)
#   controls:
#     "GDPR": ["Art. 33(3)"]
#     "HIPAA": ["45 CFR 164.410(c)"]
#   tags: [incident, gdpr, hipaa]
#   help: |
#     List in the contract's `breach_notification.content` every item the
#     signed clause requires the vendor's breach notice to contain: `nature`,
#     `categories`, `approximate-counts`, `contact`, `consequences` and
#     `measures`, plus `identities` when PHI is shared. If the clause is
#     silent on an item, add it to the contract.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	c := lib.contract(d)
	missing := _ir_003_missing(s, c)
	count(missing) > 0
	found := _ir_003_found(c, missing)
	conds := array.flatten([_ir_003_gdpr(d, c, found), _ir_003_phi(d, s, c, found)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_ir_003_path := ["breach_notification", "content"]

_ir_003_label := "breach notice content"

_ir_003_required := ["nature", "categories", "approximate-counts", "contact", "consequences", "measures"]

_ir_003_missing(s, c) := lib.missing(array.concat(_ir_003_required, ["identities"]), lib.list(c, _ir_003_path)) if {
	lib.has(s, "phi")
} else := lib.missing(_ir_003_required, lib.list(c, _ir_003_path))

_ir_003_found(c, _) := "is not stated" if not lib.stated(c, _ir_003_path)

_ir_003_found(c, missing) := sprintf("lacks %s", [concat(", ", missing)]) if lib.stated(c, _ir_003_path)

_ir_003_gdpr(d, c, found) := [lib.cond(
	d, "contract", "warning", _ir_003_path, _ir_003_label, found,
	lib.expect("nature, categories, approximate-counts, contact, consequences and measures required", ["GDPR Art. 33(3)"]),
)] if {
	count(lib.missing(_ir_003_required, lib.list(c, _ir_003_path))) > 0
} else := []

_ir_003_phi(d, s, c, found) := [lib.cond(
	d, "contract", "warning", _ir_003_path, _ir_003_label, found,
	lib.expect("the identities of the individuals affected required when PHI is shared", ["HIPAA 45 CFR 164.410(c)"]),
)] if {
	lib.has(s, "phi")
	not "identities" in lib.list(c, _ir_003_path)
} else := []

# METADATA
# title: Incident response plan tested
# description: >-
#   The vendor must keep an incident response plan and test it at least once
#   a year.
# custom:
#   id: IR-004
#   severity: error
#   security_severity: 6.5
#   source: PCI 12.10.2; 23 NYCRR 500.16
#   controls:
#     "PCI DSS 4.0.1": ["12.10.2"]
#     "23 NYCRR": ["500.16"]
#   tags: [incident]
#   help: |
#     Ask the vendor to attest `incident_response.plan: true` (a documented
#     incident response plan is in force) and to set
#     `incident_response.last_tested_on` to the date of its latest test or
#     tabletop exercise, which must be within the last 12 months. If the plan
#     has not been tested, ask for a test before onboarding.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	conds := array.flatten([_ir_004_plan(d, a), _ir_004_tested(d, a)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_ir_004_plan_path := ["incident_response", "plan"]

_ir_004_tested_path := ["incident_response", "last_tested_on"]

_ir_004_plan(d, a) := [lib.cond(
	d, "attestation", "error", _ir_004_plan_path, "incident response plan", lib.found_at(a, _ir_004_plan_path),
	lib.expect("must be true", ["23 NYCRR 500.16"]),
)] if {
	not lib.is_true(a, _ir_004_plan_path)
} else := []

_ir_004_tested(d, a) := [lib.cond(
	d, "attestation", "warning", _ir_004_tested_path, "incident response plan test date",
	sprintf("is %s", [lib.show_age(tested)]),
	lib.expect("a test within the last 12 months required", ["PCI DSS 4.0.1 12.10.2"]),
)] if {
	tested := lib.get(a, _ir_004_tested_path)
	lib.stale_months(tested, 12)
} else := []
