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
	conds := array.flatten([_ctr_001_signed(d, c), _ctr_001_clauses(d, c)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

# Each clause GDPR Art. 28(3) requires, with the point that requires it.
_ctr_001_required := [
	["instructions", "a"],
	["confidentiality", "b"],
	["security", "c"],
	["subprocessing", "d"],
	["data-subject-requests", "e"],
	["assistance", "f"],
	["deletion-return", "g"],
	["audits", "h"],
]

_ctr_001_signed_path := ["dpa", "signed"]

_ctr_001_clauses_path := ["dpa", "clauses"]

_ctr_001_signed(d, c) := [lib.cond(
	d, "contract", "error", _ctr_001_signed_path, "data processing agreement signed",
	lib.found_at(c, _ctr_001_signed_path),
	lib.expect("must be true", ["GDPR Art. 28(9)"]),
)] if {
	not lib.is_true(c, _ctr_001_signed_path)
} else := []

# One condition naming the missing clauses once, citing the point of Art. 28(3) behind each.
_ctr_001_clauses(d, c) := [lib.cond(
	d, "contract", "error", _ctr_001_clauses_path, "data processing agreement clause list",
	_ctr_001_found(c, missing),
	lib.expect(
		"every clause of Article 28(3) required",
		[sprintf("GDPR Art. 28(3)(%s)", [point]) | some [clause, point] in _ctr_001_required; clause in missing],
	),
)] if {
	present := lib.list(c, _ctr_001_clauses_path)
	missing := lib.missing([x[0] | some x in _ctr_001_required], present)
	count(missing) > 0
} else := []

_ctr_001_found(c, _) := "is not stated" if not lib.stated(c, _ctr_001_clauses_path)

_ctr_001_found(c, missing) := sprintf("lacks %s", [concat(", ", missing)]) if lib.stated(c, _ctr_001_clauses_path)

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
	conds := _ctr_002_signed(d, c)
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_ctr_002_path := ["baa", "signed"]

_ctr_002_signed(d, c) := [lib.cond(
	d, "contract", "error", _ctr_002_path, "business associate agreement signed",
	lib.found_at(c, _ctr_002_path),
	lib.expect("must be true", ["HIPAA 45 CFR 164.502(e)"]),
)] if {
	not lib.is_true(c, _ctr_002_path)
} else := []

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
	conds := [_ctr_003_term(d, c, field, label, cite) |
		some [field, label, cite] in _ctr_003_terms
		not lib.is_true(c, ["ccpa", field])
	]
	some result in lib.results(rego.metadata.rule(), d, conds)
}

# Each service-provider term: its field, how a message names it and the provision of the
# statute that requires it (11 CCR 7051(a) spells out every one of them).
_ctr_003_terms := [
	["no_sell_share", "CCPA term against selling or sharing", "Cal. Civ. Code 1798.140(ag)"],
	["specified_purposes", "CCPA term specifying the business purposes", "Cal. Civ. Code 1798.100(d)"],
	["purpose_limit", "CCPA term limiting use to those purposes", "Cal. Civ. Code 1798.140(ag)"],
	["no_combining", "CCPA term against combining personal information", "Cal. Civ. Code 1798.140(ag)"],
	["same_protection", "CCPA term on the same level of protection", "Cal. Civ. Code 1798.100(d)"],
	["audit_remediate", "CCPA term on stopping and remediating unauthorised use", "Cal. Civ. Code 1798.100(d)"],
	["notify_if_noncompliant", "CCPA term on notice when the vendor can no longer comply", "Cal. Civ. Code 1798.100(d)"],
]

_ctr_003_term(d, c, field, label, cite) := lib.cond(
	d, "contract", "error", ["ccpa", field], label, lib.found_at(c, ["ccpa", field]),
	lib.expect("must be true", [cite, "11 CCR 7051"]),
)

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
	conds := array.flatten([_ctr_004_availability(d, c), _ctr_004_credits(d, c)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_ctr_004_availability_path := ["sla", "availability_pct"]

_ctr_004_credits_path := ["sla", "service_credits"]

_ctr_004_availability(d, c) := [lib.cond(
	d, "contract", "error", _ctr_004_availability_path, "SLA availability", lib.found_in(p, "%"),
	lib.limit("sla_min_availability_pct", "min", "at least %s required", "%", ["DORA Art. 30(2)(e)"]),
)] if {
	p := lib.get(c, _ctr_004_availability_path)
	not lib.at_least(p, lib.threshold("sla_min_availability_pct"))
} else := []

_ctr_004_credits(d, c) := [lib.cond(
	d, "contract", "warning", _ctr_004_credits_path, "SLA service credits", lib.found_at(c, _ctr_004_credits_path),
	lib.expect("must be true, so that a missed service level has a remedy", ["CSA CCM v4 STA-09"]),
)] if {
	not lib.is_true(c, _ctr_004_credits_path)
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
	conds := array.flatten([_ctr_005_on_request(d, c), _ctr_005_regulator(d, s, c)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_ctr_005_on_request_path := ["audit_rights", "on_request"]

_ctr_005_regulator_path := ["audit_rights", "regulator_access"]

_ctr_005_on_request(d, c) := [lib.cond(
	d, "contract", "error", _ctr_005_on_request_path, "audit right on request", lib.found_at(c, _ctr_005_on_request_path),
	lib.expect("must be true", ["GDPR Art. 28(3)(h)"]),
)] if {
	not lib.is_true(c, _ctr_005_on_request_path)
} else := []

_ctr_005_regulator(d, s, c) := [lib.cond(
	d, "contract", "error", _ctr_005_regulator_path, "regulator access for audits", lib.found_at(c, _ctr_005_regulator_path),
	lib.expect("must be true when DORA applies", ["DORA Art. 30(3)(e)"]),
)] if {
	lib.has(s, "dora")
	not lib.is_true(c, _ctr_005_regulator_path)
} else := []
