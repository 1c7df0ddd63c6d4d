# METADATA
# title: Privacy
# description: Data minimisation (personal data masked before it is shared with the vendor).
package vendorgate.rules.privacy

import data.vendorgate.lib

# METADATA
# title: Mask personal data before sharing
# description: >-
#   Personal data should be pseudonymized, tokenized, redacted or anonymized
#   before it flows to the vendor unless the vendor needs the identities;
#   unmasked PHI may flow only under a signed business associate agreement.
# custom:
#   id: PRV-001
#   severity: error
#   security_severity: 8.0
#   source: GDPR 5(1)(c), 25, 32; 45 CFR 164.514(b)
#   controls:
#     "GDPR": ["Art. 5(1)(c)", "Art. 25", "Art. 32"]
#     "HIPAA": ["45 CFR 164.514(b)"]
#   tags: [privacy, gdpr, hipaa]
#   help: |
#     For each item of the engagement's `data_flows`, list the data `classes`
#     it carries and set `masking` to the technique applied before the data
#     leaves (`pseudonymization`, `tokenization`, `redaction` or
#     `anonymization`). Unmasked PHI requires a signed BAA in the contract
#     (`baa.signed: true`); unmasked PII or special-category data requires
#     `identity_needed: true` with the reason recorded in the assessment.
#     Otherwise mask the flow before onboarding.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	c := lib.contract(d)
	conds := [cond |
		some i, flow in lib.list(s, ["data_flows"])
		not _prv_001_masked(flow)
		some cond in _prv_001_conds(d, flow, i, c)
	]
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_prv_001_masked(flow) if {
	lib.stated(flow, ["masking"])
	lib.get(flow, ["masking"]) != "none"
}

_prv_001_techniques := "pseudonymization, tokenization, redaction or anonymization"

# Every condition of a flow is located at its masking (at the flow when masking is absent),
# so that a flow gives one result at its highest level.
_prv_001_at(i) := ["data_flows", i, "masking"]

_prv_001_conds(d, flow, i, c) := [lib.cond_at(
	d, "engagement", "error", _prv_001_at(i), ["data_flows", i, "classes"], _prv_001_label(flow, "data classes"),
	"are not stated",
	lib.expect(
		sprintf("the classes it carries required, as its masking is %s", [lib.show_at(flow, ["masking"])]),
		["GDPR Art. 5(1)(c)"],
	),
)] if {
	not lib.stated(flow, ["classes"])
} else := array.flatten([_prv_001_phi(d, flow, i, c), _prv_001_personal(d, flow, i)])

_prv_001_phi(d, flow, i, c) := [lib.cond_at(
	d, "engagement", "error", _prv_001_at(i), _prv_001_at(i), _prv_001_label(flow, "masking"),
	lib.found_at(flow, ["masking"]),
	lib.expect(
		sprintf("%s required for phi while baa.signed is %s", [_prv_001_techniques, lib.show_at(c, ["baa", "signed"])]),
		["HIPAA 45 CFR 164.514(b)"],
	),
)] if {
	"phi" in lib.list(flow, ["classes"])
	not lib.is_true(c, ["baa", "signed"])
} else := []

_prv_001_personal(d, flow, i) := [lib.cond_at(
	d, "engagement", "warning", _prv_001_at(i), _prv_001_at(i), _prv_001_label(flow, "masking"),
	lib.found_at(flow, ["masking"]),
	lib.expect(
		sprintf("%s recommended for %s while identity_needed is %s", [
			_prv_001_techniques, concat(", ", personal),
			lib.show_at(flow, ["identity_needed"]),
		]),
		["GDPR Art. 5(1)(c)", "GDPR Art. 25"],
	),
)] if {
	personal := [x | some x in ["pii", "special"]; x in lib.list(flow, ["classes"])]
	count(personal) > 0
	not lib.is_true(flow, ["identity_needed"])
} else := []

_prv_001_label(flow, what) := sprintf("%s of data flow %q", [what, trim_space(flow.name)]) if {
	lib.has_text(flow, ["name"])
} else := sprintf("data flow %s", [what])
