# Values as the rules read and show them: amounts, limits, dates' age, text and lists.
# (The package's METADATA is in lib.rego; a package is annotated once.)
package vendorgate.lib

# METADATA
# title: Text of the value at a path
# description: The value at path as a message shows it, "not stated" when absent.
show_at(obj, path) := show(object.get(obj, path, null))

# METADATA
# scope: document
# title: Text of an amount
# description: An amount with its unit as a message shows it ("30 days", "99.5 %"), "not stated" when absent.
show_in(null, _) := "not stated"

show_in(v, unit) := sprintf("%v %s", [v, _unit(v, unit)]) if v != null

# One day, one year: a plural unit is singular for exactly one.
_unit(1, unit) := trim_suffix(unit, "s") if endswith(unit, "s")

_unit(v, unit) := unit if {
	not _one_of_plural(v, unit)
}

_one_of_plural(1, unit) if endswith(unit, "s")

# METADATA
# title: Text of a limit
# description: >-
#   Why a limit is missing: "unbounded" when stated as null (no limit),
#   "not stated" when the key is absent.
show_limit(obj, path) := "unbounded" if {
	object.get(obj, path, "absent") == null
} else := "not stated"

# METADATA
# scope: document
# title: Text of a date and its age
# description: A date with its age in days, "not stated" when absent.
show_age(null) := "not stated"

show_age(date) := sprintf("%s (%d days old)", [date, today - day(date)]) if date != null

# METADATA
# title: At most
# description: The amount is stated and at most n (an absent amount never meets a limit).
at_most(v, n) if {
	v != null
	v <= n
}

# METADATA
# title: At least
# description: The amount is stated and at least n.
at_least(v, n) if {
	v != null
	v >= n
}

# METADATA
# title: Above
# description: The amount is stated and above n.
above(v, n) if {
	v != null
	v > n
}

# METADATA
# title: Below
# description: The amount is stated and below n.
below(v, n) if {
	v != null
	v < n
}

# METADATA
# scope: document
# title: Stale by days
# description: The date is not stated, or older than n days.
stale_days(null, _) := true

stale_days(date, n) if older_than_days(date, n)

# METADATA
# scope: document
# title: Stale by months
# description: The date is not stated, or older than n calendar months.
stale_months(null, _) := true

stale_months(date, n) if older_than_months(date, n)

# METADATA
# title: Non-blank text
# description: The value at path is a string with something other than white space.
has_text(obj, path) if {
	v := object.get(obj, path, null)
	is_string(v)
	trim_space(v) != ""
}

# METADATA
# title: Missing items
# description: The items of required that are not in present, in the order of required.
missing(required, present) := [x | some x in required; not x in present]

# METADATA
# title: AI in scope
# description: A.ai.in_scope counts as true unless stated false.
ai_in_scope(a) if object.get(a, ["ai", "in_scope"], null) != false
