# Shared helpers and thresholds for the conftest comparison policies.
#
# conftest evaluates each file (each document of a multi-document file) on its own, so these
# policies see one document as `input` and only the per-document controls of the catalog are
# expressible; see benchmarks/README.md. Thresholds are the catalog defaults, the same numbers
# as policies/vendorgate/lib/thresholds.rego. The evaluation date is fixed to the benchmark's
# --as-of, because vendorgate's policies never read the clock either.
package main

as_of := "2026-12-01"

thresholds := {
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
}

is_engagement if input.kind == "Engagement"

is_attestation if input.kind == "VendorAttestation"

is_contract if input.kind == "ContractTerms"

# Not stated: absent, null or an empty list.
stated(path) if {
	v := object.get(input, path, null)
	v != null
	v != []
}

get(path) := object.get(input, path, null)

not_true(path) if object.get(input, path, null) != true

list(path) := v if {
	v := object.get(input, path, [])
	is_array(v)
} else := []

show(v) := "not stated" if v == null

show(v) := sprintf("%v", [v]) if v != null

ns_per_day := 86400000000000

day(date) := round(time.parse_ns("2006-01-02", date) / ns_per_day)

today := day(as_of)

older_than_days(date, n) if today - day(date) > n

older_than_months(date, n) if today > day(add_months(date, n))

within_days(date, n) if {
	diff := day(date) - today
	diff >= 0
	diff <= n
}

expired(date) if day(date) < today

valid_cert(item) if {
	is_string(item.expires_on)
	not expired(item.expires_on)
}

add_months(date, n) := sprintf("%04d-%02d-%02d", [y2, m2, min([dd, days_in_month(y2, m2)])]) if {
	[y, m, dd] := time.date(time.parse_ns("2006-01-02", date))
	idx := (m - 1) + n
	y2 := y + floor(idx / 12)
	m2 := (idx % 12) + 1
}

days_in_month(y, m) := n if {
	first := time.parse_ns("2006-01-02", sprintf("%04d-%02d-01", [y, m]))
	[_, _, n] := time.date(time.add_date(first, 0, 1, 0) - ns_per_day)
}

# The item of a non-empty list with the greatest value at key, the first on a tie.
latest(items, key) := [it | some it in items; object.get(it, key, "") == best][0] if {
	best := max({object.get(it, key, "") | some it in items})
}

# A.ai.in_scope counts as true when not stated.
ai_in_scope if object.get(input, ["ai", "in_scope"], true) == true

msg(id, level, text) := sprintf("%s %s: %s", [id, level, text])
