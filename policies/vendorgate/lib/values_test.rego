package vendorgate.lib_values_test

import data.vendorgate.lib

test_show_at_shows_the_value_or_not_stated if {
	lib.show_at({"a": {"b": false}}, ["a", "b"]) == "false"
	lib.show_at({"a": {"b": 30}}, ["a", "b"]) == "30"
	lib.show_at({"a": {}}, ["a", "b"]) == "not stated"
	lib.show_at({"a": {"b": null}}, ["a", "b"]) == "not stated"
}

test_show_in_gives_the_unit_or_not_stated if {
	lib.show_in(30, "days") == "30 days"
	lib.show_in(99.5, "%") == "99.5 %"
	lib.show_in(0, "h") == "0 h"
	lib.show_in(null, "days") == "not stated"
}

test_show_limit_tells_unbounded_from_absent if {
	lib.show_limit({"r": {"d": null}}, ["r", "d"]) == "unbounded"
	lib.show_limit({"r": {}}, ["r", "d"]) == "not stated"
	lib.show_limit({}, ["r", "d"]) == "not stated"
}

test_show_age_counts_days_to_the_evaluation_date if {
	lib.show_age("2026-11-01") == "2026-11-01 (30 days old)" with input.as_of as "2026-12-01"
	lib.show_age(null) == "not stated" with input.as_of as "2026-12-01"
}

test_at_most_and_at_least_never_hold_for_an_absent_amount if {
	lib.at_most(30, 30)
	not lib.at_most(31, 30)
	not lib.at_most(null, 30)
	lib.at_least(30, 30)
	not lib.at_least(29, 30)
	not lib.at_least(null, 30)
}

test_above_and_below_are_strict_and_never_hold_for_an_absent_amount if {
	lib.above(31, 30)
	not lib.above(30, 30)
	not lib.above(null, 30)
	lib.below(29, 30)
	not lib.below(30, 30)
	not lib.below(null, 30)
}

test_stale_days_holds_when_absent_or_older if {
	lib.stale_days(null, 365) with input.as_of as "2026-12-01"
	lib.stale_days("2025-11-30", 365) with input.as_of as "2026-12-01"
	not lib.stale_days("2025-12-01", 365) with input.as_of as "2026-12-01"
}

test_stale_months_holds_when_absent_or_older if {
	lib.stale_months(null, 12) with input.as_of as "2026-12-01"
	lib.stale_months("2025-11-30", 12) with input.as_of as "2026-12-01"
	not lib.stale_months("2025-12-01", 12) with input.as_of as "2026-12-01"
}

test_has_text_needs_a_non_blank_string if {
	lib.has_text({"name": " Acme "}, ["name"])
	not lib.has_text({"name": "  "}, ["name"])
	not lib.has_text({"name": 7}, ["name"])
	not lib.has_text({}, ["name"])
}

test_missing_keeps_the_order_of_the_required_list if {
	lib.missing(["a", "b", "c"], ["c", "x"]) == ["a", "b"]
	lib.missing(["a"], ["a"]) == []
}

test_ai_is_in_scope_unless_stated_false if {
	lib.ai_in_scope({})
	lib.ai_in_scope({"ai": {"in_scope": true}})
	lib.ai_in_scope({"ai": {"in_scope": null}})
	not lib.ai_in_scope({"ai": {"in_scope": false}})
}
