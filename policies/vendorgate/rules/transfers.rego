# METADATA
# title: Transfers
# description: Data residency, international transfer mechanisms and transfer impact assessments.
package vendorgate.rules.transfers

import data.vendorgate.lib

# METADATA
# title: Data residency
# description: >-
#   Customer data may be stored, processed or accessed only in the regions
#   the customer allows, by the vendor and by each of its sub-processors, and
#   the contract must require notice before data moves to a new location.
# custom:
#   id: XFR-001
#   severity: error
#   security_severity: 7.5
#   source: GDPR Art 44; DORA 30(2)(b)
#   controls:
#     "GDPR": ["Art. 44"]
#     "DORA": ["Art. 30(2)(b)"]
#   tags: [transfers, gdpr, dora]
#   help: |
#     State in the engagement the regions where the customer's data may go
#     (`allowed_regions`; `eea` also allows `eu`), and obtain from the vendor
#     its `residency` (`storage`, `processing`, `support_access` regions) and
#     the `locations` of each sub-processor. Every region listed there must be
#     allowed: move the data, or consciously extend `allowed_regions` after a
#     transfer assessment. The contract should also state
#     `location_change_notice_days`, the notice the vendor gives before it
#     changes where data is stored or processed.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	a := lib.attestation(d)
	c := lib.contract(d)
	conds := array.flatten([
		_xfr_001_allowed_unstated(d, s),
		_xfr_001_residency_unstated(d, a),
		_xfr_001_residency(d, s, a),
		_xfr_001_locations(d, s, a),
		_xfr_001_notice(d, c),
	])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_xfr_001_allowed_unstated(d, s) := [lib.cond(
	d, "engagement", "error", ["allowed_regions"], "allowed regions", "are not stated",
	lib.expect("the regions where customer data may go required", ["GDPR Art. 44"]),
)] if {
	not lib.stated(s, ["allowed_regions"])
} else := []

_xfr_001_residency_unstated(d, a) := [lib.cond(
	d, "attestation", "error", ["residency"], "data residency", "is not stated",
	lib.expect("storage, processing and support-access regions required", ["GDPR Art. 44"]),
)] if {
	not _xfr_001_residency_stated(a)
} else := []

_xfr_001_kinds := ["storage", "processing", "support_access"]

_xfr_001_residency_stated(a) if {
	some kind in _xfr_001_kinds
	lib.stated(a, ["residency", kind])
}

_xfr_001_residency(d, s, a) := [_xfr_001_region(d, ["residency", kind, j], sprintf("%s region", [replace(kind, "_", "-")]), r, allowed) |
	lib.stated(s, ["allowed_regions"])
	allowed := lib.list(s, ["allowed_regions"])
	some kind in _xfr_001_kinds
	some j, r in lib.list(a, ["residency", kind])
	not _xfr_001_allowed(r, allowed)
]

_xfr_001_locations(d, s, a) := [_xfr_001_region(d, ["subprocessors", i, "locations", j], "sub-processor location", r, allowed) |
	lib.stated(s, ["allowed_regions"])
	allowed := lib.list(s, ["allowed_regions"])
	some i, sp in lib.list(a, ["subprocessors"])
	some j, r in lib.list(sp, ["locations"])
	not _xfr_001_allowed(r, allowed)
]

_xfr_001_region(d, path, label, r, allowed) := lib.cond(
	d, "attestation", "error", path, label, lib.found(r),
	lib.expect(sprintf("one of the allowed regions %s required", [concat(", ", allowed)]), ["GDPR Art. 44"]),
)

_xfr_001_allowed(r, allowed) if r in allowed

_xfr_001_allowed("eu", allowed) if "eea" in allowed

_xfr_001_notice(d, c) := [lib.cond(
	d, "contract", "warning", ["location_change_notice_days"], "location change notice", "is not stated",
	lib.expect("a notice period before data moves to a new location required", ["DORA Art. 30(2)(b)"]),
)] if {
	not lib.stated(c, ["location_change_notice_days"])
} else := []

# METADATA
# title: Transfer mechanism
# description: >-
#   Every transfer of personal data out of the EU/EEA, by the vendor or by a
#   sub-processor, must rest on a valid GDPR Chapter V mechanism.
# custom:
#   id: XFR-002
#   severity: error
#   security_severity: 7.5
#   source: GDPR 45, 46(2)(c); Decision 2021/914; Decision 2023/1795
#   controls:
#     "GDPR": ["Art. 45", "Art. 46(2)(c)"]
#     "Commission Decision": ["2021/914", "2023/1795"]
#   tags: [transfers, gdpr]
#   help: |
#     For each item of `transfers` with a region outside `eu`/`eea`, and each
#     sub-processor with a location outside `eu`/`eea`, state a valid
#     mechanism (`mechanism`, or `transfer_mechanism` for a sub-processor):
#     `adequacy`, `scc-2021` or `bcr`. The 2010 SCCs were repealed by
#     Decision 2021/914 and `none` is no mechanism. `dpf` (the EU-US Data
#     Privacy Framework) is valid only for transfers to `us` and only while
#     the recipient's certification is active (`dpf_active: true`); for
#     other regions sign the 2021 SCCs instead.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	lib.has(s, "gdpr")
	a := lib.attestation(d)
	conds := array.concat(
		[c |
			some i, t in lib.list(a, ["transfers"])
			region := lib.get(t, ["region"])
			not region in _xfr_eu
			some c in _xfr_002_item(d, ["transfers", i], "mechanism", "transfer mechanism", t, [region])
		],
		[c |
			some i, sp in lib.list(a, ["subprocessors"])
			regions := [r | some r in lib.list(sp, ["locations"]); not r in _xfr_eu]
			count(regions) > 0
			some c in _xfr_002_item(
				d, ["subprocessors", i], "transfer_mechanism", "sub-processor transfer mechanism",
				sp, regions,
			)
		],
	)
	some result in lib.results(rego.metadata.rule(), d, conds)
}

# Every condition of an item is located at its mechanism (or at the item when it is absent).
_xfr_002_item(d, base, key, label, item, regions) := array.flatten([
	_xfr_002_invalid(d, base, key, label, item),
	_xfr_002_dpf_region(d, base, key, label, item, regions),
	_xfr_002_dpf_active(d, base, key, item),
])

_xfr_002_invalid(d, base, key, label, item) := [lib.cond(
	d, "attestation", "error", array.concat(base, [key]), label, "is scc-2010",
	lib.expect("scc-2021 required, as the 2010 clauses were repealed", ["Commission Decision 2021/914"]),
)] if {
	lib.get(item, [key]) == "scc-2010"
} else := [lib.cond(
	d, "attestation", "error", array.concat(base, [key]), label, lib.found_at(item, [key]),
	lib.expect("adequacy, scc-2021, bcr or dpf required", ["GDPR Art. 45", "GDPR Art. 46(2)(c)"]),
)] if {
	lib.get(item, [key]) in {null, "none"}
} else := []

_xfr_002_dpf_region(d, base, key, label, item, regions) := [lib.cond(
	d, "attestation", "error", array.concat(base, [key]), label, "is dpf",
	lib.expect(
		sprintf("a mechanism other than dpf required for %s, as dpf covers transfers to us only", [concat(", ", [_xfr_002_region_text(r) | some r in others])]),
		["Commission Decision 2023/1795"],
	),
)] if {
	lib.get(item, [key]) == "dpf"
	others := [r | some r in regions; r != "us"]
	count(others) > 0
} else := []

_xfr_002_region_text(null) := "an unstated region"

_xfr_002_region_text(r) := sprintf("%v", [r]) if r != null

_xfr_002_dpf_active(d, base, key, item) := [lib.cond_at(
	d, "attestation", "error", array.concat(base, [key]), array.concat(base, ["dpf_active"]),
	"active DPF certification", lib.found_at(item, ["dpf_active"]),
	lib.expect("must be true when relying on dpf", ["Commission Decision 2023/1795"]),
)] if {
	lib.get(item, [key]) == "dpf"
	not lib.is_true(item, ["dpf_active"])
} else := []

# METADATA
# title: Transfer impact assessment
# description: >-
#   A transfer out of the EU/EEA under standard contractual clauses or
#   binding corporate rules needs a documented transfer impact assessment.
# custom:
#   id: XFR-003
#   severity: warning
#   security_severity: 5.0
#   source: SCC Clause 14; EDPB Rec. 01/2020
#   controls:
#     "SCC 2021/914": ["Clause 14"]
#     "EDPB": ["Recommendations 01/2020"]
#   tags: [transfers, gdpr]
#   help: |
#     For each item of `transfers` with a region outside `eu`/`eea` whose
#     `mechanism` is `scc-2021` or `bcr`, the vendor must have assessed the
#     laws and practices of the destination (SCC Clause 14, EDPB
#     Recommendations 01/2020) and state `tia_done: true`. Request the
#     transfer impact assessment from the vendor and review it before
#     setting the field.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	lib.has(s, "gdpr")
	a := lib.attestation(d)
	conds := [lib.cond(
		d, "attestation", "warning", ["transfers", i, "tia_done"], "transfer impact assessment",
		lib.found_at(t, ["tia_done"]),
		lib.expect(sprintf("must be true for a transfer outside the EU/EEA under %s", [m]), _xfr_003_cites[m]),
	) |
		some i, t in lib.list(a, ["transfers"])
		not lib.get(t, ["region"]) in _xfr_eu
		m := lib.get(t, ["mechanism"])
		m in {"scc-2021", "bcr"}
		not lib.is_true(t, ["tia_done"])
	]
	some result in lib.results(rego.metadata.rule(), d, conds)
}

# SCC Clause 14 asks for the assessment under the 2021 clauses; the EDPB recommendations for
# every Art. 46 tool, binding corporate rules included.
_xfr_003_cites := {
	"scc-2021": ["SCC 2021/914 Clause 14", "EDPB Recommendations 01/2020"],
	"bcr": ["EDPB Recommendations 01/2020"],
}

_xfr_eu := {"eu", "eea"}
