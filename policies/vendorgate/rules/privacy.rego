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
	some i, flow in lib.list(s, ["data_flows"])
	not _prv_001_masked(flow)
	fails := _prv_001_fails(flow, i, c)
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "engagement", fails)
}

_prv_001_masked(flow) if {
	lib.stated(flow, ["masking"])
	lib.get(flow, ["masking"]) != "none"
}

_prv_001_fails(flow, i, c) := [lib.fail("error", ["data_flows", i, "masking"], sprintf(
	"%s has masking %s and its data classes are not stated; state the classes it carries or mask it (GDPR Art. 5(1)(c), 25)",
	[_prv_001_name(flow, i), lib.show_at(flow, ["masking"])],
))] if {
	not lib.stated(flow, ["classes"])
} else := array.flatten([_prv_001_phi(flow, i, c), _prv_001_personal(flow, i)])

_prv_001_phi(flow, i, c) := [lib.fail("error", ["data_flows", i, "masking"], sprintf(
	"%s shares phi with masking %s while the BAA (baa.signed) is %s; mask it or sign a business associate agreement (45 CFR 164.514(b))",
	[_prv_001_name(flow, i), lib.show_at(flow, ["masking"]), lib.show_at(c, ["baa", "signed"])],
))] if {
	"phi" in lib.list(flow, ["classes"])
	not lib.is_true(c, ["baa", "signed"])
} else := []

_prv_001_personal(flow, i) := [lib.fail("warning", ["data_flows", i, "masking"], sprintf(
	"%s shares %s with masking %s while identity_needed is %s; pseudonymize, tokenize or redact it (GDPR Art. 5(1)(c), 25)",
	[
		_prv_001_name(flow, i), concat(", ", personal),
		lib.show_at(flow, ["masking"]), lib.show_at(flow, ["identity_needed"]),
	],
))] if {
	personal := [x | some x in ["pii", "special"]; x in lib.list(flow, ["classes"])]
	count(personal) > 0
	not lib.is_true(flow, ["identity_needed"])
} else := []

_prv_001_name(flow, _) := sprintf("data flow %q", [flow.name]) if lib.stated(flow, ["name"])

_prv_001_name(flow, i) := sprintf("data flow data_flows[%d]", [i]) if not lib.stated(flow, ["name"])
