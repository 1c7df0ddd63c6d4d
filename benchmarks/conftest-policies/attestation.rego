# The VendorAttestation-only controls of the rule catalog, in conftest's deny style.
# Partial rules (the per-document branches of a cross-document rule) say so in a comment.
package main

# DOS-003 Attestation current
deny contains msg("DOS-003", "warning", sprintf("attested on %s; at most %d days old", [input.attested_on, n])) if {
	is_attestation
	n := thresholds.attestation_max_age_days
	older_than_days(input.attested_on, n)
}

# GOV-004 Security documentation and testing
gov_004_types := ["security-policy", "incident-response-plan", "bc-dr-plan"]

deny contains msg("GOV-004", "warning", sprintf("no %s among the documents", [t])) if {
	is_attestation
	some t in gov_004_types
	not t in {d.type | some d in list(["documents"])}
}

deny contains msg("GOV-004", "warning", sprintf("%s reviewed on %s; at most %d months ago", [d.type, show(r), n])) if {
	is_attestation
	n := thresholds.review_max_age_months
	some d in list(["documents"])
	d.type in gov_004_types
	r := object.get(d, "reviewed_on", null)
	stale_or_missing(r, n)
}

deny contains msg("GOV-004", "warning", sprintf("last pentest on %s; at most %d months ago", [show(r), n])) if {
	is_attestation
	n := thresholds.review_max_age_months
	r := get(["pentest", "last_on"])
	stale_or_missing(r, n)
}

stale_or_missing(date, _) if date == null

stale_or_missing(date, n) if {
	date != null
	older_than_months(date, n)
}

# CERT-001 SOC 2 Type II current
soc2_items := [c | some c in list(["certifications"]); c.type == "soc2"]

soc2_type2 := [c | some c in soc2_items; object.get(c, "report_type", null) == "type2"]

soc2 := latest(soc2_type2, "period_end") if count(soc2_type2) > 0

soc2 := latest(soc2_items, "period_end") if {
	count(soc2_type2) == 0
	count(soc2_items) > 0
}

deny contains msg("CERT-001", "error", "no SOC 2 report among the certifications") if {
	is_attestation
	count(soc2_items) == 0
}

deny contains msg("CERT-001", "error", sprintf("SOC 2 period ended %s; at most %d months ago", [show(p), n])) if {
	is_attestation
	n := thresholds.soc2_max_age_months
	p := object.get(soc2, "period_end", null)
	stale_or_missing(p, n)
	not soc2_bridged(p)
}

soc2_bridged(p) if {
	b := object.get(soc2, "bridge_letter_through", null)
	is_string(b)
	is_string(p)
	b >= p
	not older_than_months(b, thresholds.bridge_max_gap_months)
}

deny contains msg("CERT-001", "error", sprintf("SOC 2 opinion is %s; unqualified required", [show(o)])) if {
	is_attestation
	o := object.get(soc2, "opinion", null)
	o != "unqualified"
}

deny contains msg("CERT-001", "warning", sprintf("SOC 2 report type is %s; type2 expected", [show(t)])) if {
	is_attestation
	t := object.get(soc2, "report_type", null)
	t != "type2"
}

# CERT-002 ISO/IEC 27001 valid
iso27001_items := [c | some c in list(["certifications"]); c.type == "iso27001"]

iso27001 := latest(iso27001_items, "expires_on") if count(iso27001_items) > 0

deny contains msg("CERT-002", "warning", "no ISO/IEC 27001 certificate among the certifications") if {
	is_attestation
	count(iso27001_items) == 0
}

deny contains msg("CERT-002", "error", "ISO/IEC 27001:2013 certificates lapsed on 2025-10-31") if {
	is_attestation
	object.get(iso27001, "edition", null) == "2013"
	as_of > "2025-10-31"
}

deny contains msg("CERT-002", "error", sprintf("ISO/IEC 27001 expires on %s; not valid", [show(e)])) if {
	is_attestation
	e := object.get(iso27001, "expires_on", null)
	not valid_cert(iso27001)
}

deny contains msg("CERT-002", "error", "ISO/IEC 27001 scope does not include the service") if {
	is_attestation
	object.get(iso27001, "scope_includes_service", null) != true
}

deny contains msg("CERT-002", "warning", sprintf("last ISO/IEC 27001 audit on %s; at most 12 months ago", [last])) if {
	is_attestation
	dates := [d | some k in ["issued_on", "last_surveillance_on"]; d := object.get(iso27001, k, null); is_string(d)]
	last := max(dates)
	older_than_months(last, 12)
}

deny contains msg("CERT-002", "warning", "ISO/IEC 27001 certificate is not from an accredited body") if {
	is_attestation
	object.get(iso27001, "accredited", null) != true
}

# CERT-004 AI management system
deny contains msg("CERT-004", "warning", "no valid ISO/IEC 42001 certificate and no NIST AI RMF alignment") if {
	is_attestation
	ai_in_scope
	not valid_iso42001
	not "nist-ai-rmf" in list(["ai", "frameworks"])
}

valid_iso42001 if {
	some c in list(["certifications"])
	c.type == "iso42001"
	valid_cert(c)
}

# CERT-006 Certification expiring soon (per item)
deny contains msg("CERT-006", "warning", sprintf("%s expires on %s, within %d days", [c.type, c.expires_on, n])) if {
	is_attestation
	n := thresholds.expiry_warning_days
	some c in list(["certifications"])
	is_string(c.expires_on)
	within_days(c.expires_on, n)
}

# ENC-001 TLS floor
tls_path := ["encryption", "in_transit", "tls_versions"]

tls_weak := {"ssl2", "ssl3", "1.0", "1.1"}

deny contains msg("ENC-001", "error", "accepted TLS versions are not stated; TLS 1.2 or 1.3 required") if {
	is_attestation
	not stated(tls_path)
}

deny contains msg("ENC-001", "error", sprintf("accepted TLS versions include %v; must be disabled", [v])) if {
	is_attestation
	some v in list(tls_path)
	v in tls_weak
}

deny contains msg("ENC-001", "error", "accepted TLS versions include neither 1.2 nor 1.3") if {
	is_attestation
	stated(tls_path)
	vs := list(tls_path)
	not "1.2" in vs
	not "1.3" in vs
}

deny contains msg("ENC-001", "warning", "TLS 1.3 is not supported; recommended") if {
	is_attestation
	stated(tls_path)
	not "1.3" in list(tls_path)
}

# ENC-002 Encryption at rest
deny contains msg("ENC-002", "error", "encryption at rest is not enabled") if {
	is_attestation
	not_true(["encryption", "at_rest", "enabled"])
}

weak_ciphers := {"DES", "3DES", "TDEA", "TRIPLEDES", "EDE3", "RC4"}

deny contains msg("ENC-002", "error", sprintf("at-rest algorithm %s is weak", [alg])) if {
	is_attestation
	alg := get(["encryption", "at_rest", "algorithm"])
	is_string(alg)
	some token in regex.split(`[-_ ]`, upper(alg))
	token in weak_ciphers
}

deny contains msg("ENC-002", "error", sprintf("at-rest key length is %s bits; at least %d", [show(bits), n])) if {
	is_attestation
	n := thresholds.at_rest_min_key_bits
	bits := get(["encryption", "at_rest", "key_bits"])
	below(bits, n)
}

deny contains msg("ENC-002", "warning", sprintf("at-rest encryption scope lacks %s", [s])) if {
	is_attestation
	some s in ["backups", "logs"]
	not s in list(["encryption", "at_rest", "scope"])
}

deny contains msg("ENC-002", "note", sprintf("at-rest key length is %d bits; 256 recommended", [bits])) if {
	is_attestation
	bits := get(["encryption", "at_rest", "key_bits"])
	is_number(bits)
	bits < 256
}

# Not stated, or a number below n.
below(v, _) if v == null

below(v, n) if {
	is_number(v)
	v < n
}

# Not stated, or a number above n.
above(v, _) if v == null

above(v, n) if {
	is_number(v)
	v > n
}

# ENC-004 Key management
deny contains msg("ENC-004", "error", "keys are held by the application") if {
	is_attestation
	get(["encryption", "keys", "custody"]) == "application"
}

deny contains msg("ENC-004", "error", "keys are not separated from the data") if {
	is_attestation
	not_true(["encryption", "keys", "separate_from_data"])
}

deny contains msg("ENC-004", "error", sprintf("key rotation every %s days; at most %d", [show(r), n])) if {
	is_attestation
	n := thresholds.key_rotation_max_days
	r := get(["encryption", "keys", "rotation_days"])
	above(r, n)
}

deny contains msg("ENC-004", "warning", sprintf("key rotation every %d days; %d recommended", [r, n])) if {
	is_attestation
	n := thresholds.key_rotation_warn_days
	r := get(["encryption", "keys", "rotation_days"])
	is_number(r)
	r > n
}

# TRN-001 Secure transfer channels (per item)
insecure_channels := {"ftp", "http", "telnet", "tftp", "smtp", "public-bucket"}

deny contains msg("TRN-001", "error", "transfer channels are not stated") if {
	is_attestation
	not stated(["transfer_channels"])
}

deny contains msg("TRN-001", "error", sprintf("transfer channel %s is insecure", [c])) if {
	is_attestation
	some c in list(["transfer_channels"])
	c in insecure_channels
}

# ACC-001 Role-based access, least privilege
deny contains msg("ACC-001", "error", sprintf("access.%s is %s; true required", [f, show(get(["access", f]))])) if {
	is_attestation
	some f in ["rbac", "least_privilege", "privileged_segregation"]
	not_true(["access", f])
}

# ACC-002 Multi-factor authentication
deny contains msg("ACC-002", "error", sprintf("MFA for %s is %s; true required", [f, show(get(["access", "mfa", f]))])) if {
	is_attestation
	some f in ["admins", "customer_data_access", "remote"]
	not_true(["access", "mfa", f])
}

# ACC-003 Access reviews
deny contains msg("ACC-003", "warning", sprintf("access reviewed every %s days; at most %d", [show(r), n])) if {
	is_attestation
	n := thresholds.access_review_max_days
	r := get(["access", "review_interval_days"])
	above(r, n)
}

# LOG-001 Customer-data access logged
deny contains msg("LOG-001", "error", sprintf("logging.%s is %s; true required", [f, show(get(["logging", f]))])) if {
	is_attestation
	some f in ["customer_data_access", "admin_actions"]
	not_true(["logging", f])
}

deny contains msg("LOG-001", "warning", sprintf("log records lack %s", [f])) if {
	is_attestation
	some f in ["user", "event", "timestamp", "outcome", "origin", "object"]
	not f in list(["logging", "fields"])
}

# LOG-002 Log retention (partial: the Annex III branch needs the Engagement)
deny contains msg("LOG-002", "error", sprintf("logs kept %s days; at least %d", [show(r), n])) if {
	is_attestation
	n := thresholds.log_retention_min_days
	r := get(["logging", "retention_days"])
	below(r, n)
}

deny contains msg("LOG-002", "warning", sprintf("logs kept %d days; %d recommended", [r, n])) if {
	is_attestation
	n := thresholds.log_retention_warn_days
	r := get(["logging", "retention_days"])
	is_number(r)
	r < n
}

deny contains msg("LOG-002", "warning", sprintf("logs searchable %s days; at least %d", [show(r), n])) if {
	is_attestation
	n := thresholds.log_searchable_min_days
	r := get(["logging", "searchable_days"])
	below(r, n)
}

# LOG-003 Log integrity and customer access
deny contains msg("LOG-003", "warning", "logs are not immutable") if {
	is_attestation
	not_true(["logging", "immutable"])
}

deny contains msg("LOG-003", "note", "customers cannot export their logs") if {
	is_attestation
	not_true(["logging", "customer_export"])
}

# IR-004 Incident response plan tested
deny contains msg("IR-004", "error", "no incident response plan") if {
	is_attestation
	not_true(["incident_response", "plan"])
}

deny contains msg("IR-004", "warning", sprintf("incident response plan last tested on %s; at most 12 months ago", [show(t)])) if {
	is_attestation
	t := get(["incident_response", "last_tested_on"])
	stale_or_missing(t, 12)
}

# SUB-001 Sub-processor list and flow-down (per item; [] is a valid "none")
deny contains msg("SUB-001", "error", "sub-processors are not stated") if {
	is_attestation
	get(["subprocessors"]) == null
}

deny contains msg("SUB-001", "error", sprintf("sub-processor %d lacks %s", [i, f])) if {
	is_attestation
	some i, s in list(["subprocessors"])
	some f in ["name", "purpose", "locations", "transfer_mechanism"]
	object.get(s, f, null) in {null, [], ""}
}

deny contains msg("SUB-001", "error", sprintf("sub-processor %v has no flow-down of the terms", [object.get(s, "name", i)])) if {
	is_attestation
	some i, s in list(["subprocessors"])
	object.get(s, "flowdown", null) != true
}

# SUB-003 Upstream model providers (per item)
subprocessor_names := {lower(trim_space(s.name)) | some s in list(["subprocessors"]); is_string(s.name)}

deny contains msg("SUB-003", "error", sprintf("upstream model provider %v is not a listed sub-processor", [m.provider])) if {
	is_attestation
	ai_in_scope
	some m in list(["ai", "upstream_models"])
	not lower(trim_space(object.get(m, "provider", ""))) in subprocessor_names
}

deny contains msg("SUB-003", "error", sprintf("upstream model provider %v may train on inputs", [object.get(m, "provider", "?")])) if {
	is_attestation
	ai_in_scope
	some m in list(["ai", "upstream_models"])
	object.get(m, "trains_on_inputs", null) != false
}

deny contains msg("SUB-003", "warning", sprintf("upstream model provider keeps prompts %s days; at most %d", [show(r), n])) if {
	is_attestation
	ai_in_scope
	n := thresholds.prompt_retention_max_days
	some m in list(["ai", "upstream_models"])
	r := object.get(m, "retention_days", null)
	above(r, n)
}

# AI-001 No training on customer data (partial: the attestation branch)
deny contains msg("AI-001", "error", sprintf("training on customer data is %s; never or opt-in required", [show(t)])) if {
	is_attestation
	ai_in_scope
	t := get(["ai", "training_on_customer_data"])
	t in {null, "opt-out", "default-on"}
}

# AI-002 Prompt and output retention (partial: the phi/special branch needs the Engagement)
deny contains msg("AI-002", "error", sprintf("ai.retention.%s is unbounded or not stated", [f])) if {
	is_attestation
	ai_in_scope
	some f in ["prompts_days", "outputs_days"]
	get(["ai", "retention", f]) == null
}

deny contains msg("AI-002", "warning", sprintf("ai.retention.%s is %d; at most %d", [f, r, n])) if {
	is_attestation
	ai_in_scope
	n := thresholds.prompt_retention_max_days
	some f in ["prompts_days", "outputs_days"]
	r := get(["ai", "retention", f])
	is_number(r)
	r > n
}

deny contains msg("AI-002", "warning", sprintf("human review is %s; must be disclosed", [show(h)])) if {
	is_attestation
	ai_in_scope
	h := get(["ai", "retention", "human_review"])
	h in {null, "undisclosed"}
}

# AI-005 AI evaluation evidence
deny contains msg("AI-005", "note", sprintf("last red-team exercise on %s; at most 12 months ago", [show(r)])) if {
	is_attestation
	ai_in_scope
	r := get(["ai", "red_team_last_on"])
	stale_or_missing(r, 12)
}

deny contains msg("AI-005", "note", "model change notice is not stated") if {
	is_attestation
	ai_in_scope
	get(["ai", "model_change_notice_days"]) == null
}
