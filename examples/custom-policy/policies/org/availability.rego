# METADATA
# title: Organisation rules
# description: Rules of our own, beside the built-in catalog, in the same result contract.
package vendorgate.custom.availability

import data.vendorgate.lib

# METADATA
# title: High-risk vendors need 99.9 % availability
# description: >-
#   Our risk committee requires a 99.9 % monthly availability commitment from
#   every vendor whose engagement is rated high risk.
# custom:
#   id: ORG-001
#   severity: warning
#   security_severity: 5.0
#   source: Risk Committee decision RC-2026-07
#   controls:
#     "Risk Committee": ["RC-2026-07"]
#   tags: [contract, availability]
#   help: |
#     Negotiate `sla.availability_pct: 99.9` or higher for high-risk
#     engagements, or lower the engagement's `risk.tier` after a new assessment.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	lib.get(s, ["risk", "tier"]) == "high"
	c := lib.contract(d)
	pct := lib.get(c, _path)
	lib.below(pct, 99.9)
	conds := [lib.cond(
		d, "contract", "warning", _path, "availability commitment", lib.found_in(pct, "%"),
		lib.bound("min", 99.9, "at least 99.9 % required for a high-risk vendor", ["Risk Committee RC-2026-07"]),
	)]
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_path := ["sla", "availability_pct"]
