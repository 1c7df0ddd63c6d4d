# METADATA
# title: Shared helpers
# description: >-
#   Document access, "not stated", regimes, dates, versions and the builder of
#   results in the result contract {rule, level, message, vendor, doc, pointer}.
package vendorgate.lib

import data.vendorgate.lib.thresholds

# METADATA
# title: Level ranks
# description: Higher is more severe; a result takes the highest level of its failing branches.
_rank := {"error": 3, "warning": 2, "note": 1}

# METADATA
# title: Threshold
# description: The effective value of a named threshold (catalog default or organisation override).
threshold(name) := thresholds.effective[name]

# METADATA
# title: Engagement body
# description: >-
#   The dossier's first Engagement, when present and schema-valid, as the rules
#   read it: an event date after the evaluation date is removed (not stated; DOS-005 reports it).
engagement(d) := _cleaned(d.engagement) if d.engagement.valid

# METADATA
# title: Attestation body
# description: The dossier's first VendorAttestation, when present and schema-valid, as the rules read it.
attestation(d) := _cleaned(d.attestation) if d.attestation.valid

# METADATA
# title: Contract body
# description: The dossier's first ContractTerms, when present and schema-valid, as the rules read it.
contract(d) := _cleaned(d.contract) if d.contract.valid

# METADATA
# title: Cleaned body
# description: >-
#   A document's body without its event dates that lie after the evaluation
#   date; the body itself (no copy) when it has none, as almost every body.
#   json.remove reads list indexes only in "a/0/b" paths; event paths hold no "/".
_cleaned(doc) := json.remove(doc.body, [concat("/", [sprintf("%v", [p]) | some p in f.path]) | some f in found]) if {
	found := future_by_doc[doc.id]
} else := doc.body

# METADATA
# title: Future event dates by document
# description: >-
#   The future event dates of every valid document of the input, by document
#   id, only for documents that have some. A complete rule is evaluated once
#   per query, so each body is scanned once, not once per rule that reads it.
future_by_doc := {doc.id: found |
	some d in input.dossiers
	some role in ["engagement", "attestation", "contract"]
	doc := d[role]
	doc.valid
	found := future_dates(doc.body, role)
	count(found) > 0
}

# METADATA
# title: Event dates
# description: >-
#   The date fields that record a past event (catalog, Conventions: Future
#   dates), per document role: single fields as paths, list items as list key and item keys.
_event_dates := {
	"engagement": [["risk", "assessed_on"]],
	"attestation": [
		["attested_on"],
		["pentest", "last_on"],
		["incident_response", "last_tested_on"],
		["ai", "red_team_last_on"],
	],
	"contract": [["dpa", "signed_on"]],
}

_event_item_dates := {"attestation": {
	"certifications": ["period_end", "issued_on", "last_surveillance_on"],
	"documents": ["reviewed_on"],
}}

# METADATA
# title: Future event dates
# description: >-
#   Each event date of a body that lies after the evaluation date, as
#   {path, date}; dates are YYYY-MM-DD strings, so text order is date order.
future_dates(body, role) := array.concat(
	[{"path": path, "date": v} |
		some path in object.get(_event_dates, role, [])
		v := object.get(body, path, null)
		is_string(v)
		v > input.as_of
	],
	[{"path": [key, i, field], "date": v} |
		some key, fields in object.get(_event_item_dates, role, {})
		some i, item in list(body, [key])
		some field in fields
		v := object.get(item, field, null)
		is_string(v)
		v > input.as_of
	],
)

# METADATA
# title: Value at a path
# description: The value at path in obj, or null when absent.
get(obj, path) := object.get(obj, path, null)

# METADATA
# title: Stated
# description: The value at path is present, not null and not an empty list.
stated(obj, path) if {
	v := object.get(obj, path, null)
	v != null
	v != []
}

# METADATA
# title: Stated true
# description: The value at path is the boolean true (a trigger or a duty that holds).
is_true(obj, path) if object.get(obj, path, null) == true

# METADATA
# title: List at a path
# description: The list at path, or an empty list when absent or not a list.
list(obj, path) := v if {
	v := object.get(obj, path, [])
	is_array(v)
} else := []

# METADATA
# title: JSON pointer
# description: The RFC 6901 pointer of a path given as an array of keys and indexes.
pointer(path) := concat("", [sprintf("/%v", [_escape(p)]) | some p in path])

_escape(p) := replace(replace(p, "~", "~0"), "/", "~1") if is_string(p)

_escape(p) := p if not is_string(p)

# METADATA
# scope: document
# title: Engagement has a class or regime
# description: S∋x in the catalog's sense; hipaa also counts as sharing phi.
has(s, x) if x in list(s, ["data_classes"])

has(s, x) if x in list(s, ["regimes"])

has(s, "phi") if "hipaa" in list(s, ["regimes"])

# METADATA
# title: Failing branch
# description: One failing condition of a rule, at a level and a pointer, with its message text.
fail(level, path, text) := {"level": level, "pointer": pointer(path), "text": text}

# METADATA
# title: Result
# description: >-
#   One result from the failing branches of a rule on one object: the highest
#   level, located at the first branch of that level, the message listing every
#   branch; undefined when no branch fails.
result(meta, d, role, fails) := {
	"rule": meta.custom.id,
	"level": top.level,
	"message": concat("; ", [f.text | some f in fails]),
	"vendor": d.vendor,
	"doc": d[role].id,
	"pointer": top.pointer,
} if {
	count(fails) > 0
	best := max({_rank[f.level] | some f in fails})
	top := [f | some f in fails; _rank[f.level] == best][0]
}

# METADATA
# scope: document
# title: Text of a value
# description: A value as a message shows it, "not stated" when absent.
show(null) := "not stated"

show(v) := sprintf("%v", [v]) if v != null

# METADATA
# title: Date parts
# description: Year, month and day of a YYYY-MM-DD date as numbers.
_date_parts(date) := [to_number(y), to_number(m), to_number(d)] if {
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, date)
	[y, m, d] := split(date, "-")
}

# METADATA
# title: Day number
# description: >-
#   Days since 1970-01-01 of a YYYY-MM-DD date, by civil-calendar arithmetic so
#   that every four-digit year works (time.parse_ns stops at 1677 and 2262).
day(date) := ((era * 146097) + doe) - 719468 if {
	[y0, m, d] := _date_parts(date)
	y := y0 - _march_based(m)
	era := floor(y / 400)
	yoe := y - (era * 400)
	doy := (floor(((153 * ((m + 9) % 12)) + 2) / 5) + d) - 1
	doe := (((yoe * 365) + floor(yoe / 4)) - floor(yoe / 100)) + doy
}

_march_based(m) := 1 if m <= 2

_march_based(m) := 0 if m > 2

# METADATA
# title: Evaluation day
# description: The day number of the evaluation date given in the input (policies never read the clock).
today := day(input.as_of)

# METADATA
# title: Older than N days
# description: T − D > N days; a date after T is never older.
older_than_days(date, n) if today - day(date) > n

# METADATA
# title: Older than N months
# description: T > D + N calendar months, the day clamped to the month's end; the limit date passes.
older_than_months(date, n) if today > day(add_months(date, n))

# METADATA
# title: Within N days
# description: T ≤ D ≤ T + N days.
within_days(date, n) if {
	diff := day(date) - today
	diff >= 0
	diff <= n
}

# METADATA
# title: Expired
# description: The date is before the evaluation date.
expired(date) if day(date) < today

# METADATA
# title: Add months
# description: D + N calendar months (N ≥ 0), keeping the day and clamping it to the month's last day.
add_months(date, n) := sprintf("%04d-%02d-%02d", [y2, m2, min([dd, _days_in_month(y2, m2)])]) if {
	[y, m, dd] := _date_parts(date)
	idx := (m - 1) + n
	y2 := y + floor(idx / 12)
	m2 := (idx % 12) + 1
}

_days_in_month(y, 2) := 29 if _leap(y)

_days_in_month(y, 2) := 28 if not _leap(y)

_days_in_month(_, m) := 30 if m in {4, 6, 9, 11}

_days_in_month(_, m) := 31 if m in {1, 3, 5, 7, 8, 10, 12}

_leap(y) if {
	y % 4 == 0
	y % 100 != 0
}

_leap(y) if y % 400 == 0

# METADATA
# title: Version parts
# description: A dotted version of integers as four numbers, missing parts 0; undefined for anything else.
version(v) := array.slice(array.concat([to_number(p) | some p in split(v, ".")], [0, 0, 0, 0]), 0, 4) if {
	regex.match(`^[0-9]+(\.[0-9]+)*$`, v)
}

# METADATA
# title: Version below
# description: Version a is lower than version b, comparing dot-separated integers.
version_lt(a, b) if version(a) < version(b)

# METADATA
# title: Latest item
# description: The item of a non-empty list with the greatest value at key, the first on a tie.
latest(items, key) := [it | some it in items; object.get(it, key, "") == best][0] if {
	best := max({object.get(it, key, "") | some it in items})
}
