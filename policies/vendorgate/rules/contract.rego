# METADATA
# title: Contract clauses
# description: Article 28 DPA, business associate agreement, CCPA service-provider terms, SLA and audit rights.
package vendorgate.rules.contract

import data.vendorgate.lib

# METADATA
# title: Article 28 DPA
# description: >-
#   When GDPR applies, the vendor processes personal data on the customer's
#   behalf only under a signed data processing agreement that contains every
#   clause GDPR Art. 28(3) requires.
# custom:
#   id: CTR-001
#   severity: error
#   security_severity: 7.5
#   source: GDPR 28(3)(a)-(h), 28(9)
#   controls:
#     "GDPR": ["Art. 28(3)(a)", "Art. 28(3)(b)", "Art. 28(3)(c)", "Art. 28(3)(d)", "Art. 28(3)(e)", "Art. 28(3)(f)", "Art. 28(3)(g)", "Art. 28(3)(h)", "Art. 28(9)"]
#   tags: [contract, gdpr]
#   help: |
#     Sign a data processing agreement with the vendor and record it in the
#     contract as `dpa.signed: true`. Its `dpa.clauses` must list all of
#     `instructions`, `confidentiality`, `security`, `subprocessing`,
#     `data-subject-requests`, `assistance`, `deletion-return` and `audits`
#     (GDPR Art. 28(3)(a)-(h)); add any missing clause to the DPA before the
#     vendor receives personal data.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	lib.has(s, "gdpr")
	c := lib.contract(d)
	fails := array.flatten([_ctr_001_signed(c), _ctr_001_clauses(c)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_ctr_001_required := [
	"instructions",
	"confidentiality",
	"security",
	"subprocessing",
	"data-subject-requests",
	"assistance",
	"deletion-return",
	"audits",
]

_ctr_001_signed(c) := [lib.fail("error", ["dpa", "signed"], sprintf(
	"DPA signed is %s; a signed Article 28 DPA required (GDPR Art. 28(3), 28(9))",
	[lib.show_at(c, ["dpa", "signed"])],
))] if {
	not lib.is_true(c, ["dpa", "signed"])
} else := []

_ctr_001_clauses(c) := [lib.fail("error", ["dpa", "clauses"], sprintf(
	"DPA clauses are not stated; %s required (GDPR Art. 28(3))",
	[concat(", ", _ctr_001_required)],
))] if {
	not lib.stated(c, ["dpa", "clauses"])
} else := [lib.fail("error", ["dpa", "clauses"], sprintf(
	"DPA clauses lack %s; %s required (GDPR Art. 28(3))",
	[concat(", ", missing), concat(", ", _ctr_001_required)],
))] if {
	missing := lib.missing(_ctr_001_required, lib.list(c, ["dpa", "clauses"]))
	count(missing) > 0
} else := []

# METADATA
# title: Business associate agreement
# description: >-
#   When the vendor receives protected health information, HIPAA requires a
#   signed business associate agreement.
# custom:
#   id: CTR-002
#   severity: error
#   security_severity: 8.0
#   source: 45 CFR 164.502(e), 164.504(e)
#   controls:
#     "HIPAA": ["45 CFR 164.502(e)", "45 CFR 164.504(e)"]
#   tags: [contract, hipaa]
#   help: |
#     Sign a business associate agreement meeting 45 CFR 164.504(e) with the
#     vendor before it receives PHI, and record it in the contract as
#     `baa.signed: true`. If no PHI is shared, remove `phi` from the
#     engagement's `data_classes` and `hipaa` from its `regimes`.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	lib.has(s, "phi")
	c := lib.contract(d)
	not lib.is_true(c, ["baa", "signed"])
	result := lib.result(rego.metadata.rule(), d, "contract", [lib.fail("error", ["baa", "signed"], sprintf(
		"business associate agreement signed is %s; a signed BAA required (45 CFR 164.502(e))",
		[lib.show_at(c, ["baa", "signed"])],
	))])
}

# METADATA
# title: CCPA service-provider terms
# description: >-
#   When CCPA applies, the contract must contain every term that makes the
#   vendor a service provider rather than a third party.
# custom:
#   id: CTR-003
#   severity: error
#   security_severity: 6.5
#   source: Cal. Civ. Code 1798.100(d), 1798.140(ag); 11 CCR 7051
#   controls:
#     "Cal. Civ. Code": ["1798.100(d)", "1798.140(ag)"]
#     "11 CCR": ["7051"]
#   tags: [contract, ccpa]
#   help: |
#     The contract must contain the CCPA service-provider terms and record
#     each as true under `ccpa`: `no_sell_share` (no selling or sharing),
#     `specified_purposes` (the business purposes are specified),
#     `purpose_limit` (no use outside them), `no_combining` (no combining
#     with other personal information), `same_protection` (the same level of
#     privacy protection as the CCPA), `audit_remediate` (the customer may
#     take steps to stop and remediate unauthorised use) and
#     `notify_if_noncompliant` (the vendor notifies when it can no longer
#     comply). Amend the contract for every term that is missing.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	lib.has(s, "ccpa")
	c := lib.contract(d)
	some field in _ctr_003_fields
	not lib.is_true(c, ["ccpa", field])
	result := lib.result(rego.metadata.rule(), d, "contract", [lib.fail("error", ["ccpa", field], sprintf(
		"CCPA service-provider term %s is %s; true required (Cal. Civ. Code 1798.140(ag))",
		[field, lib.show_at(c, ["ccpa", field])],
	))])
}

_ctr_003_fields := [
	"no_sell_share",
	"specified_purposes",
	"purpose_limit",
	"no_combining",
	"same_protection",
	"audit_remediate",
	"notify_if_noncompliant",
]

# METADATA
# title: SLA with remedies
# description: >-
#   The contract must commit the vendor to a service level and give the
#   customer a remedy when the vendor misses it.
# custom:
#   id: CTR-004
#   severity: error
#   security_severity: 3.0
#   source: DORA 30(2)(e); CCM STA-09
#   controls:
#     "DORA": ["Art. 30(2)(e)"]
#     "CSA CCM v4": ["STA-09"]
#   tags: [contract, dora]
#   help: |
#     State the committed availability in the contract's
#     `sla.availability_pct`: at least 99.5 % (the organisation's
#     `sla_min_availability_pct`). The SLA should also grant service credits
#     when it is missed (`sla.service_credits: true`). Renegotiate the SLA if
#     the signed one is weaker.
deny contains result if {
	some d in input.dossiers
	c := lib.contract(d)
	fails := array.flatten([_ctr_004_availability(c), _ctr_004_credits(c)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_ctr_004_availability(c) := [lib.fail("error", ["sla", "availability_pct"], sprintf(
	"SLA availability is %s; at least %v %% required (DORA Art. 30(2)(e))",
	[lib.show_in(p, "%"), min_p],
))] if {
	p := lib.get(c, ["sla", "availability_pct"])
	min_p := lib.threshold("sla_min_availability_pct")
	not lib.at_least(p, min_p)
} else := []

_ctr_004_credits(c) := [lib.fail("warning", ["sla", "service_credits"], sprintf(
	"SLA service credits are %s; true expected so that a missed service level has a remedy (CCM STA-09)",
	[lib.show_at(c, ["sla", "service_credits"])],
))] if {
	not lib.is_true(c, ["sla", "service_credits"])
} else := []

# METADATA
# title: Audit rights
# description: >-
#   The customer must be able to audit the vendor on request, and under DORA
#   its competent authority must have the same access.
# custom:
#   id: CTR-005
#   severity: error
#   security_severity: 6.0
#   source: GDPR 28(3)(h); DORA 30(3)(e)
#   controls:
#     "GDPR": ["Art. 28(3)(h)"]
#     "DORA": ["Art. 30(3)(e)"]
#   tags: [contract, gdpr, dora]
#   help: |
#     The contract must give the customer the right to audit and inspect
#     the vendor on request (`audit_rights.on_request: true`, GDPR Art.
#     28(3)(h)). When DORA applies it must also grant the same access to the
#     customer's competent authority (`audit_rights.regulator_access:
#     true`, DORA Art. 30(3)(e)). Amend the audit clause if it is missing.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	c := lib.contract(d)
	fails := array.flatten([_ctr_005_on_request(c), _ctr_005_regulator(s, c)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_ctr_005_on_request(c) := [lib.fail("error", ["audit_rights", "on_request"], sprintf(
	"audit right on request is %s; true required (GDPR Art. 28(3)(h))",
	[lib.show_at(c, ["audit_rights", "on_request"])],
))] if {
	not lib.is_true(c, ["audit_rights", "on_request"])
} else := []

_ctr_005_regulator(s, c) := [lib.fail("error", ["audit_rights", "regulator_access"], sprintf(
	"regulator access for audits is %s; true required when DORA applies (DORA Art. 30(3)(e))",
	[lib.show_at(c, ["audit_rights", "regulator_access"])],
))] if {
	lib.has(s, "dora")
	not lib.is_true(c, ["audit_rights", "regulator_access"])
} else := []
