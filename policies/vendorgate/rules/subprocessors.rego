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
	conds := _sub_001_conds(d, a)
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_sub_001_conds(d, a) := [lib.cond(
	d, "attestation", "error", ["subprocessors"], "sub-processor list", "is not stated",
	lib.expect("every sub-processor required, or [] when there is none", ["GDPR Art. 28(2)"]),
)] if {
	lib.get(a, ["subprocessors"]) == null
} else := array.flatten([_sub_001_item(d, sp, i) | some i, sp in lib.list(a, ["subprocessors"])])

_sub_001_item(d, sp, i) := array.flatten([
	_sub_001_text(d, sp, i, "name", "sub-processor name", "a name required", "GDPR Art. 28(2)"),
	_sub_001_text(
		d, sp, i, "purpose", "sub-processor purpose",
		"a description of the processing it performs required", "GDPR Art. 28(4)",
	),
	_sub_001_stated(d, sp, i, "locations", "sub-processor locations", "at least one region required", "GDPR Art. 28(2)"),
	_sub_001_stated(
		d, sp, i, "transfer_mechanism", "sub-processor transfer mechanism",
		"a transfer mechanism required", "GDPR Art. 28(4)",
	),
	_sub_001_flowdown(d, sp, i),
])

_sub_001_text(d, sp, i, key, label, text, cite) := [lib.cond(
	d, "attestation", "error", ["subprocessors", i, key], label, _blank_or_not_stated(sp, key),
	lib.expect(text, [cite]),
)] if {
	not lib.has_text(sp, [key])
} else := []

_sub_001_stated(d, sp, i, key, label, text, cite) := [lib.cond(
	d, "attestation", "error", ["subprocessors", i, key], label, "is not stated",
	lib.expect(text, [cite]),
)] if {
	not lib.stated(sp, [key])
} else := []

_sub_001_flowdown(d, sp, i) := [lib.cond(
	d, "attestation", "error", ["subprocessors", i, "flowdown"], "flow-down of the DPA's obligations",
	lib.found_at(sp, ["flowdown"]),
	lib.expect("must be true", ["GDPR Art. 28(4)"]),
)] if {
	not lib.is_true(sp, ["flowdown"])
} else := []

# A text that is present but only spaces is shown as blank, so the reader looks at the value.
_blank_or_not_stated(obj, key) := "is blank" if {
	is_string(lib.get(obj, [key]))
} else := "is not stated"

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
	conds := array.flatten([_sub_002_objection(d, c), _sub_002_notice(d, c), _sub_002_short(d, c)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_sub_002_objection_path := ["subprocessor_changes", "objection_right"]

_sub_002_notice_path := ["subprocessor_changes", "notice_days"]

_sub_002_notice_label := "sub-processor change notice"

_sub_002_objection(d, c) := [lib.cond(
	d, "contract", "error", _sub_002_objection_path, "right to object to sub-processor changes",
	lib.found_at(c, _sub_002_objection_path),
	lib.expect("must be true", ["GDPR Art. 28(2)"]),
)] if {
	not lib.is_true(c, _sub_002_objection_path)
} else := []

_sub_002_notice(d, c) := [lib.cond(
	d, "contract", "error", _sub_002_notice_path, _sub_002_notice_label, "is not stated",
	lib.expect("a prior-notice period in days required", ["SCC 2021/914 Clause 9(a)"]),
)] if {
	not lib.stated(c, _sub_002_notice_path)
} else := []

_sub_002_short(d, c) := [lib.cond(
	d, "contract", "warning", _sub_002_notice_path, _sub_002_notice_label, lib.found_in(n, "days"),
	lib.limit("subprocessor_notice_min_days", "min", "at least %s recommended", "days", ["SCC 2021/914 Clause 9(a)"]),
)] if {
	n := lib.get(c, _sub_002_notice_path)
	lib.below(n, lib.threshold("subprocessor_notice_min_days"))
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
	names := {_fold(sp.name) | some sp in lib.list(a, ["subprocessors"]); lib.has_text(sp, ["name"])}
	conds := array.flatten([array.flatten([
		_sub_003_provider(d, m, i, names),
		_sub_003_training(d, m, i),
		_sub_003_retention(d, m, i),
	]) |
		some i, m in lib.list(a, ["ai", "upstream_models"])
	])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

# Names compare after trimming and case folding. Rego has lower() but no full Unicode case
# folding, so the common folds that lower() misses are mapped by hand (ß and ẞ to ss, final
# sigma to sigma).
_fold(x) := replace(replace(replace(lower(trim_space(x)), "ẞ", "ss"), "ß", "ss"), "ς", "σ")

_sub_003_path(i, key) := ["ai", "upstream_models", i, key]

_sub_003_provider(d, m, i, names) := [lib.cond(
	d, "attestation", "error", _sub_003_path(i, "provider"), "upstream model provider",
	_blank_or_not_stated(m, "provider"),
	lib.expect("a provider named among the sub-processors required", ["GDPR Art. 28(2)"]),
)] if {
	not lib.has_text(m, ["provider"])
} else := [lib.cond(
	d, "attestation", "error", _sub_003_path(i, "provider"), "upstream model provider",
	sprintf("is %q", [trim_space(m.provider)]),
	lib.expect("a sub-processor of that name required", ["GDPR Art. 28(2)"]),
)] if {
	not _fold(m.provider) in names
} else := []

_sub_003_training(d, m, i) := [lib.cond(
	d, "attestation", "error", _sub_003_path(i, "trains_on_inputs"), "upstream model training on inputs",
	lib.found_at(m, ["trains_on_inputs"]),
	lib.expect("must be false", ["GDPR Art. 28(4)", "ISO/IEC 42001:2023 A.10.3"]),
)] if {
	lib.get(m, ["trains_on_inputs"]) != false
} else := []

_sub_003_retention(d, m, i) := [lib.cond(
	d, "attestation", "warning", _sub_003_path(i, "retention_days"), "upstream model prompt retention",
	lib.found_in(r, "days"),
	lib.limit("prompt_retention_max_days", "max", "%s or less recommended", "days", ["ISO/IEC 42001:2023 A.10.3"]),
)] if {
	r := lib.get(m, ["retention_days"])
	not lib.at_most(r, lib.threshold("prompt_retention_max_days"))
} else := []
