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
	fails := array.flatten([_ir_001_window(c), _ir_001_nis2(s, c), _ir_001_warn(c), _ir_001_clock(c)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_window_path := ["breach_notification", "window_hours"]

_ir_001_window(c) := [lib.fail("error", _window_path, sprintf(
	"breach notification window is %s; at most %v h allowed (GDPR Art. 33)",
	[lib.show_in(h, "h"), max_h],
))] if {
	h := lib.get(c, _window_path)
	max_h := lib.threshold("breach_notification_max_hours")
	not lib.at_most(h, max_h)
} else := []

_ir_001_nis2(s, c) := [lib.fail("error", _window_path, sprintf(
	"breach notification window is %v h; NIS2 requires an early warning within 24 h",
	[h],
))] if {
	lib.has(s, "nis2")
	h := lib.get(c, _window_path)
	lib.above(h, 24)
} else := []

_ir_001_warn(c) := [lib.fail("warning", _window_path, sprintf(
	"breach notification window is %v h; %v h or less recommended",
	[h, warn],
))] if {
	h := lib.get(c, _window_path)
	warn := lib.threshold("breach_notification_warn_hours")
	lib.above(h, warn)
} else := []

_ir_001_clock(c) := [lib.fail(
	"warning",
	["breach_notification", "clock_start"],
	"breach notification clock starts at confirmation; it should start at awareness",
)] if {
	lib.get(c, ["breach_notification", "clock_start"]) == "confirmation"
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
#   security_severity: 8.0
#   source: 45 CFR 164.410(b)
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
	fails := array.flatten([_ir_002_max(c), _ir_002_warn(c)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_ir_002_path := ["baa", "breach_notice_days"]

_ir_002_max(c) := [lib.fail("error", _ir_002_path, sprintf(
	"business-associate breach notice period is %s; at most 60 days allowed (45 CFR 164.410(b))",
	[lib.show_in(days, "days")],
))] if {
	days := lib.get(c, _ir_002_path)
	not lib.at_most(days, 60)
} else := []

_ir_002_warn(c) := [lib.fail("warning", _ir_002_path, sprintf(
	"business-associate breach notice period is %v days; 10 days or less recommended (45 CFR 164.410(b))",
	[days],
))] if {
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
#   security_severity: 5.0
#   source: GDPR 33(3); 45 CFR 164.410(c)
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
	fails := array.flatten([_ir_003_gdpr(c), _ir_003_phi(s, c)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_ir_003_path := ["breach_notification", "content"]

_ir_003_required := ["nature", "categories", "approximate-counts", "contact", "consequences", "measures"]

_ir_003_gdpr(c) := [lib.fail("warning", _ir_003_path, sprintf(
	"breach notice content %s; nature, categories, approximate-counts, contact, consequences and measures required (GDPR Art. 33(3))",
	[_ir_003_found(c, missing)],
))] if {
	missing := lib.missing(_ir_003_required, lib.list(c, _ir_003_path))
	count(missing) > 0
} else := []

_ir_003_phi(s, c) := [lib.fail("warning", _ir_003_path, sprintf(
	"breach notice content %s; the identities of the individuals affected required when PHI is shared (45 CFR 164.410(c))",
	[_ir_003_found(c, ["identities"])],
))] if {
	lib.has(s, "phi")
	not "identities" in lib.list(c, _ir_003_path)
} else := []

_ir_003_found(c, _) := "is not stated" if not lib.stated(c, _ir_003_path)

_ir_003_found(c, missing) := sprintf("lacks %s", [concat(", ", missing)]) if lib.stated(c, _ir_003_path)

# METADATA
# title: Incident response plan tested
# description: >-
#   The vendor must keep an incident response plan and test it at least once
#   a year.
# custom:
#   id: IR-004
#   severity: error
#   security_severity: 8.0
#   source: PCI 12.10.2; 23 NYCRR 500.16
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
	fails := array.flatten([_ir_004_plan(a), _ir_004_tested(a)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_ir_004_plan_path := ["incident_response", "plan"]

_ir_004_tested_path := ["incident_response", "last_tested_on"]

_ir_004_plan(a) := [lib.fail("error", _ir_004_plan_path, sprintf(
	"incident response plan (incident_response.plan) is %s; it must be true (PCI DSS 12.10.1; 23 NYCRR 500.16)",
	[lib.show_at(a, _ir_004_plan_path)],
))] if {
	not lib.is_true(a, _ir_004_plan_path)
} else := []

_ir_004_tested(a) := [lib.fail(
	"warning",
	_ir_004_tested_path,
	"incident response plan test date is not stated; a test within the last 12 months required (PCI DSS 12.10.2)",
)] if {
	not lib.stated(a, _ir_004_tested_path)
} else := [lib.fail("warning", _ir_004_tested_path, sprintf(
	"incident response plan last tested on %s; a test within the last 12 months required (PCI DSS 12.10.2)",
	[tested],
))] if {
	tested := lib.get(a, _ir_004_tested_path)
	lib.older_than_months(tested, 12)
} else := []
