# METADATA
# title: Thresholds
# description: >-
#   The catalog's named thresholds with their defaults; an organisation
#   overrides them in vendorgate.yaml, which vendorgate sends in every query's input
#   as input.thresholds (never uploaded: runs with different profiles can share a server).
package vendorgate.lib.thresholds

# METADATA
# title: Catalog defaults
# description: The default of every named threshold in the rule catalog.
defaults := {
	"attestation_max_age_days": 365,
	"risk_assessment_max_age_days": 365,
	"review_max_age_months": 12,
	"soc2_max_age_months": 12,
	"bridge_max_gap_months": 3,
	"expiry_warning_days": 60,
	"at_rest_min_key_bits": 128,
	"key_rotation_max_days": 730,
	"key_rotation_warn_days": 365,
	"access_review_max_days": 180,
	"log_retention_min_days": 90,
	"log_retention_warn_days": 365,
	"log_searchable_min_days": 90,
	"breach_notification_max_hours": 72,
	"breach_notification_warn_hours": 48,
	"subprocessor_notice_min_days": 30,
	"prompt_retention_max_days": 30,
	"sla_min_availability_pct": 99.5,
	"exit_deadline_max_days": 90,
	"exit_deadline_warn_days": 30,
	"access_revocation_max_hours": 24,
	"eu_ai_act_high_risk_from": "2026-08-02",
}

# METADATA
# scope: document
# title: Organisation overrides
# description: >-
#   The thresholds set in vendorgate.yaml: input.thresholds whenever the input carries
#   them (even empty, so data left on a server never mixes in), else
#   data.vendorgate_profile.thresholds (the Rego tests set it with `with`).
default overrides := {}

overrides := input.thresholds if {
	is_object(input.thresholds)
} else := data.vendorgate_profile.thresholds

# METADATA
# title: Effective thresholds
# description: The defaults with the organisation's overrides applied.
effective := object.union(defaults, overrides)
