package vendorgate.rules.transfers_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.transfers

results(d) := r if {
	r := transfers.deny with input as testing.input_of(d)
}

res(rule, doc, level, pointer, message) := testing.result(rule, level, doc, pointer, message)

xfr_001(doc, level, pointer, message) := res("XFR-001", doc, level, pointer, message)

xfr_002(pointer, message) := res("XFR-002", "a", "error", pointer, message)

xfr_003(pointer, message) := res("XFR-003", "a", "warning", pointer, message)

only_eu_uk := [testing.replace_at("/allowed_regions", ["eu", "uk"])]

no_gdpr := [testing.replace_at("/regimes", ["ccpa", "hipaa", "nis2", "dora", "euaia"])]

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

# XFR-001

allowed_text := "allowed regions (allowed_regions) are not stated; the regions where customer data may go required (GDPR Art. 44)"

allowed_not_stated := xfr_001("s", "error", "", allowed_text)

residency_text := "data residency (residency) is not stated; storage, processing and support-access regions required (GDPR Art. 44)"

residency_not_stated := xfr_001("a", "error", "", residency_text)

notice_text := "location change notice (location_change_notice_days) is not stated; a notice period before data moves to a new location required (DORA Art. 30(2)(b))"

notice_not_stated := xfr_001("c", "warning", "", notice_text)

region(pointer, label, path, r, allowed) := xfr_001("a", "error", pointer, sprintf(
	"%s (%s) is %s; one of the allowed regions %s required (GDPR Art. 44)",
	[label, path, r, allowed],
))

test_xfr_001_allowed_regions_absent_is_one_error_in_the_engagement if {
	d := testing.engagement_with([testing.remove_at("/allowed_regions")])
	results(d) == {allowed_not_stated}
}

test_xfr_001_allowed_regions_empty_is_not_stated_at_its_value if {
	d := testing.patched(
		[testing.replace_at("/allowed_regions", [])],
		[testing.replace_at("/residency/storage", ["jp"])],
		[],
	)
	results(d) == {xfr_001("s", "error", "/allowed_regions", allowed_text)}
}

test_xfr_001_residency_absent_is_one_error_in_the_attestation if {
	d := testing.attestation_with([testing.remove_at("/residency")])
	results(d) == {residency_not_stated}
}

test_xfr_001_residency_without_regions_is_not_stated_at_residency if {
	d := testing.attestation_with([testing.replace_at("/residency", {"storage": [], "processing": null})])
	results(d) == {xfr_001("a", "error", "/residency", residency_text)}
}

test_xfr_001_residency_not_stated_still_checks_subprocessor_locations if {
	d := testing.patched(only_eu_uk, [testing.remove_at("/residency")], [])
	results(d) == {
		residency_not_stated,
		region("/subprocessors/1/locations/0", "sub-processor location", "subprocessors[1].locations[0]", "us", "eu, uk"),
	}
}

test_xfr_001_both_not_stated_give_one_error_per_document if {
	d := testing.patched([testing.remove_at("/allowed_regions")], [testing.remove_at("/residency")], [])
	results(d) == {allowed_not_stated, residency_not_stated}
}

test_xfr_001_each_disallowed_region_is_an_error_at_its_element if {
	d := testing.engagement_with(only_eu_uk)
	results(d) == {
		region("/residency/processing/1", "processing region", "residency.processing[1]", "us", "eu, uk"),
		region("/subprocessors/1/locations/0", "sub-processor location", "subprocessors[1].locations[0]", "us", "eu, uk"),
	}
}

test_xfr_001_support_access_region_not_allowed if {
	d := testing.attestation_with([testing.replace_at("/residency/support_access", ["uk", "in"])])
	results(d) == {region(
		"/residency/support_access/1", "support-access region", "residency.support_access[1]",
		"in", "eu, uk, us",
	)}
}

test_xfr_001_storage_region_not_allowed if {
	d := testing.attestation_with([testing.replace_at("/residency/storage", ["eu", "cn"])])
	results(d) == {region("/residency/storage/1", "storage region", "residency.storage[1]", "cn", "eu, uk, us")}
}

test_xfr_001_two_locations_of_one_item_are_two_results if {
	d := testing.attestation_with([
		testing.remove_at("/subprocessors/0/name"),
		testing.replace_at("/subprocessors/0/locations", ["eu", "sg", "br"]),
	])
	results(d) == {
		region("/subprocessors/0/locations/1", "sub-processor location", "subprocessors[0].locations[1]", "sg", "eu, uk, us"),
		region("/subprocessors/0/locations/2", "sub-processor location", "subprocessors[0].locations[2]", "br", "eu, uk, us"),
	}
}

test_xfr_001_locations_of_different_items_are_different_results if {
	d := testing.attestation_with([
		testing.replace_at("/subprocessors/0/locations", ["sg"]),
		testing.replace_at("/subprocessors/1/locations", ["us", "sg"]),
	])
	results(d) == {
		region("/subprocessors/0/locations/0", "sub-processor location", "subprocessors[0].locations[0]", "sg", "eu, uk, us"),
		region("/subprocessors/1/locations/1", "sub-processor location", "subprocessors[1].locations[1]", "sg", "eu, uk, us"),
		xfr_002(
			"/subprocessors/1/transfer_mechanism",
			sprintf("sub-processor transfer mechanism (subprocessors[1].transfer_mechanism) is dpf; %s", [dpf_regions("sg")]),
		),
	}
}

test_xfr_001_eea_allows_eu if {
	d := testing.engagement_with([testing.replace_at("/allowed_regions", ["eea", "uk", "us"])])
	count(results(d)) == 0
}

test_xfr_001_eu_does_not_allow_eea if {
	d := testing.attestation_with([testing.replace_at("/residency/storage", ["eea"])])
	results(d) == {region("/residency/storage/0", "storage region", "residency.storage[0]", "eea", "eu, uk, us")}
}

test_xfr_001_other_is_not_allowed_by_other_regions if {
	d := testing.attestation_with([testing.replace_at("/residency/storage", ["other"])])
	results(d) == {region("/residency/storage/0", "storage region", "residency.storage[0]", "other", "eu, uk, us")}
}

test_xfr_001_other_matches_other if {
	d := testing.patched(
		[testing.replace_at("/allowed_regions", ["eu", "uk", "us", "other"])],
		[testing.replace_at("/residency/storage", ["other"])],
		[],
	)
	count(results(d)) == 0
}

test_xfr_001_location_change_notice_not_stated_is_a_warning_in_the_contract if {
	d := testing.contract_with([testing.remove_at("/location_change_notice_days")])
	results(d) == {notice_not_stated}
}

test_xfr_001_location_change_notice_null_is_not_stated_at_its_value if {
	d := testing.contract_with([testing.replace_at("/location_change_notice_days", null)])
	results(d) == {xfr_001("c", "warning", "/location_change_notice_days", notice_text)}
}

test_xfr_001_all_branches_together_give_one_result_per_document if {
	d := testing.patched(
		[testing.remove_at("/allowed_regions")],
		[testing.remove_at("/residency")],
		[testing.remove_at("/location_change_notice_days")],
	)
	results(d) == {allowed_not_stated, residency_not_stated, notice_not_stated}
}

test_xfr_001_silent_without_engagement if {
	d := json.patch(testing.attestation_with([testing.remove_at("/residency")]), [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

test_xfr_001_silent_with_invalid_attestation if {
	d := json.patch(testing.engagement_with(only_eu_uk), [testing.replace_at("/attestation/valid", false)])
	count(results(d)) == 0
}

test_xfr_001_silent_without_contract if {
	d := json.patch(testing.engagement_with(only_eu_uk), [testing.remove_at("/contract")])
	count(results(d)) == 0
}

# XFR-002

mechanism_invalid(path, found) := sprintf(
	"transfer mechanism (%s) is %s; adequacy, scc-2021, bcr or dpf required (GDPR Art. 45, GDPR Art. 46(2)(c))",
	[path, found],
)

sub_mechanism_invalid(path, found) := sprintf("sub-processor %s", [mechanism_invalid(path, found)])

scc_2010(label, path) := sprintf(
	"%s (%s) is scc-2010; scc-2021 required, as the 2010 clauses were repealed (Commission Decision 2021/914)",
	[label, path],
)

dpf_regions(regions) := sprintf(
	"a mechanism other than dpf required for %s, as dpf covers transfers to us only (Commission Decision 2023/1795)",
	[regions],
)

dpf_inactive(path, found) := sprintf(
	"active DPF certification (%s) is %s; must be true when relying on dpf (Commission Decision 2023/1795)",
	[path, found],
)

test_xfr_002_mechanism_none_is_an_error_at_mechanism if {
	d := testing.attestation_with([testing.replace_at("/transfers/0/mechanism", "none")])
	results(d) == {xfr_002("/transfers/0/mechanism", mechanism_invalid("transfers[0].mechanism", "none"))}
}

test_xfr_002_mechanism_scc_2010_is_an_error_citing_the_repeal if {
	d := testing.attestation_with([testing.replace_at("/transfers/1/mechanism", "scc-2010")])
	results(d) == {xfr_002("/transfers/1/mechanism", scc_2010("transfer mechanism", "transfers[1].mechanism"))}
}

test_xfr_002_mechanism_not_stated_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/transfers/1/mechanism")])
	results(d) == {xfr_002("/transfers/1", mechanism_invalid("transfers[1].mechanism", "not stated"))}
}

test_xfr_002_mechanism_null_is_not_stated_at_its_value if {
	d := testing.attestation_with([testing.replace_at("/transfers/1/mechanism", null)])
	results(d) == {xfr_002("/transfers/1/mechanism", mechanism_invalid("transfers[1].mechanism", "not stated"))}
}

test_xfr_002_transfer_within_eu_or_eea_is_not_checked if {
	d := testing.attestation_with([
		testing.add_at("/transfers/-", {"region": "eu", "mechanism": "none"}),
		testing.add_at("/transfers/-", {"region": "eea"}),
	])
	count(results(d)) == 0
}

test_xfr_002_region_not_stated_is_checked if {
	d := testing.attestation_with([testing.add_at("/transfers/-", {"mechanism": "none"})])
	results(d) == {xfr_002("/transfers/2/mechanism", mechanism_invalid("transfers[2].mechanism", "none"))}
}

test_xfr_002_dpf_inactive_is_an_error_at_mechanism if {
	d := testing.attestation_with([testing.replace_at("/transfers/0/dpf_active", false)])
	results(d) == {xfr_002("/transfers/0/mechanism", dpf_inactive("transfers[0].dpf_active", "false"))}
}

test_xfr_002_dpf_active_not_stated_is_an_error_at_mechanism if {
	d := testing.attestation_with([testing.remove_at("/transfers/0/dpf_active")])
	results(d) == {xfr_002("/transfers/0/mechanism", dpf_inactive("transfers[0].dpf_active", "not stated"))}
}

test_xfr_002_dpf_outside_us_is_an_error_at_mechanism if {
	d := testing.attestation_with([testing.replace_at("/transfers/0/region", "jp")])
	results(d) == {xfr_002(
		"/transfers/0/mechanism",
		sprintf("transfer mechanism (transfers[0].mechanism) is dpf; %s", [dpf_regions("jp")]),
	)}
}

test_xfr_002_dpf_outside_us_and_inactive_merge_at_mechanism if {
	d := testing.attestation_with([
		testing.replace_at("/transfers/0/region", "ca"),
		testing.replace_at("/transfers/0/dpf_active", false),
	])
	results(d) == {xfr_002("/transfers/0/mechanism", concat("; ", [
		"transfer mechanism (transfers[0].mechanism) is dpf",
		dpf_regions("ca"),
		dpf_inactive("transfers[0].dpf_active", "false"),
	]))}
}

test_xfr_002_dpf_without_region_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/transfers/0/region")])
	results(d) == {xfr_002(
		"/transfers/0/mechanism",
		sprintf("transfer mechanism (transfers[0].mechanism) is dpf; %s", [dpf_regions("an unstated region")]),
	)}
}

test_xfr_002_subprocessor_mechanism_none_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/1/transfer_mechanism", "none")])
	results(d) == {xfr_002(
		"/subprocessors/1/transfer_mechanism",
		sub_mechanism_invalid("subprocessors[1].transfer_mechanism", "none"),
	)}
}

test_xfr_002_subprocessor_mechanism_not_stated_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.remove_at("/subprocessors/1/transfer_mechanism")])
	results(d) == {xfr_002("/subprocessors/1", sub_mechanism_invalid("subprocessors[1].transfer_mechanism", "not stated"))}
}

test_xfr_002_subprocessor_only_in_eu_is_not_checked if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/0/transfer_mechanism", "none")])
	count(results(d)) == 0
}

test_xfr_002_subprocessor_with_eu_and_uk_locations_is_checked if {
	d := testing.attestation_with([
		testing.replace_at("/subprocessors/0/locations", ["eu", "uk"]),
		testing.replace_at("/subprocessors/0/transfer_mechanism", "scc-2010"),
	])
	results(d) == {xfr_002(
		"/subprocessors/0/transfer_mechanism",
		scc_2010("sub-processor transfer mechanism", "subprocessors[0].transfer_mechanism"),
	)}
}

test_xfr_002_subprocessor_dpf_inactive_is_an_error_at_mechanism if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/1/dpf_active", false)])
	results(d) == {xfr_002(
		"/subprocessors/1/transfer_mechanism",
		dpf_inactive("subprocessors[1].dpf_active", "false"),
	)}
}

test_xfr_002_subprocessor_dpf_with_several_non_us_locations_is_one_result if {
	d := testing.patched(
		[testing.replace_at("/allowed_regions", ["eu", "uk", "us", "jp", "sg"])],
		[testing.replace_at("/subprocessors/1/locations", ["us", "jp", "sg"])],
		[],
	)
	results(d) == {xfr_002(
		"/subprocessors/1/transfer_mechanism",
		sprintf("sub-processor transfer mechanism (subprocessors[1].transfer_mechanism) is dpf; %s", [dpf_regions("jp, sg")]),
	)}
}

test_xfr_002_two_offending_items_give_two_results if {
	d := testing.attestation_with([
		testing.replace_at("/transfers/0/mechanism", "none"),
		testing.replace_at("/subprocessors/1/transfer_mechanism", "scc-2010"),
	])
	results(d) == {
		xfr_002("/transfers/0/mechanism", mechanism_invalid("transfers[0].mechanism", "none")),
		xfr_002(
			"/subprocessors/1/transfer_mechanism",
			scc_2010("sub-processor transfer mechanism", "subprocessors[1].transfer_mechanism"),
		),
	}
}

test_xfr_002_silent_without_gdpr if {
	d := testing.patched(no_gdpr, [testing.replace_at("/transfers/0/mechanism", "none")], [])
	count(results(d)) == 0
}

test_xfr_002_silent_without_engagement if {
	d := json.patch(
		testing.attestation_with([testing.replace_at("/transfers/0/mechanism", "none")]),
		[testing.remove_at("/engagement")],
	)
	count(results(d)) == 0
}

test_xfr_002_silent_with_invalid_attestation if {
	d := json.patch(
		testing.attestation_with([testing.replace_at("/transfers/0/mechanism", "none")]),
		[testing.replace_at("/attestation/valid", false)],
	)
	count(results(d)) == 0
}

# XFR-003

tia(path, found, mechanism, cites) := sprintf(
	"transfer impact assessment (%s) is %s; must be true for a transfer outside the EU/EEA under %s (%s)",
	[path, found, mechanism, cites],
)

scc_cites := "SCC 2021/914 Clause 14, EDPB Recommendations 01/2020"

bcr_cites := "EDPB Recommendations 01/2020"

test_xfr_003_scc_without_tia_is_a_warning_at_tia_done if {
	d := testing.attestation_with([testing.replace_at("/transfers/1", {
		"region": "uk",
		"mechanism": "scc-2021",
		"tia_done": false,
	})])
	results(d) == {xfr_003("/transfers/1/tia_done", tia("transfers[1].tia_done", "false", "scc-2021", scc_cites))}
}

test_xfr_003_bcr_with_tia_not_stated_is_a_warning_at_the_item if {
	d := testing.attestation_with([testing.replace_at("/transfers/1/mechanism", "bcr")])
	results(d) == {xfr_003("/transfers/1", tia("transfers[1].tia_done", "not stated", "bcr", bcr_cites))}
}

test_xfr_003_scc_with_tia_passes if {
	d := testing.attestation_with([testing.replace_at("/transfers/0/mechanism", "scc-2021")])
	count(results(d)) == 0
}

test_xfr_003_other_mechanisms_need_no_tia if {
	d := testing.attestation_with([testing.remove_at("/transfers/0/tia_done")])
	count(results(d)) == 0
}

test_xfr_003_transfer_within_eea_needs_no_tia if {
	d := testing.attestation_with([testing.add_at("/transfers/-", {"region": "eea", "mechanism": "scc-2021"})])
	count(results(d)) == 0
}

test_xfr_003_region_not_stated_needs_a_tia if {
	d := testing.attestation_with([testing.add_at("/transfers/-", {"mechanism": "scc-2021", "tia_done": null})])
	results(d) == {xfr_003("/transfers/2/tia_done", tia("transfers[2].tia_done", "not stated", "scc-2021", scc_cites))}
}

test_xfr_003_two_items_give_two_results if {
	d := testing.attestation_with([
		testing.replace_at("/transfers/0/mechanism", "bcr"),
		testing.replace_at("/transfers/0/tia_done", false),
		testing.replace_at("/transfers/1/mechanism", "scc-2021"),
	])
	results(d) == {
		xfr_003("/transfers/0/tia_done", tia("transfers[0].tia_done", "false", "bcr", bcr_cites)),
		xfr_003("/transfers/1", tia("transfers[1].tia_done", "not stated", "scc-2021", scc_cites)),
	}
}

test_xfr_003_silent_without_gdpr if {
	d := testing.patched(no_gdpr, [testing.replace_at("/transfers/1/mechanism", "bcr")], [])
	count(results(d)) == 0
}

test_xfr_003_silent_with_invalid_engagement if {
	d := json.patch(
		testing.attestation_with([testing.replace_at("/transfers/1/mechanism", "bcr")]),
		[testing.replace_at("/engagement/valid", false)],
	)
	count(results(d)) == 0
}

test_xfr_003_silent_without_attestation if {
	d := json.patch(testing.clean, [testing.remove_at("/attestation")])
	count(results(d)) == 0
}
