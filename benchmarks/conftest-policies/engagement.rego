# The Engagement-only control of the rule catalog, in conftest's deny style.
package main

# GOV-003 Risk assessment current
deny contains msg("GOV-003", "error", "a DPIA is required and not done") if {
	is_engagement
	get(["risk", "dpia_required"]) == true
	not_true(["risk", "dpia_done"])
}

deny contains msg("GOV-003", "warning", sprintf("risk assessed on %s; at most %d days ago", [show(a), n])) if {
	is_engagement
	n := thresholds.risk_assessment_max_age_days
	a := get(["risk", "assessed_on"])
	assessment_stale(a, n)
}

assessment_stale(date, _) if date == null

assessment_stale(date, n) if {
	date != null
	older_than_days(date, n)
}
