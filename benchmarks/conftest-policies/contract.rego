# The ContractTerms-only controls of the rule catalog, in conftest's deny style.
# Partial rules (the per-document branches of a cross-document rule) say so in a comment.
package main

# GOV-001 Roles and processing described
deny contains msg("GOV-001", "error", sprintf("processing.%s is not stated", [f])) if {
	is_contract
	some f in ["subject", "duration", "nature", "purpose"]
	v := get(["processing", f])
	not non_empty_string(v)
}

deny contains msg("GOV-001", "error", sprintf("processing.%s is not stated", [f])) if {
	is_contract
	some f in ["data_types", "subject_categories"]
	not stated(["processing", f])
}

deny contains msg("GOV-001", "error", sprintf("roles.processor is %s; vendor required", [show(r)])) if {
	is_contract
	r := get(["roles", "processor"])
	r != "vendor"
}

deny contains msg("GOV-001", "error", sprintf("roles.data_owner is %s; customer required", [show(r)])) if {
	is_contract
	r := get(["roles", "data_owner"])
	r != "customer"
}

non_empty_string(v) if {
	is_string(v)
	trim_space(v) != ""
}

# GOV-002 Customer is sole data owner
deny contains msg("GOV-002", "error", sprintf("data_ownership.%s is %s; true required", [f, show(get(["data_ownership", f]))])) if {
	is_contract
	some f in ["customer_sole_owner", "use_limited_to_instructions"]
	not_true(["data_ownership", f])
}

deny contains msg("GOV-002", "warning", "outputs are not customer-owned") if {
	is_contract
	not_true(["data_ownership", "outputs_customer_owned"])
}

# SUB-002 Sub-processor change notice
deny contains msg("SUB-002", "error", "no right to object to new sub-processors") if {
	is_contract
	not_true(["subprocessor_changes", "objection_right"])
}

deny contains msg("SUB-002", "error", "sub-processor change notice is not stated") if {
	is_contract
	get(["subprocessor_changes", "notice_days"]) == null
}

deny contains msg("SUB-002", "warning", sprintf("sub-processor change notice is %d days; at least %d", [d, n])) if {
	is_contract
	n := thresholds.subprocessor_notice_min_days
	d := get(["subprocessor_changes", "notice_days"])
	is_number(d)
	d < n
}

# CTR-004 SLA with remedies
deny contains msg("CTR-004", "error", sprintf("availability is %s%%; at least %v%%", [show(a), n])) if {
	is_contract
	n := thresholds.sla_min_availability_pct
	a := get(["sla", "availability_pct"])
	below(a, n)
}

deny contains msg("CTR-004", "warning", "the SLA has no service credits") if {
	is_contract
	not_true(["sla", "service_credits"])
}

# EXIT-001 Return or deletion at end
deny contains msg("EXIT-001", "error", sprintf("exit deadline is %s days; at most %d", [show(d), n])) if {
	is_contract
	n := thresholds.exit_deadline_max_days
	d := get(["exit", "deadline_days"])
	above(d, n)
}

deny contains msg("EXIT-001", "warning", sprintf("exit deadline is %d days; %d recommended", [d, n])) if {
	is_contract
	n := thresholds.exit_deadline_warn_days
	d := get(["exit", "deadline_days"])
	is_number(d)
	d > n
}

deny contains msg("EXIT-001", "warning", "backup deletion deadline is unbounded or not stated") if {
	is_contract
	get(["exit", "backups_deadline_days"]) == null
}

deny contains msg("EXIT-001", "warning", sprintf("exit disposition is %s; customer-choice expected", [show(d)])) if {
	is_contract
	d := get(["exit", "disposition"])
	d != "customer-choice"
}

# EXIT-002 Certificate of destruction
deny contains msg("EXIT-002", "warning", "no certificate of destruction") if {
	is_contract
	not_true(["exit", "deletion_certificate"])
}

deny contains msg("EXIT-002", "note", sprintf("deletion method is %s", [show(m)])) if {
	is_contract
	m := get(["exit", "method"])
	m in {null, "other"}
}

# EXIT-003 Access revocation
deny contains msg("EXIT-003", "error", "access revocation time is not stated") if {
	is_contract
	get(["termination", "access_revocation_hours"]) == null
}

deny contains msg("EXIT-003", "warning", sprintf("access revoked within %d h; at most %d", [h, n])) if {
	is_contract
	n := thresholds.access_revocation_max_hours
	h := get(["termination", "access_revocation_hours"])
	is_number(h)
	h > n
}

# IR-001 Breach notification window (partial: the NIS2 branch needs the Engagement)
deny contains msg("IR-001", "error", sprintf("breach notification window is %s h; at most %d h allowed", [show(w), n])) if {
	is_contract
	n := thresholds.breach_notification_max_hours
	w := get(["breach_notification", "window_hours"])
	above(w, n)
}

deny contains msg("IR-001", "warning", sprintf("breach notification window is %d h; %d h recommended", [w, n])) if {
	is_contract
	n := thresholds.breach_notification_warn_hours
	w := get(["breach_notification", "window_hours"])
	is_number(w)
	w > n
}

deny contains msg("IR-001", "warning", "the breach notification clock starts at confirmation") if {
	is_contract
	get(["breach_notification", "clock_start"]) == "confirmation"
}

# IR-003 Notice content (partial: the phi branch needs the Engagement)
deny contains msg("IR-003", "warning", sprintf("breach notice content lacks %s", [c])) if {
	is_contract
	some c in ["nature", "categories", "approximate-counts", "contact", "consequences", "measures"]
	not c in list(["breach_notification", "content"])
}

# CTR-005 Audit rights (partial: the DORA branch needs the Engagement)
deny contains msg("CTR-005", "error", "no audit right on request") if {
	is_contract
	not_true(["audit_rights", "on_request"])
}

# EXIT-004 Audit trail kept after exit (partial: the phi branch needs the Engagement)
deny contains msg("EXIT-004", "warning", "logs are not exported before deletion") if {
	is_contract
	not_true(["exit", "log_export_before_deletion"])
}

# AI-001 No training on customer data (partial: the contract branch)
deny contains msg("AI-001", "warning", "the contract does not prohibit training on customer data") if {
	is_contract
	not_true(["ai", "training_prohibited"])
}

# XFR-001 Data residency (partial: the contract's notice branch)
deny contains msg("XFR-001", "warning", "location change notice is not stated") if {
	is_contract
	get(["location_change_notice_days"]) == null
}
