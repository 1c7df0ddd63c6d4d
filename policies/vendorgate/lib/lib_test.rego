package vendorgate.lib_test

import data.vendorgate.lib
import data.vendorgate.lib.testing

at(as_of) := {"as_of": as_of, "dossiers": []}

meta := {"custom": {"id": "TST-001"}}

# Thresholds

test_threshold_default if {
	lib.threshold("attestation_max_age_days") == 365
}

test_threshold_override_replaces_only_its_name if {
	lib.threshold("attestation_max_age_days") == 30 with data.vendorgate_profile.thresholds as {"attestation_max_age_days": 30}
	lib.threshold("expiry_warning_days") == 60 with data.vendorgate_profile.thresholds as {"attestation_max_age_days": 30}
}

# Document access

test_documents_of_a_valid_dossier if {
	lib.engagement(testing.clean) == testing.engagement
	lib.attestation(testing.clean) == testing.attestation
	lib.contract(testing.clean) == testing.contract
}

test_invalid_documents_are_undefined if {
	d := json.patch(testing.clean, [
		testing.replace_at("/engagement/valid", false),
		testing.replace_at("/attestation/valid", false),
		testing.replace_at("/contract/valid", false),
	])
	not lib.engagement(d)
	not lib.attestation(d)
	not lib.contract(d)
}

test_absent_documents_are_undefined if {
	d := json.patch(testing.clean, [
		testing.remove_at("/engagement"),
		testing.remove_at("/attestation"),
		testing.remove_at("/contract"),
	])
	not lib.engagement(d)
	not lib.attestation(d)
	not lib.contract(d)
}

# Values and "not stated"

test_get if {
	lib.get({"a": {"b": 1}}, ["a", "b"]) == 1
	lib.get({"a": {"b": 1}}, ["a", "c"]) == null
	lib.get({"a": null}, ["a", "b"]) == null
}

test_stated if {
	lib.stated({"a": 0}, ["a"])
	lib.stated({"a": false}, ["a"])
	lib.stated({"a": ""}, ["a"])
	lib.stated({"a": ["x"]}, ["a"])
	lib.stated({"a": {}}, ["a"])
	not lib.stated({"a": null}, ["a"])
	not lib.stated({"a": []}, ["a"])
	not lib.stated({}, ["a"])
	not lib.stated({"a": {"b": 1}}, ["a", "c"])
}

test_is_true if {
	lib.is_true({"a": true}, ["a"])
	not lib.is_true({"a": false}, ["a"])
	not lib.is_true({"a": "true"}, ["a"])
	not lib.is_true({}, ["a"])
}

test_list if {
	lib.list({"a": ["x", "y"]}, ["a"]) == ["x", "y"]
	lib.list({"a": []}, ["a"]) == []
	lib.list({}, ["a"]) == []
	lib.list({"a": null}, ["a"]) == []
	lib.list({"a": "x"}, ["a"]) == []
}

test_show if {
	lib.show(null) == "not stated"
	lib.show(96) == "96"
	lib.show("type1") == "type1"
	lib.show(false) == "false"
}

# Pointers

test_pointer if {
	lib.pointer([]) == ""
	lib.pointer(["certifications", 0, "expires_on"]) == "/certifications/0/expires_on"
	lib.pointer(["a/b", "c~d"]) == "/a~1b/c~0d"
}

# Regimes and classes

test_has_data_class_or_regime if {
	s := {"data_classes": ["pii"], "regimes": ["gdpr"]}
	lib.has(s, "pii")
	lib.has(s, "gdpr")
	not lib.has(s, "phi")
	not lib.has(s, "pan")
}

test_has_hipaa_means_phi if {
	lib.has({"data_classes": ["pii"], "regimes": ["hipaa"]}, "phi")
	lib.has({"regimes": ["hipaa"]}, "phi")
	not lib.has({"data_classes": ["pii"], "regimes": ["gdpr"]}, "phi")
}

test_has_with_nothing_stated if {
	not lib.has({}, "pii")
	not lib.has({"data_classes": null, "regimes": null}, "gdpr")
}

# Results

test_fail if {
	lib.fail("warning", ["a", 1], "text") == {"level": "warning", "pointer": "/a/1", "text": "text"}
}

test_result_takes_the_highest_level_at_its_first_branch if {
	fails := [
		lib.fail("warning", ["w"], "w1"),
		lib.fail("error", ["e1"], "e1"),
		lib.fail("note", ["n"], "n1"),
		lib.fail("error", ["e2"], "e2"),
	]
	lib.result(meta, testing.clean, "contract", fails) == {
		"rule": "TST-001",
		"level": "error",
		"message": "w1; e1; n1; e2",
		"vendor": "northwind-ai",
		"doc": "c",
		"pointer": "/e1",
	}
}

test_result_of_one_note if {
	lib.result(meta, testing.clean, "engagement", [lib.fail("note", ["x"], "n")]) == {
		"rule": "TST-001",
		"level": "note",
		"message": "n",
		"vendor": "northwind-ai",
		"doc": "s",
		"pointer": "/x",
	}
}

test_result_of_no_fails_is_undefined if {
	not lib.result(meta, testing.clean, "contract", [])
}

# Dates

test_day if {
	lib.day("1970-01-01") == 0
	lib.day("1970-01-02") == 1
	lib.day("2026-12-01") - lib.day("2025-12-01") == 365
	lib.day("2024-03-01") - lib.day("2024-02-28") == 2
}

test_today_is_the_input_date if {
	lib.today == lib.day("2026-12-01") with input as at("2026-12-01")
}

test_add_months if {
	lib.add_months("2026-03-15", 0) == "2026-03-15"
	lib.add_months("2026-03-15", 1) == "2026-04-15"
	lib.add_months("2025-11-15", 3) == "2026-02-15"
	lib.add_months("2025-12-31", 12) == "2026-12-31"
	lib.add_months("2025-01-31", 24) == "2027-01-31"
}

test_add_months_clamps_to_the_month_end if {
	lib.add_months("2024-02-29", 12) == "2025-02-28"
	lib.add_months("2026-01-31", 1) == "2026-02-28"
	lib.add_months("2024-01-31", 1) == "2024-02-29"
	lib.add_months("2025-08-31", 1) == "2025-09-30"
	lib.add_months("2025-11-30", 3) == "2026-02-28"
}

test_older_than_days_at_the_boundary if {
	not lib.older_than_days("2025-12-01", 365) with input as at("2026-12-01")
	lib.older_than_days("2025-11-30", 365) with input as at("2026-12-01")
	not lib.older_than_days("2026-12-01", 0) with input as at("2026-12-01")
	lib.older_than_days("2026-11-30", 0) with input as at("2026-12-01")
}

test_older_than_days_a_later_date_is_never_older if {
	not lib.older_than_days("2027-06-01", 0) with input as at("2026-12-01")
}

test_older_than_months_at_the_boundary if {
	not lib.older_than_months("2025-12-01", 12) with input as at("2026-12-01")
	lib.older_than_months("2025-11-30", 12) with input as at("2026-12-01")
}

test_older_than_months_with_clamping if {
	# 2024-02-29 + 12 months = 2025-02-28: the limit date passes, the day after fails.
	not lib.older_than_months("2024-02-29", 12) with input as at("2025-02-28")
	lib.older_than_months("2024-02-29", 12) with input as at("2025-03-01")

	# 2026-01-31 + 1 month = 2026-02-28.
	not lib.older_than_months("2026-01-31", 1) with input as at("2026-02-28")
	lib.older_than_months("2026-01-31", 1) with input as at("2026-03-01")
}

test_older_than_months_a_later_date_is_never_older if {
	not lib.older_than_months("2027-01-01", 0) with input as at("2026-12-01")
}

test_within_days if {
	lib.within_days("2026-12-01", 60) with input as at("2026-12-01")
	lib.within_days("2027-01-30", 60) with input as at("2026-12-01")
	not lib.within_days("2027-01-31", 60) with input as at("2026-12-01")
	not lib.within_days("2026-11-30", 60) with input as at("2026-12-01")
}

test_expired if {
	lib.expired("2026-11-30") with input as at("2026-12-01")
	not lib.expired("2026-12-01") with input as at("2026-12-01")
	not lib.expired("2026-12-02") with input as at("2026-12-01")
}

# Versions

test_version_parts if {
	lib.version("4.0.1") == [4, 0, 1, 0]
	lib.version("4") == [4, 0, 0, 0]
	lib.version("10.2.3.4") == [10, 2, 3, 4]
}

test_version_lt if {
	lib.version_lt("4.0", "4.0.1")
	not lib.version_lt("4.0.1", "4.0")
	lib.version_lt("3.2.1", "4.0")
	not lib.version_lt("4.0", "3.2.1")
	lib.version_lt("9.1", "10.0")
}

test_version_lt_missing_parts_are_zero if {
	not lib.version_lt("4.0", "4.0.0")
	not lib.version_lt("4.0.0", "4.0")
	not lib.version_lt("4", "4.0")
}

# Latest

test_latest_takes_the_greatest_value if {
	items := [{"d": "2025-01-01", "n": 1}, {"d": "2026-01-01", "n": 2}, {"d": "2024-01-01", "n": 3}]
	lib.latest(items, "d") == {"d": "2026-01-01", "n": 2}
}

test_latest_takes_the_first_on_a_tie if {
	items := [{"d": "2025-01-01", "n": 1}, {"d": "2026-01-01", "n": 2}, {"d": "2026-01-01", "n": 3}]
	lib.latest(items, "d") == {"d": "2026-01-01", "n": 2}
}

test_latest_ranks_a_missing_key_lowest if {
	lib.latest([{"n": 1}, {"d": "2020-01-01", "n": 2}], "d") == {"d": "2020-01-01", "n": 2}
	lib.latest([{"n": 1}, {"n": 2}], "d") == {"n": 1}
}

test_latest_of_an_empty_list_is_undefined if {
	not lib.latest([], "d")
}
