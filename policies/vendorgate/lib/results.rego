# Results under catalog v2: failing conditions, each at its own value, merged per location.
# (The package's METADATA is in lib.rego; a package is annotated once.)
package vendorgate.lib

import data.vendorgate.lib.thresholds

# METADATA
# title: Failing condition
# description: >-
#   One failing condition of a rule: in the document of role (engagement,
#   attestation, contract) of dossier d, about the value at path, which a
#   message names by label and shows by found ("is 96 h", "is not stated"); the
#   expectation comes from expect, limit or bound. The condition is located at
#   the value, or at its nearest present parent when the value is absent.
cond(d, role, level, path, label, found, expectation) := {
	"role": role,
	"level": level,
	"path": path,
	"ptr": pointer(path),
	"at": pointer(nearest(d[role].body, path)),
	"label": label,
	"found": found,
	"expectation": expectation,
}

# METADATA
# title: Failing condition at an item
# description: >-
#   A condition of a per-item rule located at the item itself (at_path), for
#   a condition about the item as a whole rather than one of its values.
cond_at(d, role, level, at_path, path, label, found, expectation) := object.union(
	cond(d, role, level, path, label, found, expectation),
	{"at": pointer(nearest(d[role].body, at_path))},
)

# METADATA
# title: Expectation
# description: >-
#   What a value should be, and the citations of the condition's sources
#   (each "<framework> <control>" as in the rule's custom.controls).
expect(text, cites) := {"text": text, "source": concat(", ", cites), "op": "", "n": 0}

# METADATA
# title: Fixed bound
# description: >-
#   An expectation that is a fixed numeric limit (op "max" or "min"): a value
#   that fails a bound also fails every looser bound of the same direction
#   (above 72 h is above 48 h), so a less severe such bound is not listed.
bound(op, n, text, cites) := object.union(expect(text, cites), {"op": op, "n": n})

# METADATA
# scope: document
# title: Threshold bound
# description: >-
#   An expectation that is a named threshold: text is a format with one %s for
#   the limit and its unit. When vendorgate.yaml changes the threshold, the
#   message says so and keeps the catalog's default beside the source.
limit(name, op, fmt, unit, cites) := bound(op, n, sprintf(fmt, [show_in(n, unit)]), cites) if {
	not overridden(name)
	n := threshold(name)
}

limit(name, op, fmt, unit, cites) := {
	"text": sprintf("%s by the organisation profile", [sprintf(fmt, [show_in(n, unit)])]),
	"source": _override_source(name, unit, cites),
	"op": op,
	"n": n,
} if {
	n := threshold(name)
	overridden(name)
}

# METADATA
# title: Threshold overridden
# description: The organisation profile sets the named threshold to something other than its default.
overridden(name) if thresholds.overrides[name] != thresholds.defaults[name]

# The regulation itself sets these defaults; every other default is the catalog's recommendation.
_regulatory_defaults := {"breach_notification_max_hours"}

_override_source(name, unit, cites) := sprintf("%s allows %s", [
	concat(", ", cites),
	show_in(thresholds.defaults[name], unit),
]) if {
	name in _regulatory_defaults
	count(cites) > 0
} else := sprintf("%s; catalog default %s", [
	concat(", ", cites),
	show_in(thresholds.defaults[name], unit),
]) if {
	count(cites) > 0
} else := sprintf("catalog default %s", [show_in(thresholds.defaults[name], unit)])

# METADATA
# title: Found value
# description: How a message shows a value ("is 96 h", "is not stated"), with a unit or without.
found(v) := sprintf("is %s", [show(v)])

# METADATA
# title: Found amount
# description: An amount with its unit as a message shows it ("is 96 h", "is 1 day", "is not stated").
found_in(v, unit) := sprintf("is %s", [show_in(v, unit)])

# METADATA
# title: Found value at a path
# description: The value at path of obj as a message shows it.
found_at(obj, path) := found(object.get(obj, path, null))

# METADATA
# title: Nearest present path
# description: >-
#   The longest prefix of path that is present in body (a null value is
#   present): where a result about an absent value is located.
nearest(body, path) := array.slice(path, 0, k) if {
	k := max({i |
		some i in numbers.range(0, count(path))
		object.get(body, array.slice(path, 0, i), _absent) != _absent
	})
}

_absent := "\u0000absent"

# METADATA
# title: Path text
# description: A path as a message shows it, keys joined by dots and items by index ("subprocessors[0].name").
path_text(path) := concat("", [_step(i, p) | some i, p in path])

_step(0, p) := p if is_string(p)

_step(i, p) := sprintf(".%s", [p]) if {
	is_string(p)
	i > 0
}

_step(_, p) := sprintf("[%v]", [p]) if is_number(p)

# METADATA
# title: Results of a rule
# description: >-
#   The results of a rule's failing conditions on one dossier under catalog v2:
#   one result per document and location, at the highest level of its
#   conditions; a condition implied by a more severe one on the same value is
#   dropped; the message names each value once, then its expectations, the
#   most severe and binding first, each with its source.
results(meta, d, conds) := {_merged(meta, d, role, at, conds) |
	# Each location once: merging is per location, not per condition.
	some [role, at] in {[c.role, c.at] | some c in conds}
}

_merged(meta, d, role, at, conds) := {
	"rule": meta.custom.id,
	"level": ordered[0].level,
	"message": concat("; ", [clause | some part in _parts(ordered); some clause in part]),
	"vendor": d.vendor,
	"doc": d[role].id,
	"pointer": at,
} if {
	group := [c | some c in conds; c.role == role; c.at == at]
	kept := [c | some c in group; not _implied(c, group)]
	ordered := [x[5] | some x in sort([[0 - _value_rank(kept, c), _value_first(kept, c), 0 - _rank[c.level], _binding(c), i, c] |
		some i, c in kept
	])]
}

# The values of one result: the most severe first, else in the order the rule lists them.
_value_rank(kept, c) := max({_rank[k.level] | some k in kept; k.ptr == c.ptr})

_value_first(kept, c) := min({i | some i, k in kept; k.ptr == c.ptr})

_implied(c, group) if {
	c.expectation.op != ""
	some h in group
	h.ptr == c.ptr
	_rank[h.level] > _rank[c.level]
	h.expectation.op == c.expectation.op
	_fails_whenever(h.expectation, c.expectation)
}

_fails_whenever(h, c) if {
	h.op == "max"
	c.n <= h.n
}

_fails_whenever(h, c) if {
	h.op == "min"
	c.n >= h.n
}

_binding(c) := c.expectation.n if c.expectation.op == "max"

_binding(c) := 0 - c.expectation.n if c.expectation.op == "min"

_binding(c) := 0 if not c.expectation.op in {"max", "min"}

# The clauses of one value: "label (path) is found", then each expectation with its source,
# for each value in the order of its first condition.
_parts(ordered) := [array.concat(
	[said(first.label, first.path, first.found)],
	[expectation_text(c.expectation) | some c in ordered; c.ptr == ptr],
) |
	some i, first in ordered
	ptr := first.ptr
	not _seen_before(ordered, i, ptr)
]

_seen_before(ordered, i, ptr) if {
	some j, c in ordered
	j < i
	c.ptr == ptr
}

# METADATA
# title: Value clause
# description: The clause naming a value in a message, "label (path) found".
said(label, path, found) := sprintf("%s (%s) %s", [label, path_text(path), found])

# METADATA
# scope: document
# title: Expectation clause
# description: An expectation as a message shows it, its sources in parentheses when it has any.
expectation_text(e) := sprintf("%s (%s)", [e.text, e.source]) if e.source != ""

expectation_text(e) := e.text if e.source == ""
