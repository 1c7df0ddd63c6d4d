# METADATA
# title: Governance
# description: Processing roles and description, data ownership, risk assessment and security documentation.
package vendorgate.rules.governance

import data.vendorgate.lib

# METADATA
# title: Roles and processing described
# description: >-
#   The contract must describe the processing (subject, duration, nature,
#   purpose, types of data, categories of data subjects) and make the vendor
#   the processor and the customer the data owner.
# custom:
#   id: GOV-001
#   severity: error
#   security_severity: 6.0
#   source: GDPR 28(3); PCI DSS 4.0.1 12.8.5; CCM STA-04
#   controls:
#     "GDPR": ["Art. 28(3)"]
#     "PCI DSS 4.0.1": ["12.8.5"]
#     "CSA CCM v4": ["STA-04"]
#   tags: [governance, gdpr, pci-dss]
#   help: |
#     Fill in the contract's `processing` section as the signed DPA states it:
#     `subject`, `duration`, `nature` and `purpose` as non-empty texts,
#     `data_types` and `subject_categories` as non-empty lists. Set
#     `roles.processor: vendor` and `roles.data_owner: customer`; if the signed
#     contract gives the vendor any other role, renegotiate it before onboarding.
deny contains result if {
	some d in input.dossiers
	c := lib.contract(d)
	conds := array.flatten([_gov_001_texts(d, c), _gov_001_lists(d, c), _gov_001_roles(d, c)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_gov_001_names := {
	"subject": "processing subject",
	"duration": "processing duration",
	"nature": "nature of the processing",
	"purpose": "purpose of the processing",
	"data_types": "personal data types",
	"subject_categories": "data subject categories",
}

_gov_001_texts(d, c) := [lib.cond(
	d, "contract", "error", ["processing", field], _gov_001_names[field], _gov_001_found(lib.get(c, ["processing", field])),
	lib.expect("a non-empty description required", ["GDPR Art. 28(3)"]),
) |
	some field in ["subject", "duration", "nature", "purpose"]
	not lib.has_text(c, ["processing", field])
]

# A blank text reads as not stated but is shown as it is, located at its key.
_gov_001_found(v) := "is empty" if {
	is_string(v)
} else := lib.found(v)

_gov_001_lists(d, c) := [lib.cond(
	d, "contract", "error", ["processing", field], _gov_001_names[field], "is not stated",
	lib.expect("a non-empty list required", ["GDPR Art. 28(3)"]),
) |
	some field in ["data_types", "subject_categories"]
	count(lib.list(c, ["processing", field])) == 0
]

_gov_001_roles(d, c) := [lib.cond(
	d, "contract", "error", ["roles", role], label, lib.found(v),
	lib.expect(sprintf("%s required", [party]), ["GDPR Art. 28(3)", "CSA CCM v4 STA-04"]),
) |
	some [role, label, party] in [["processor", "processor role", "vendor"], ["data_owner", "data owner role", "customer"]]
	v := lib.get(c, ["roles", role])
	v != party
]

# METADATA
# title: Customer is sole data owner
# description: >-
#   The contract must leave the customer the sole owner of its data, limit
#   the vendor's use to the customer's instructions and, preferably, give the
#   customer the outputs generated from its data.
# custom:
#   id: GOV-002
#   severity: error
#   security_severity: 7.0
#   source: GDPR 28(3)(a), 28(10); Cal. Civ. Code 1798.140(ag)
#   controls:
#     "GDPR": ["Art. 28(3)(a)", "Art. 28(10)"]
#     "Cal. Civ. Code": ["1798.140(ag)"]
#   tags: [governance, gdpr, ccpa]
#   help: |
#     The contract must state that the customer remains the sole owner of its
#     data (`data_ownership.customer_sole_owner: true`) and that the vendor
#     uses it only on the customer's documented instructions
#     (`data_ownership.use_limited_to_instructions: true`); a vendor that
#     decides its own purposes becomes a controller. Ask also that outputs
#     generated from the customer's data belong to the customer
#     (`data_ownership.outputs_customer_owned: true`).
deny contains result if {
	some d in input.dossiers
	c := lib.contract(d)
	conds := [lib.cond(
		d, "contract", level, ["data_ownership", field], label, lib.found_at(c, ["data_ownership", field]),
		lib.expect("must be true", [cite]),
	) |
		some [level, field, label, cite] in _gov_002_duties
		not lib.is_true(c, ["data_ownership", field])
	]
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_gov_002_duties := [
	["error", "customer_sole_owner", "customer sole ownership of its data", "GDPR Art. 28(10)"],
	["error", "use_limited_to_instructions", "use limited to the customer's instructions", "GDPR Art. 28(3)(a)"],
	["warning", "outputs_customer_owned", "customer ownership of outputs", "Cal. Civ. Code 1798.140(ag)"],
]

# METADATA
# title: Risk assessment current
# description: >-
#   The customer's own risk assessment of the vendor must be recent, and a
#   DPIA must be done when one is required.
# custom:
#   id: GOV-003
#   severity: error
#   security_severity: 6.0
#   source: PCI 12.8.3; GDPR Art 35
#   controls:
#     "PCI DSS 4.0.1": ["12.8.3"]
#     "GDPR": ["Art. 35"]
#   tags: [governance, gdpr, pci-dss]
#   help: |
#     When the engagement requires a data protection impact assessment
#     (`risk.dpia_required: true`), carry it out before onboarding and set
#     `risk.dpia_done: true`. Reassess the vendor's risk at least every 365
#     days (the `risk_assessment_max_age_days` threshold) and set
#     `risk.assessed_on` to the date of the latest assessment.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	conds := array.flatten([_gov_003_dpia(d, s), _gov_003_assessed(d, s)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_gov_003_dpia(d, s) := [lib.cond(
	d, "engagement", "error", path, "DPIA done", lib.found_at(s, path),
	lib.expect("must be true when a DPIA is required", ["GDPR Art. 35"]),
)] if {
	path := ["risk", "dpia_done"]
	lib.is_true(s, ["risk", "dpia_required"])
	not lib.is_true(s, path)
} else := []

_gov_003_assessed(d, s) := [lib.cond(
	d, "engagement", "warning", path, "risk assessment date", sprintf("is %s", [lib.show_age(assessed_on)]),
	lib.limit("risk_assessment_max_age_days", "max", "an assessment within the last %s required", "days", ["PCI DSS 4.0.1 12.8.3"]),
)] if {
	path := ["risk", "assessed_on"]
	assessed_on := lib.get(s, path)
	lib.stale_days(assessed_on, lib.threshold("risk_assessment_max_age_days"))
} else := []

# METADATA
# title: Security documentation and testing
# description: >-
#   The vendor must provide a security policy, an incident-response plan and a
#   business-continuity / disaster-recovery plan, each reviewed within the
#   review period, and a penetration test within the same period.
# custom:
#   id: GOV-004
#   severity: warning
#   security_severity: 4.5
#   source: CCM A&A-01, GRC-03, TVM-06; PCI 11.4.2, 11.4.3
#   controls:
#     "CSA CCM v4": ["A&A-01", "GRC-03", "TVM-06"]
#     "PCI DSS 4.0.1": ["11.4.2", "11.4.3"]
#   tags: [governance, pci-dss]
#   help: |
#     Ask the vendor for its `security-policy`, `incident-response-plan` and
#     `bc-dr-plan` and list each under the attestation's `documents` with the
#     date of its latest review in `reviewed_on`; each must have been reviewed
#     within 12 months (the `review_max_age_months` threshold). Set
#     `pentest.last_on` to the date of the latest penetration test, which must
#     fall within the same period; ask for a new test if it is older.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	months := lib.threshold("review_max_age_months")
	conds := array.flatten([_gov_004_missing(d, a), _gov_004_reviews(d, a, months), _gov_004_pentest(d, a, months)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_gov_004_types := ["security-policy", "incident-response-plan", "bc-dr-plan"]

_gov_004_names := {
	"security-policy": "security policy",
	"incident-response-plan": "incident-response plan",
	"bc-dr-plan": "business-continuity / disaster-recovery plan",
}

_gov_004_articles := {
	"security-policy": "a security policy",
	"incident-response-plan": "an incident-response plan",
	"bc-dr-plan": "a business-continuity / disaster-recovery plan",
}

# Every missing document type is a condition on the list, so they are one value at documents.
_gov_004_missing(d, a) := [lib.cond(
	d, "attestation", "warning", ["documents"], "document list", _gov_004_missing_found(a, missing),
	lib.expect(
		"a security policy, an incident-response plan and a business-continuity / disaster-recovery plan required",
		["CSA CCM v4 A&A-01"],
	),
)] if {
	present := {object.get(x, "type", null) | some x in lib.list(a, ["documents"])}
	missing := [object.get(_gov_004_articles, t, t) | some t in _gov_004_types; not t in present]
	count(missing) > 0
} else := []

_gov_004_missing_found(a, _) := "is not stated" if {
	count(lib.list(a, ["documents"])) == 0
}

_gov_004_missing_found(a, missing) := sprintf("lacks %s", [_and(missing)]) if {
	count(lib.list(a, ["documents"])) > 0
}

# "x", "x and y", "x, y and z".
_and(xs) := xs[0] if count(xs) == 1

_and(xs) := sprintf("%s and %s", [concat(", ", array.slice(xs, 0, count(xs) - 1)), xs[count(xs) - 1]]) if count(xs) > 1

_gov_004_reviews(d, a, months) := [lib.cond(
	d, "attestation", "warning", ["documents", i, "reviewed_on"], sprintf("%s review date", [_gov_004_names[x.type]]),
	sprintf("is %s", [lib.show_age(lib.get(x, ["reviewed_on"]))]),
	lib.limit("review_max_age_months", "max", "a review within the last %s required", "months", ["CSA CCM v4 GRC-03"]),
) |
	some i, x in lib.list(a, ["documents"])
	object.get(x, "type", null) in _gov_004_types
	lib.stale_months(lib.get(x, ["reviewed_on"]), months)
]

_gov_004_pentest(d, a, months) := [lib.cond(
	d, "attestation", "warning", path, "penetration test date", sprintf("is %s", [lib.show_age(lib.get(a, path))]),
	lib.limit(
		"review_max_age_months", "max", "a test within the last %s required", "months",
		["PCI DSS 4.0.1 11.4.2", "PCI DSS 4.0.1 11.4.3", "CSA CCM v4 TVM-06"],
	),
)] if {
	path := ["pentest", "last_on"]
	lib.stale_months(lib.get(a, path), months)
} else := []
