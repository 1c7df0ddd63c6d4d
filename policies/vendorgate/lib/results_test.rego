package vendorgate.lib_results_test

import data.vendorgate.lib
import data.vendorgate.lib.testing

meta := {"custom": {"id": "TST-001"}}

# A dossier whose contract body is given; ids as the fixtures use them.
dossier(body) := {"vendor": "v", "contract": {"id": "c", "valid": true, "body": body}}

body := {"n": 96, "list": [{"name": "x", "flag": false}], "parent": {"present": null}}

at_most(n, level) := lib.cond(dossier(body), "contract", level, ["n"], "amount", "is 96 h", lib.bound("max", n, sprintf("at most %v h allowed", [n]), ["SRC A"]))

# Locations

test_nearest_is_the_longest_present_prefix if {
	lib.nearest(body, ["n"]) == ["n"]
	lib.nearest(body, ["parent", "absent", "deeper"]) == ["parent"]
	lib.nearest(body, ["list", 0, "missing"]) == ["list", 0]
	lib.nearest(body, ["absent"]) == []
}

test_a_null_value_is_present_and_located_at_its_key if {
	lib.nearest(body, ["parent", "present"]) == ["parent", "present"]
}

test_path_text_joins_keys_with_dots_and_items_by_index if {
	lib.path_text(["breach_notification", "window_hours"]) == "breach_notification.window_hours"
	lib.path_text(["subprocessors", 2, "locations", 0]) == "subprocessors[2].locations[0]"
	lib.path_text(["attested_on"]) == "attested_on"
}

test_an_absent_value_is_located_at_its_nearest_parent if {
	c := lib.cond(dossier(body), "contract", "error", ["parent", "absent"], "x", "is not stated", lib.expect("required", ["SRC"]))
	c.at == "/parent"
	c.ptr == "/parent/absent"
}

test_cond_at_locates_at_the_item if {
	c := lib.cond_at(dossier(body), "contract", "error", ["list", 0], ["list", 0, "flag"], "flag", "is false", lib.expect("must be true", ["SRC"]))
	c.at == "/list/0"
	c.ptr == "/list/0/flag"
}

# Merging

test_a_looser_less_severe_bound_on_the_same_value_is_not_listed if {
	r := lib.results(meta, dossier(body), [at_most(48, "warning"), at_most(72, "error")])
	r == {{
		"rule": "TST-001", "level": "error", "vendor": "v", "doc": "c", "pointer": "/n",
		"message": "amount (n) is 96 h; at most 72 h allowed (SRC A)",
	}}
}

test_a_stricter_less_severe_bound_is_listed_after if {
	r := lib.results(meta, dossier(body), [at_most(48, "warning"), at_most(24, "error")])
	[x.message | some x in r] == ["amount (n) is 96 h; at most 24 h allowed (SRC A); at most 48 h allowed (SRC A)"]
}

test_among_equals_the_binding_bound_comes_first if {
	r := lib.results(meta, dossier(body), [at_most(72, "error"), at_most(24, "error")])
	[x.message | some x in r] == ["amount (n) is 96 h; at most 24 h allowed (SRC A); at most 72 h allowed (SRC A)"]
}

test_a_min_bound_implies_the_looser_min_bound if {
	d := dossier({"bits": 64})
	c1 := lib.cond(d, "contract", "error", ["bits"], "key length", "is 64 bits", lib.bound("min", 128, "at least 128 bits required", ["S1"]))
	c2 := lib.cond(d, "contract", "note", ["bits"], "key length", "is 64 bits", lib.bound("min", 256, "at least 256 bits recommended", ["S2"]))
	[x.message | some x in lib.results(meta, d, [c2, c1])] == ["key length (bits) is 64 bits; at least 128 bits required (S1)"]
}

test_expectations_that_are_not_bounds_are_all_listed_most_severe_first if {
	d := dossier(body)
	w := lib.cond(d, "contract", "warning", ["n"], "amount", "is 96 h", lib.expect("w text", ["SW"]))
	e := lib.cond(d, "contract", "error", ["n"], "amount", "is 96 h", lib.expect("e text", ["SE"]))
	[x.message | some x in lib.results(meta, d, [w, e])] == ["amount (n) is 96 h; e text (SE); w text (SW)"]
}

test_values_at_different_locations_are_different_results if {
	d := dossier(body)
	a := lib.cond(d, "contract", "error", ["n"], "amount", "is 96 h", lib.expect("e", ["S"]))
	b := lib.cond(d, "contract", "warning", ["list", 0, "flag"], "flag", "is false", lib.expect("must be true", ["S"]))
	r := lib.results(meta, d, [a, b])
	{[x.pointer, x.level, x.message] | some x in r} == {
		["/n", "error", "amount (n) is 96 h; e (S)"],
		["/list/0/flag", "warning", "flag (list[0].flag) is false; must be true (S)"],
	}
}

test_absent_values_of_one_parent_merge_into_one_result_naming_each if {
	d := dossier(body)
	a := lib.cond(d, "contract", "warning", ["parent", "a"], "first", "is not stated", lib.expect("required", ["S1"]))
	b := lib.cond(d, "contract", "error", ["parent", "b"], "second", "is not stated", lib.expect("required", ["S2"]))
	r := lib.results(meta, d, [a, b])
	r == {{
		"rule": "TST-001", "level": "error", "vendor": "v", "doc": "c", "pointer": "/parent",
		"message": "second (parent.b) is not stated; required (S2); first (parent.a) is not stated; required (S1)",
	}}
}

test_a_condition_without_source_has_no_parentheses if {
	d := dossier(body)
	a := lib.cond(d, "contract", "warning", ["n"], "amount", "is 96 h", lib.expect("renew it", []))
	[x.message | some x in lib.results(meta, d, [a])] == ["amount (n) is 96 h; renew it"]
}

test_no_condition_no_result if {
	count(lib.results(meta, dossier(body), [])) == 0
}

# Thresholds in messages

test_a_default_threshold_cites_its_source if {
	e := lib.limit("breach_notification_max_hours", "max", "at most %s allowed", "h", ["GDPR Art. 33(1)"])
	e == {"text": "at most 72 h allowed", "source": "GDPR Art. 33(1)", "op": "max", "n": 72}
}

test_a_profile_threshold_says_so_and_keeps_the_regulation_default if {
	e := lib.limit("breach_notification_max_hours", "max", "at most %s allowed", "h", ["GDPR Art. 33(1)"]) with data.vendorgate_profile.thresholds as {"breach_notification_max_hours": 48}
	e.text == "at most 48 h allowed by the organisation profile"
	e.source == "GDPR Art. 33(1) allows 72 h"
	e.n == 48
}

test_a_profile_recommendation_keeps_the_catalog_default if {
	e := lib.limit("log_retention_warn_days", "min", "at least %s recommended", "days", ["PCI DSS 4.0.1 10.5.1"]) with data.vendorgate_profile.thresholds as {"log_retention_warn_days": 400}
	e.text == "at least 400 days recommended by the organisation profile"
	e.source == "PCI DSS 4.0.1 10.5.1; catalog default 365 days"
}

test_a_profile_threshold_without_source_keeps_the_default if {
	e := lib.limit("expiry_warning_days", "max", "%s", "days", []) with data.vendorgate_profile.thresholds as {"expiry_warning_days": 30}
	e.source == "catalog default 60 days"
}

test_a_profile_value_equal_to_the_default_is_not_an_override if {
	e := lib.limit("breach_notification_max_hours", "max", "at most %s allowed", "h", ["G"]) with data.vendorgate_profile.thresholds as {"breach_notification_max_hours": 72}
	e.text == "at most 72 h allowed"
}

# Shown values

test_found_values if {
	lib.found(null) == "is not stated"
	lib.found(false) == "is false"
	lib.found("opt-out") == "is opt-out"
	lib.found_in(96, "h") == "is 96 h"
	lib.found_in(null, "h") == "is not stated"
	lib.found_at({"a": {"b": true}}, ["a", "b"]) == "is true"
}

test_one_of_a_plural_unit_is_singular if {
	lib.show_in(1, "days") == "1 day"
	lib.show_in(1, "years") == "1 year"
	lib.show_in(2, "years") == "2 years"
	lib.show_in(1, "h") == "1 h"
	lib.show_in(1, "%") == "1 %"
}

test_a_future_event_date_is_not_stated_but_located_at_its_key if {
	d := json.patch(testing.clean, [testing.replace_at("/attestation/body/pentest/last_on", "2030-01-01")])
	a := lib.attestation(d) with input as testing.input_of(d)
	not a.pentest.last_on
	c := lib.cond(d, "attestation", "warning", ["pentest", "last_on"], "pentest date", lib.found_at(a, ["pentest", "last_on"]), lib.expect("x", ["S"]))
	c.found == "is not stated"
	c.at == "/pentest/last_on"
}

test_values_of_one_result_come_most_severe_first_then_in_the_rule_order if {
	d := dossier(body)
	a := lib.cond(d, "contract", "warning", ["parent", "a"], "first", "is not stated", lib.expect("required", ["S1"]))
	b := lib.cond(d, "contract", "error", ["parent", "b"], "second", "is not stated", lib.bound("max", 5, "at most 5", ["S2"]))
	c := lib.cond(d, "contract", "error", ["parent", "c"], "third", "is not stated", lib.bound("min", 9, "at least 9", ["S3"]))
	e := lib.cond(d, "contract", "error", ["parent", "e"], "fourth", "is not stated", lib.expect("required", ["S4"]))
	[x.message | some x in lib.results(meta, d, [a, b, c, e])] == [concat("; ", [
		"second (parent.b) is not stated", "at most 5 (S2)",
		"third (parent.c) is not stated", "at least 9 (S3)",
		"fourth (parent.e) is not stated", "required (S4)",
		"first (parent.a) is not stated", "required (S1)",
	])]
}
