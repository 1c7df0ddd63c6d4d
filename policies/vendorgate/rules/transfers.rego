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
	some f in _xfr_001_fails(s, a, c)
	result := lib.result(rego.metadata.rule(), d, f.role, [f.fail])
}

_xfr_001_fails(s, a, c) := (_xfr_001_unstated(s, a) | _xfr_001_regions(s, a)) | _xfr_001_notice(c)

_xfr_001_unstated(s, a) := {f |
	not lib.stated(s, ["allowed_regions"])
	f := {"role": "engagement", "fail": lib.fail(
		"error",
		["allowed_regions"],
		"allowed regions are not stated; the engagement must list the regions where customer data may go (GDPR Art. 44)",
	)}
} | {f |
	not _xfr_001_residency_stated(a)
	f := {"role": "attestation", "fail": lib.fail(
		"error",
		["residency"],
		"data residency is not stated; the storage, processing and support-access regions must be listed (GDPR Art. 44)",
	)}
}

_xfr_001_kinds := ["storage", "processing", "support_access"]

_xfr_001_residency_stated(a) if {
	some kind in _xfr_001_kinds
	lib.stated(a, ["residency", kind])
}

_xfr_001_regions(s, a) := {f |
	lib.stated(s, ["allowed_regions"])
	allowed := lib.list(s, ["allowed_regions"])
	some kind in _xfr_001_kinds
	some j, r in lib.list(a, ["residency", kind])
	not _xfr_001_allowed(r, allowed)
	f := {"role": "attestation", "fail": lib.fail("error", ["residency", kind, j], sprintf(
		"%s region %v is not allowed; allowed regions are %s (GDPR Art. 44)",
		[replace(kind, "_", " "), r, concat(", ", allowed)],
	))}
} | {f |
	lib.stated(s, ["allowed_regions"])
	allowed := lib.list(s, ["allowed_regions"])
	some i, sp in lib.list(a, ["subprocessors"])
	some j, r in lib.list(sp, ["locations"])
	not _xfr_001_allowed(r, allowed)
	f := {"role": "attestation", "fail": lib.fail("error", ["subprocessors", i, "locations", j], sprintf(
		"%s location %v is not allowed; allowed regions are %s (GDPR Art. 44)",
		[lib.subprocessor_label(sp, i), r, concat(", ", allowed)],
	))}
}

_xfr_001_allowed(r, allowed) if r in allowed

_xfr_001_allowed("eu", allowed) if "eea" in allowed

_xfr_001_notice(c) := {{"role": "contract", "fail": lib.fail(
	"warning",
	["location_change_notice_days"],
	"location change notice is not stated; the contract should require notice before data moves to a new location (DORA Art. 30(2)(b))",
)}} if {
	not lib.stated(c, ["location_change_notice_days"])
} else := set()

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
	some fails in _xfr_002_fails(a)
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_xfr_002_fails(a) := {fails |
	some i, t in lib.list(a, ["transfers"])
	region := lib.get(t, ["region"])
	not region in _xfr_eu
	fails := _xfr_002_item(t, ["transfers", i], "mechanism", _xfr_transfer_label(t, i), [region])
	count(fails) > 0
} | {fails |
	some i, sp in lib.list(a, ["subprocessors"])
	regions := [r | some r in lib.list(sp, ["locations"]); not r in _xfr_eu]
	count(regions) > 0
	fails := _xfr_002_item(sp, ["subprocessors", i], "transfer_mechanism", lib.subprocessor_label(sp, i), regions)
	count(fails) > 0
}

_xfr_002_item(item, base, key, label, regions) := array.flatten([
	_xfr_002_invalid(item, base, key, label),
	_xfr_002_dpf_region(item, base, key, label, regions),
	_xfr_002_dpf_active(item, base, key, label),
])

_xfr_002_invalid(item, base, key, label) := [lib.fail("error", array.concat(base, [key]), sprintf(
	"%s: transfer mechanism is %s; adequacy, scc-2021, bcr or an active dpf certification (us only) required (GDPR Art. 45, 46)",
	[label, lib.show(m)],
))] if {
	m := lib.get(item, [key])
	m in {null, "none", "scc-2010"}
} else := []

_xfr_002_dpf_region(item, base, key, label, regions) := [lib.fail("error", array.concat(base, [key]), sprintf(
	"%s relies on dpf; the EU-US Data Privacy Framework covers only us, not %s (Decision 2023/1795)",
	[label, concat(", ", [_xfr_002_region_text(r) | some r in others])],
))] if {
	lib.get(item, [key]) == "dpf"
	others := [r | some r in regions; r != "us"]
	count(others) > 0
} else := []

_xfr_002_region_text(null) := "an unstated region"

_xfr_002_region_text(r) := sprintf("%v", [r]) if r != null

_xfr_002_dpf_active(item, base, key, label) := [lib.fail("error", array.concat(base, ["dpf_active"]), sprintf(
	"%s: dpf_active is %s; an active DPF certification required (Decision 2023/1795)",
	[label, lib.show_at(item, ["dpf_active"])],
))] if {
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
	some i, t in lib.list(a, ["transfers"])
	not lib.get(t, ["region"]) in _xfr_eu
	m := lib.get(t, ["mechanism"])
	m in {"scc-2021", "bcr"}
	not lib.is_true(t, ["tia_done"])
	result := lib.result(rego.metadata.rule(), d, "attestation", [lib.fail(
		"warning",
		["transfers", i, "tia_done"],
		sprintf(
			"%s under %s has tia_done %s; a transfer impact assessment (tia_done: true) expected (SCC Clause 14)",
			[_xfr_transfer_label(t, i), m, lib.show_at(t, ["tia_done"])],
		),
	)])
}

_xfr_eu := {"eu", "eea"}

_xfr_transfer_label(t, i) := sprintf("transfer to %v", [t.region]) if {
	lib.stated(t, ["region"])
} else := sprintf("transfer no. %d", [i + 1])
