# METADATA
# title: AI
# description: >-
#   Training on customer data, prompt and output retention, EU AI Act provider
#   duties and AI evaluation evidence.
package vendorgate.rules.ai

import data.vendorgate.lib

# METADATA
# title: No training on customer data
# description: >-
#   An AI vendor must not train its models on the customer's data unless the
#   customer opts in: the attestation must say so, and the signed contract
#   should prohibit it, so that the vendor processes the data only on the
#   customer's instructions.
# custom:
#   id: AI-001
#   severity: error
#   security_severity: 9.0
#   source: GDPR 28(3)(a); 11 CCR 7050(b), 7051(a); FTC guidance 2024-01-09
#   controls:
#     "GDPR": ["Art. 28(3)(a)"]
#     "11 CCR": ["7050(b)", "7051(a)"]
#     "FTC guidance": ["2024-01-09"]
#   tags: [ai, gdpr, ccpa]
#   help: |
#     Set `ai.training_on_customer_data` in the attestation to what the vendor
#     actually does: it must be `never` or `opt-in`. A vendor that trains on
#     customer data by default (`default-on`) or unless the customer objects
#     (`opt-out`) uses the data for its own purposes; ask it to switch the
#     account to no training before onboarding. The signed contract should
#     also prohibit training on customer data (`ai.training_prohibited: true`
#     in the contract); if it does not, add the clause.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	lib.ai_in_scope(a)
	c := lib.contract(d)
	conds := array.flatten([_ai_001_training(d, a), _ai_001_prohibited(d, c)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_ai_001_training(d, a) := [lib.cond(
	d, "attestation", "error", path, "training on customer data", lib.found(v),
	lib.expect("never or opt-in required", ["GDPR Art. 28(3)(a)"]),
)] if {
	path := ["ai", "training_on_customer_data"]
	v := lib.get(a, path)
	not v in {"never", "opt-in"}
} else := []

_ai_001_prohibited(d, c) := [lib.cond(
	d, "contract", "warning", path, "contractual prohibition of training on customer data", lib.found_at(c, path),
	lib.expect("must be true", ["11 CCR 7051(a)"]),
)] if {
	path := ["ai", "training_prohibited"]
	not lib.is_true(c, path)
} else := []

# METADATA
# title: Prompt and output retention
# description: >-
#   Prompts and outputs may hold personal data: the vendor must keep them for
#   a bounded period only, short by default, offer zero retention where
#   sensitive data is shared, and disclose human review.
# custom:
#   id: AI-002
#   severity: error
#   security_severity: 7.0
#   source: GDPR 5(1)(e), 28(3)(b)
#   controls:
#     "GDPR": ["Art. 5(1)(e)", "Art. 28(3)(b)"]
#   tags: [ai, gdpr, hipaa]
#   help: |
#     Set `ai.retention.prompts_days` and `ai.retention.outputs_days` in the
#     attestation to the retention the vendor commits to; `null` means the
#     data is kept without limit and is not acceptable. Keep both at 30 days
#     or less (`prompt_retention_max_days`). When the engagement shares PHI or
#     special-category data, the vendor should offer a zero-retention option
#     (`ai.retention.zero_retention_available: true`). State whether humans
#     review prompts or outputs (`ai.retention.human_review: none` or
#     `disclosed`); undisclosed review must be disclosed or stopped.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	a := lib.attestation(d)
	lib.ai_in_scope(a)
	conds := array.flatten([
		_ai_002_unbounded(d, a, "prompts_days", "prompt retention"),
		_ai_002_unbounded(d, a, "outputs_days", "output retention"),
		_ai_002_long(d, a, "prompts_days", "prompt retention"),
		_ai_002_long(d, a, "outputs_days", "output retention"),
		_ai_002_zero_retention(d, s, a),
		_ai_002_human_review(d, a),
	])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_ai_002_unbounded(d, a, key, label) := [lib.cond(
	d, "attestation", "error", path, label, sprintf("is %s", [lib.show_limit(a, path)]),
	lib.expect("a bounded period in days required", ["GDPR Art. 5(1)(e)"]),
)] if {
	path := ["ai", "retention", key]
	lib.get(a, path) == null
} else := []

_ai_002_long(d, a, key, label) := [lib.cond(
	d, "attestation", "warning", path, label, lib.found_in(v, "days"),
	lib.limit("prompt_retention_max_days", "max", "%s or less recommended", "days", ["GDPR Art. 5(1)(e)"]),
)] if {
	path := ["ai", "retention", key]
	v := lib.get(a, path)
	lib.above(v, lib.threshold("prompt_retention_max_days"))
} else := []

_ai_002_zero_retention(d, s, a) := [lib.cond(
	d, "attestation", "warning", path, "zero-retention option", lib.found_at(a, path),
	lib.expect("must be true when PHI or special-category data is shared", ["GDPR Art. 5(1)(e)"]),
)] if {
	path := ["ai", "retention", "zero_retention_available"]
	_ai_002_sensitive(s)
	not lib.is_true(a, path)
} else := []

_ai_002_sensitive(s) if lib.has(s, "phi")

_ai_002_sensitive(s) if lib.has(s, "special")

_ai_002_human_review(d, a) := [lib.cond(
	d, "attestation", "warning", path, "human review of prompts and outputs", lib.found(v),
	lib.expect("none or disclosed required", ["GDPR Art. 28(3)(b)"]),
)] if {
	path := ["ai", "retention", "human_review"]
	v := lib.get(a, path)
	not v in {"none", "disclosed"}
} else := []

# METADATA
# title: EU AI Act GPAI provider duties
# description: >-
#   A provider of a general-purpose AI model placed on the EU market from
#   2025-08-02 (or any such model from 2027-08-02) must document the model for
#   downstream providers, keep a copyright policy and publish a training-content
#   summary; a model with systemic risk must also be evaluated and its serious
#   incidents reported.
# custom:
#   id: AI-003
#   severity: error
#   security_severity: 6.0
#   source: Reg. (EU) 2024/1689 Art 53(1), 55(1), 111(3)
#   controls:
#     "EU AI Act": ["Art. 53(1)", "Art. 55(1)", "Art. 111(3)"]
#   tags: [ai, euaia]
#   help: |
#     When the vendor is a GPAI provider (`eu_ai_act.role: gpai-provider`), the
#     attestation must confirm the Article 53 duties: `annex_xii_docs`,
#     `copyright_policy` and `training_summary_published` all `true`. If the
#     model has systemic risk (`systemic_risk: true`), `evaluations` and
#     `incident_reporting` must be `true` as well (Article 55). Obtain the
#     vendor's Annex XII documentation and the public training summary before
#     onboarding. Set `placed_on_market_on` to the date the model was placed
#     on the market: models placed before 2025-08-02 have until 2027-08-02.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	lib.has(s, "euaia")
	a := lib.attestation(d)
	lib.get(a, ["eu_ai_act", "role"]) == "gpai-provider"
	_ai_003_applies(a)
	conds := array.flatten([_ai_003_duties(d, a), _ai_003_systemic(d, a)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_ai_003_applies(a) if not lib.stated(a, ["eu_ai_act", "placed_on_market_on"])

_ai_003_applies(a) if lib.day(lib.get(a, ["eu_ai_act", "placed_on_market_on"])) >= lib.day("2025-08-02")

_ai_003_applies(_) if lib.today >= lib.day("2027-08-02")

_ai_003_duty_names := [
	["annex_xii_docs", "Annex XII documentation for downstream providers"],
	["copyright_policy", "copyright policy"],
	["training_summary_published", "published training-content summary"],
]

_ai_003_duties(d, a) := [lib.cond(
	d, "attestation", "error", ["eu_ai_act", key], name, lib.found_at(a, ["eu_ai_act", key]),
	lib.expect("must be true", ["EU AI Act Art. 53(1)"]),
) |
	some [key, name] in _ai_003_duty_names
	not lib.is_true(a, ["eu_ai_act", key])
]

_ai_003_systemic_names := [
	["evaluations", "model evaluation for systemic risk"],
	["incident_reporting", "serious-incident reporting for systemic risk"],
]

_ai_003_systemic(d, a) := [lib.cond(
	d, "attestation", "error", ["eu_ai_act", key], name, lib.found_at(a, ["eu_ai_act", key]),
	lib.expect("must be true when the model has systemic risk", ["EU AI Act Art. 55(1)"]),
) |
	lib.is_true(a, ["eu_ai_act", "systemic_risk"])
	some [key, name] in _ai_003_systemic_names
	not lib.is_true(a, ["eu_ai_act", key])
]

# METADATA
# title: EU AI Act high-risk system duties
# description: >-
#   A provider of a high-risk AI system (an EU AI Act Annex III use case) must,
#   once the high-risk duties apply, declare conformity, register the system in
#   the EU database, supply instructions for use, log events automatically,
#   keep the logs at least six months and report serious incidents within
#   15 days.
# custom:
#   id: AI-004
#   severity: error
#   security_severity: 6.5
#   source: Reg. (EU) 2024/1689 Art 12, 13, 19, 47, 49, 73, 113
#   controls:
#     "EU AI Act": ["Art. 12", "Art. 13", "Art. 19", "Art. 47", "Art. 49", "Art. 73", "Art. 113"]
#   tags: [ai, euaia]
#   help: |
#     When the engagement is an Annex III use case
#     (`ai_use.annex_iii_high_risk: true`) and the vendor is the provider
#     (`eu_ai_act.role: provider`), the attestation must confirm
#     `conformity_declaration`, `eu_database_registration`,
#     `instructions_for_use` and `automatic_logging` (all `true`), keep logs
#     at least 184 days (`log_retention_days`, six months) and report serious
#     incidents within 15 days (`serious_incident_report_days`). Obtain the EU
#     declaration of conformity and the registration number before onboarding.
deny contains result if {
	lib.today >= lib.day(lib.threshold("eu_ai_act_high_risk_from"))
	some d in input.dossiers
	s := lib.engagement(d)
	lib.has(s, "euaia")
	lib.is_true(s, ["ai_use", "annex_iii_high_risk"])
	a := lib.attestation(d)
	lib.get(a, ["eu_ai_act", "role"]) == "provider"
	conds := array.flatten([_ai_004_duties(d, a), _ai_004_log_retention(d, a), _ai_004_incident_report(d, a)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_ai_004_duty_names := [
	["conformity_declaration", "EU declaration of conformity", "Art. 47"],
	["eu_database_registration", "EU database registration", "Art. 49"],
	["instructions_for_use", "instructions for use", "Art. 13"],
	["automatic_logging", "automatic logging", "Art. 12"],
]

_ai_004_duties(d, a) := [lib.cond(
	d, "attestation", "error", ["eu_ai_act", key], name, lib.found_at(a, ["eu_ai_act", key]),
	lib.expect("must be true", [sprintf("EU AI Act %s", [art])]),
) |
	some [key, name, art] in _ai_004_duty_names
	not lib.is_true(a, ["eu_ai_act", key])
]

_ai_004_log_retention(d, a) := [lib.cond(
	d, "attestation", "error", path, "high-risk system log retention", lib.found_in(v, "days"),
	lib.bound("min", 184, "at least 184 days required", ["EU AI Act Art. 19"]),
)] if {
	path := ["eu_ai_act", "log_retention_days"]
	v := lib.get(a, path)
	not lib.at_least(v, 184)
} else := []

_ai_004_incident_report(d, a) := [lib.cond(
	d, "attestation", "error", path, "serious-incident reporting deadline", lib.found_in(v, "days"),
	lib.bound("max", 15, "at most 15 days allowed", ["EU AI Act Art. 73"]),
)] if {
	path := ["eu_ai_act", "serious_incident_report_days"]
	v := lib.get(a, path)
	not lib.at_most(v, 15)
} else := []

# METADATA
# title: AI evaluation evidence
# description: >-
#   The vendor should test its AI system adversarially at least yearly and
#   commit to notice before it changes the model behind the service.
# custom:
#   id: AI-005
#   severity: note
#   security_severity: 3.0
#   source: NIST AI RMF MEASURE 2; NIST AI 600-1
#   controls:
#     "NIST AI RMF": ["MEASURE 2"]
#     "NIST AI 600-1": []
#   tags: [ai]
#   help: |
#     Set `ai.red_team_last_on` in the attestation to the date of the latest
#     AI red-team exercise; it should be within the last 12 months, so ask
#     the vendor for a recent report if it is older. Set
#     `ai.model_change_notice_days` to the notice, in days, the vendor gives
#     before changing the underlying model, and have it added to the contract
#     if the vendor gives none.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	lib.ai_in_scope(a)
	conds := array.flatten([_ai_005_red_team(d, a), _ai_005_change_notice(d, a)])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_ai_005_red_team(d, a) := [lib.cond(
	d, "attestation", "note", path, "latest AI red-team exercise", sprintf("is %s", [lib.show_age(v)]),
	lib.expect("one within the last 12 months recommended", ["NIST AI RMF MEASURE 2"]),
)] if {
	path := ["ai", "red_team_last_on"]
	v := lib.get(a, path)
	lib.stale_months(v, 12)
} else := []

_ai_005_change_notice(d, a) := [lib.cond(
	d, "attestation", "note", path, "model change notice period", "is not stated",
	lib.expect("a notice period in days recommended", ["NIST AI 600-1"]),
)] if {
	path := ["ai", "model_change_notice_days"]
	not lib.stated(a, path)
} else := []
