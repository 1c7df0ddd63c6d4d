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
	fails := array.flatten([_gov_001_texts(c), _gov_001_lists(c), _gov_001_processor(c), _gov_001_owner(c)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_gov_001_names := {
	"subject": "processing subject",
	"duration": "processing duration",
	"nature": "nature of the processing",
	"purpose": "purpose of the processing",
	"data_types": "list of personal data types",
	"subject_categories": "list of data subject categories",
}

_gov_001_texts(c) := [lib.fail("error", ["processing", field], sprintf(
	"%s is %s; a non-empty description is required (GDPR Art. 28(3))",
	[_gov_001_names[field], _gov_001_found(lib.get(c, ["processing", field]))],
)) |
	some field in ["subject", "duration", "nature", "purpose"]
	not lib.has_text(c, ["processing", field])
]

_gov_001_found(v) := "not stated" if {
	v == null
} else := "empty"

_gov_001_lists(c) := [lib.fail("error", ["processing", field], sprintf(
	"%s is not stated; a non-empty list is required (GDPR Art. 28(3))",
	[_gov_001_names[field]],
)) |
	some field in ["data_types", "subject_categories"]
	count(lib.list(c, ["processing", field])) == 0
]

_gov_001_processor(c) := [lib.fail("error", ["roles", "processor"], sprintf(
	"processor role is %s; the vendor must be the processor (GDPR Art. 28(3))",
	[lib.show(v)],
))] if {
	v := lib.get(c, ["roles", "processor"])
	v != "vendor"
} else := []

_gov_001_owner(c) := [lib.fail("error", ["roles", "data_owner"], sprintf(
	"data owner role is %s; the customer must be the data owner (GDPR Art. 28(3))",
	[lib.show(v)],
))] if {
	v := lib.get(c, ["roles", "data_owner"])
	v != "customer"
} else := []

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
	fails := _gov_002_fails(c)
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_gov_002_fails(c) := [lib.fail(level, ["data_ownership", field], sprintf(
	"%s is %s; %s",
	[field, lib.show_at(c, ["data_ownership", field]), expected],
)) |
	some [level, field, expected] in _gov_002_duties
	not lib.is_true(c, ["data_ownership", field])
]

_gov_002_duties := [
	["error", "customer_sole_owner", "the customer must remain the sole owner of its data (GDPR Art. 28(10))"],
	[
		"error", "use_limited_to_instructions",
		"the vendor must use the data only on the customer's instructions (GDPR Art. 28(3)(a))",
	],
	["warning", "outputs_customer_owned", "outputs generated from the customer's data should belong to the customer"],
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
	fails := array.flatten([_gov_003_dpia(s), _gov_003_assessed(s)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "engagement", fails)
}

_gov_003_dpia(s) := [lib.fail("error", ["risk", "dpia_done"], sprintf(
	"a DPIA is required and dpia_done is %s; the DPIA must be done (GDPR Art. 35)",
	[lib.show_at(s, ["risk", "dpia_done"])],
))] if {
	lib.is_true(s, ["risk", "dpia_required"])
	not lib.is_true(s, ["risk", "dpia_done"])
} else := []

_gov_003_assessed(s) := [lib.fail("warning", ["risk", "assessed_on"], sprintf(
	"risk assessment date is %s; an assessment at most %v days old is expected (PCI DSS 12.8.3)",
	[lib.show_age(assessed_on), max_days],
))] if {
	assessed_on := lib.get(s, ["risk", "assessed_on"])
	max_days := lib.threshold("risk_assessment_max_age_days")
	lib.stale_days(assessed_on, max_days)
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
	fails := array.flatten([_gov_004_missing(a, months), _gov_004_reviews(a, months), _gov_004_pentest(a, months)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_gov_004_types := ["security-policy", "incident-response-plan", "bc-dr-plan"]

_gov_004_missing(a, months) := [lib.fail("warning", ["documents"], sprintf(
	"attestation documents include no %s; a %s reviewed within %v months is expected (CCM A&A-01)",
	[t, t, months],
)) |
	some t in _gov_004_types
	not t in {object.get(x, "type", null) | some x in lib.list(a, ["documents"])}
]

_gov_004_reviews(a, months) := [lib.fail("warning", ["documents", i, "reviewed_on"], sprintf(
	"%s review date is %s; a review within %v months is expected (CCM GRC-03)",
	[x.type, lib.show_at(x, ["reviewed_on"]), months],
)) |
	some i, x in lib.list(a, ["documents"])
	object.get(x, "type", null) in _gov_004_types
	lib.stale_months(lib.get(x, ["reviewed_on"]), months)
]

_gov_004_pentest(a, months) := [lib.fail("warning", ["pentest", "last_on"], sprintf(
	"last penetration test date is %s; a test within %v months is expected (PCI DSS 11.4.2)",
	[lib.show_at(a, ["pentest", "last_on"]), months],
))] if {
	lib.stale_months(lib.get(a, ["pentest", "last_on"]), months)
} else := []
