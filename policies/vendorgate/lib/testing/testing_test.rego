# METADATA
# title: Testing helpers
# description: >-
#   What every policy test needs: the clean dossier (fixtures_test.rego), the
#   dossiers patched from it, the input of a run and the expected results, so
#   that a test states only the change it makes and the result it expects.
package vendorgate.lib.testing

# METADATA
# title: Input of one run
# description: The input of one run over one dossier, on the fixtures' evaluation date.
input_of(d) := input_on(d, as_of)

# METADATA
# title: Input of one run on a date
# description: The input of one run over one dossier, on the given evaluation date.
input_on(d, date) := {"as_of": date, "dossiers": [d]}

# METADATA
# title: Expected result
# description: >-
#   One result of a rule on the fixtures' vendor, in the result contract; doc is
#   "s", "a" or "c" (engagement, attestation, contract).
result(rule, level, doc, pointer, message) := {
	"rule": rule,
	"level": level,
	"message": message,
	"vendor": "northwind-ai",
	"doc": doc,
	"pointer": pointer,
}

# METADATA
# title: Results of one rule
# description: The results of one rule id only, for tests where another rule of the package also fires.
only(results, rule) := {r | some r in results; r.rule == rule}

# METADATA
# title: Replace operation
# description: An RFC 6902 operation that sets the value at a JSON pointer.
replace_at(path, value) := {"op": "replace", "path": path, "value": value}

# METADATA
# title: Add operation
# description: An RFC 6902 operation that adds a value at a JSON pointer.
add_at(path, value) := {"op": "add", "path": path, "value": value}

# METADATA
# title: Remove operation
# description: An RFC 6902 operation that removes the value at a JSON pointer.
remove_at(path) := {"op": "remove", "path": path}

# METADATA
# title: Engagement changed
# description: The clean dossier with JSON patches applied to its engagement.
engagement_with(ops) := patched(ops, [], [])

# METADATA
# title: Attestation changed
# description: The clean dossier with JSON patches applied to its attestation.
attestation_with(ops) := patched([], ops, [])

# METADATA
# title: Contract changed
# description: The clean dossier with JSON patches applied to its contract.
contract_with(ops) := patched([], [], ops)
