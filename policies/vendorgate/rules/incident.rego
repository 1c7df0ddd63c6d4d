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
	fails := [f | some f in ir_001_fails(s, c)]
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

ir_001_fails(s, c) := array.concat(
	array.concat(ir_001_window(c), ir_001_nis2(s, c)),
	array.concat(ir_001_warn(c), ir_001_clock(c)),
)

window_path := ["breach_notification", "window_hours"]

ir_001_window(c) := [lib.fail("error", window_path, sprintf(
	"breach notification window is %s; at most %v h allowed (GDPR Art. 33)",
	[hours(h), max_h],
))] if {
	h := lib.get(c, window_path)
	max_h := lib.threshold("breach_notification_max_hours")
	not within(h, max_h)
} else := []

ir_001_nis2(s, c) := [lib.fail("error", window_path, sprintf(
	"breach notification window is %v h; NIS2 requires an early warning within 24 h",
	[h],
))] if {
	lib.has(s, "nis2")
	h := lib.get(c, window_path)
	h != null
	h > 24
} else := []

ir_001_warn(c) := [lib.fail("warning", window_path, sprintf(
	"breach notification window is %v h; %v h or less recommended",
	[h, warn],
))] if {
	h := lib.get(c, window_path)
	h != null
	warn := lib.threshold("breach_notification_warn_hours")
	h > warn
} else := []

ir_001_clock(c) := [lib.fail(
	"warning",
	["breach_notification", "clock_start"],
	"breach notification clock starts at confirmation; it should start at awareness",
)] if {
	lib.get(c, ["breach_notification", "clock_start"]) == "confirmation"
} else := []

within(h, max_h) if {
	h != null
	h <= max_h
}

hours(h) := "not stated" if h == null

hours(h) := sprintf("%v h", [h]) if h != null
