# METADATA
# title: vendorgate entrypoint
# description: Collects every result of the built-in rules and of the organisation's custom policies.
package vendorgate.main

# METADATA
# title: All results
# entrypoint: true
# description: >-
#   Every result of every rule, in the result contract
#   {rule, level, message, vendor, doc, pointer}.
findings := array.concat(
	[r | some r in data.vendorgate.rules[_].deny],
	[r | some r in data.vendorgate.custom[_].deny],
)
