# METADATA
# title: Sub-processors
# description: Sub-processor list and flow-down, sub-processor change notice and upstream model providers.
package vendorgate.rules.subprocessors

import data.vendorgate.lib

# METADATA
# title: Sub-processor list and flow-down
# description: >-
#   The vendor must disclose every sub-processor that handles customer data,
#   with its name, purpose, locations and transfer mechanism, and must flow
#   its own data-protection obligations down to each of them by contract.
# custom:
#   id: SUB-001
#   severity: error
#   security_severity: 7.0
#   source: GDPR 28(2), 28(4)
#   controls:
#     "GDPR": ["Art. 28(2)", "Art. 28(4)"]
#   tags: [subprocessors, gdpr]
#   help: |
#     List every sub-processor under `subprocessors` in the attestation
#     (`subprocessors: []` when the vendor uses none). Each item needs a
#     `name`, a `purpose`, its `locations` (at least one region) and its
#     `transfer_mechanism`, and `flowdown: true`, which the vendor may state
#     only when its contract with the sub-processor imposes the same
#     data-protection obligations as the DPA (GDPR Art. 28(4)). Obtain the
#     missing details, or the flow-down commitment, from the vendor.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	some fails in _sub_001_fails(a)
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_sub_001_fails(a) := {[lib.fail(
	"error",
	["subprocessors"],
	"sub-processor list is not stated; list every sub-processor, or [] when there is none (GDPR Art. 28(2))",
)]} if {
	lib.get(a, ["subprocessors"]) == null
} else := {fails |
	some i, sp in lib.list(a, ["subprocessors"])
	fails := array.flatten([
		_sub_001_name(sp, i),
		_sub_001_purpose(sp, i),
		_sub_001_locations(sp, i),
		_sub_001_mechanism(sp, i),
		_sub_001_flowdown(sp, i),
	])
	count(fails) > 0
}

_sub_001_name(sp, i) := [lib.fail("error", ["subprocessors", i, "name"], sprintf(
	"%s name is not stated; every sub-processor must be named (GDPR Art. 28(2))",
	[lib.subprocessor_label(sp, i)],
))] if {
	not lib.has_text(sp, ["name"])
} else := []

_sub_001_purpose(sp, i) := [lib.fail("error", ["subprocessors", i, "purpose"], sprintf(
	"%s purpose is not stated; the processing it performs must be described (GDPR Art. 28(4))",
	[lib.subprocessor_label(sp, i)],
))] if {
	not lib.has_text(sp, ["purpose"])
} else := []

_sub_001_locations(sp, i) := [lib.fail("error", ["subprocessors", i, "locations"], sprintf(
	"%s locations are not stated; at least one region required",
	[lib.subprocessor_label(sp, i)],
))] if {
	not lib.stated(sp, ["locations"])
} else := []

_sub_001_mechanism(sp, i) := [lib.fail("error", ["subprocessors", i, "transfer_mechanism"], sprintf(
	"%s transfer mechanism is not stated; it must be stated (GDPR Art. 28(4))",
	[lib.subprocessor_label(sp, i)],
))] if {
	not lib.stated(sp, ["transfer_mechanism"])
} else := []

_sub_001_flowdown(sp, i) := [lib.fail("error", ["subprocessors", i, "flowdown"], sprintf(
	"%s flow-down is %s; true required, the DPA's obligations must bind the sub-processor (GDPR Art. 28(4))",
	[lib.subprocessor_label(sp, i), lib.show_at(sp, ["flowdown"])],
))] if {
	not lib.is_true(sp, ["flowdown"])
} else := []

# METADATA
# title: Sub-processor change notice
# description: >-
#   The contract must give the customer prior notice of any new or replaced
#   sub-processor and the right to object to it.
# custom:
#   id: SUB-002
#   severity: error
#   security_severity: 5.0
#   source: GDPR 28(2); SCC 2021/914 Clause 9(a)
#   controls:
#     "GDPR": ["Art. 28(2)"]
#     "SCC 2021/914": ["Clause 9(a)"]
#   tags: [subprocessors, gdpr]
#   help: |
#     The contract must state `subprocessor_changes.objection_right: true`
#     (the customer may object to a new or replaced sub-processor) and a
#     prior-notice period in `subprocessor_changes.notice_days`. A notice of
#     at least 30 days (the organisation's `subprocessor_notice_min_days`)
#     leaves time to assess the change; if the signed clause says less,
#     renegotiate it.
deny contains result if {
	some d in input.dossiers
	c := lib.contract(d)
	fails := array.flatten([_sub_002_objection(c), _sub_002_notice(c), _sub_002_short(c)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "contract", fails)
}

_sub_002_notice_path := ["subprocessor_changes", "notice_days"]

_sub_002_objection(c) := [lib.fail("error", ["subprocessor_changes", "objection_right"], sprintf(
	"right to object to sub-processor changes is %s; true required (GDPR Art. 28(2))",
	[lib.show_at(c, ["subprocessor_changes", "objection_right"])],
))] if {
	not lib.is_true(c, ["subprocessor_changes", "objection_right"])
} else := []

_sub_002_notice(c) := [lib.fail("error", _sub_002_notice_path, sprintf(
	"sub-processor change notice is not stated; a prior notice of at least %v days required (SCC Clause 9(a))",
	[lib.threshold("subprocessor_notice_min_days")],
))] if {
	not lib.stated(c, _sub_002_notice_path)
} else := []

_sub_002_short(c) := [lib.fail("warning", _sub_002_notice_path, sprintf(
	"sub-processor change notice is %v days; at least %v days expected (SCC Clause 9(a))",
	[n, min_n],
))] if {
	n := lib.get(c, _sub_002_notice_path)
	min_n := lib.threshold("subprocessor_notice_min_days")
	lib.below(n, min_n)
} else := []

# METADATA
# title: Upstream model providers
# description: >-
#   Every provider of an upstream AI model that receives customer prompts is
#   a sub-processor: it must be disclosed as one, must not train on the
#   customer's inputs and must keep prompts only briefly.
# custom:
#   id: SUB-003
#   severity: error
#   security_severity: 7.5
#   source: GDPR 28(2), (4); ISO/IEC 42001 A.10.3
#   controls:
#     "GDPR": ["Art. 28(2)", "Art. 28(4)"]
#     "ISO/IEC 42001:2023": ["A.10.3"]
#   tags: [subprocessors, ai, gdpr]
#   help: |
#     For each item of `ai.upstream_models` in the attestation, the
#     `provider` must also appear by name in `subprocessors` (same name,
#     ignoring case and surrounding spaces), the vendor's terms with it must
#     state `trains_on_inputs: false`, and its `retention_days` must be
#     stated and at most 30 days (the organisation's
#     `prompt_retention_max_days`). Ask the vendor to add the provider to its
#     sub-processor list and to obtain no-training and short-retention terms
#     from it.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	lib.ai_in_scope(a)
	names := {lower(trim_space(sp.name)) | some sp in lib.list(a, ["subprocessors"]); lib.has_text(sp, ["name"])}
	some i, m in lib.list(a, ["ai", "upstream_models"])
	fails := array.flatten([_sub_003_provider(m, i, names), _sub_003_training(m, i), _sub_003_retention(m, i)])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_sub_003_path(i, key) := ["ai", "upstream_models", i, key]

_sub_003_provider(m, i, names) := [lib.fail(
	"error",
	_sub_003_path(i, "provider"),
	sprintf(
		"upstream model no. %d provider is not stated; it must be named and listed among the sub-processors (GDPR Art. 28(2))",
		[i + 1],
	),
)] if {
	not lib.has_text(m, ["provider"])
} else := [lib.fail("error", _sub_003_path(i, "provider"), sprintf(
	"upstream model provider %q is not among the sub-processors; it must be listed in subprocessors (GDPR Art. 28(2))",
	[trim_space(m.provider)],
))] if {
	not lower(trim_space(m.provider)) in names
} else := []

_sub_003_training(m, i) := [lib.fail("error", _sub_003_path(i, "trains_on_inputs"), sprintf(
	"%s trains_on_inputs is %s; false required (GDPR Art. 28(4))",
	[_sub_003_label(m, i), lib.show_at(m, ["trains_on_inputs"])],
))] if {
	lib.get(m, ["trains_on_inputs"]) != false
} else := []

_sub_003_retention(m, i) := [lib.fail("warning", _sub_003_path(i, "retention_days"), sprintf(
	"%s prompt retention is %s; at most %v days expected",
	[_sub_003_label(m, i), lib.show_in(r, "days"), max_r],
))] if {
	r := lib.get(m, ["retention_days"])
	max_r := lib.threshold("prompt_retention_max_days")
	not lib.at_most(r, max_r)
} else := []

_sub_003_label(m, i) := sprintf("upstream model of %q", [trim_space(m.provider)]) if {
	lib.has_text(m, ["provider"])
} else := sprintf("upstream model no. %d", [i + 1])
