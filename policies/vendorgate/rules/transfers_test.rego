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

allowed_not_stated := xfr_001(
	"s",
	"error",
	"/allowed_regions",
	"allowed regions are not stated; the engagement must list the regions where customer data may go (GDPR Art. 44)",
)

residency_not_stated := xfr_001(
	"a",
	"error",
	"/residency",
	"data residency is not stated; the storage, processing and support-access regions must be listed (GDPR Art. 44)",
)

notice_not_stated := xfr_001(
	"c",
	"warning",
	"/location_change_notice_days",
	"location change notice is not stated; the contract should require notice before data moves to a new location (DORA Art. 30(2)(b))",
)

test_xfr_001_allowed_regions_absent_is_one_error_in_the_engagement if {
	d := testing.engagement_with([testing.remove_at("/allowed_regions")])
	results(d) == {allowed_not_stated}
}

test_xfr_001_allowed_regions_empty_is_not_stated if {
	d := testing.patched(
		[testing.replace_at("/allowed_regions", [])],
		[testing.replace_at("/residency/storage", ["jp"])],
		[],
	)
	results(d) == {allowed_not_stated}
}

test_xfr_001_residency_absent_is_one_error_in_the_attestation if {
	d := testing.attestation_with([testing.remove_at("/residency")])
	results(d) == {residency_not_stated}
}

test_xfr_001_residency_without_regions_is_not_stated if {
	d := testing.attestation_with([testing.replace_at("/residency", {"storage": [], "processing": null})])
	results(d) == {residency_not_stated}
}

test_xfr_001_residency_not_stated_still_checks_subprocessor_locations if {
	d := testing.patched(only_eu_uk, [testing.remove_at("/residency")], [])
	results(d) == {
		residency_not_stated,
		xfr_001(
			"a",
			"error",
			"/subprocessors/1/locations/0",
			"sub-processor \"Example Model Labs\" location us is not allowed; allowed regions are eu, uk (GDPR Art. 44)",
		),
	}
}

test_xfr_001_both_not_stated_give_one_error_per_document if {
	d := testing.patched([testing.remove_at("/allowed_regions")], [testing.remove_at("/residency")], [])
	results(d) == {allowed_not_stated, residency_not_stated}
}

test_xfr_001_each_disallowed_region_is_an_error_at_its_item if {
	d := testing.engagement_with(only_eu_uk)
	results(d) == {
		xfr_001(
			"a",
			"error",
			"/residency/processing/1",
			"processing region us is not allowed; allowed regions are eu, uk (GDPR Art. 44)",
		),
		xfr_001(
			"a",
			"error",
			"/subprocessors/1/locations/0",
			"sub-processor \"Example Model Labs\" location us is not allowed; allowed regions are eu, uk (GDPR Art. 44)",
		),
	}
}

test_xfr_001_support_access_region_not_allowed if {
	d := testing.attestation_with([testing.replace_at("/residency/support_access", ["uk", "in"])])
	results(d) == {xfr_001(
		"a",
		"error",
		"/residency/support_access/1",
		"support access region in is not allowed; allowed regions are eu, uk, us (GDPR Art. 44)",
	)}
}

test_xfr_001_unnamed_subprocessor_location_not_allowed if {
	d := testing.attestation_with([
		testing.remove_at("/subprocessors/0/name"),
		testing.replace_at("/subprocessors/0/locations", ["eu", "sg", "br"]),
	])
	results(d) == {
		xfr_001(
			"a",
			"error",
			"/subprocessors/0/locations/1",
			"sub-processor no. 1 location sg is not allowed; allowed regions are eu, uk, us (GDPR Art. 44)",
		),
		xfr_001(
			"a",
			"error",
			"/subprocessors/0/locations/2",
			"sub-processor no. 1 location br is not allowed; allowed regions are eu, uk, us (GDPR Art. 44)",
		),
	}
}

test_xfr_001_eea_allows_eu if {
	d := testing.engagement_with([testing.replace_at("/allowed_regions", ["eea", "uk", "us"])])
	count(results(d)) == 0
}

test_xfr_001_eu_does_not_allow_eea if {
	d := testing.attestation_with([testing.replace_at("/residency/storage", ["eea"])])
	results(d) == {xfr_001(
		"a",
		"error",
		"/residency/storage/0",
		"storage region eea is not allowed; allowed regions are eu, uk, us (GDPR Art. 44)",
	)}
}

test_xfr_001_other_is_not_allowed_by_other_regions if {
	d := testing.attestation_with([testing.replace_at("/residency/storage", ["other"])])
	results(d) == {xfr_001(
		"a",
		"error",
		"/residency/storage/0",
		"storage region other is not allowed; allowed regions are eu, uk, us (GDPR Art. 44)",
	)}
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

test_xfr_001_location_change_notice_null_is_not_stated if {
	d := testing.contract_with([testing.replace_at("/location_change_notice_days", null)])
	results(d) == {notice_not_stated}
}

test_xfr_001_all_branches_together if {
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

test_xfr_002_mechanism_none_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/transfers/0/mechanism", "none")])
	results(d) == {xfr_002(
		"/transfers/0/mechanism",
		"transfer to us: transfer mechanism is none; adequacy, scc-2021, bcr or an active dpf certification (us only) required (GDPR Art. 45, 46)",
	)}
}

test_xfr_002_mechanism_scc_2010_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/transfers/1/mechanism", "scc-2010")])
	results(d) == {xfr_002(
		"/transfers/1/mechanism",
		"transfer to uk: transfer mechanism is scc-2010; adequacy, scc-2021, bcr or an active dpf certification (us only) required (GDPR Art. 45, 46)",
	)}
}

test_xfr_002_mechanism_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/transfers/1/mechanism")])
	results(d) == {xfr_002(
		"/transfers/1/mechanism",
		"transfer to uk: transfer mechanism is not stated; adequacy, scc-2021, bcr or an active dpf certification (us only) required (GDPR Art. 45, 46)",
	)}
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
	results(d) == {xfr_002(
		"/transfers/2/mechanism",
		"transfer no. 3: transfer mechanism is none; adequacy, scc-2021, bcr or an active dpf certification (us only) required (GDPR Art. 45, 46)",
	)}
}

test_xfr_002_dpf_inactive_is_an_error_at_dpf_active if {
	d := testing.attestation_with([testing.replace_at("/transfers/0/dpf_active", false)])
	results(d) == {xfr_002(
		"/transfers/0/dpf_active",
		"transfer to us: dpf_active is false; an active DPF certification required (Decision 2023/1795)",
	)}
}

test_xfr_002_dpf_active_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/transfers/0/dpf_active")])
	results(d) == {xfr_002(
		"/transfers/0/dpf_active",
		"transfer to us: dpf_active is not stated; an active DPF certification required (Decision 2023/1795)",
	)}
}

test_xfr_002_dpf_outside_us_is_an_error_at_mechanism if {
	d := testing.attestation_with([testing.replace_at("/transfers/0/region", "jp")])
	results(d) == {xfr_002(
		"/transfers/0/mechanism",
		"transfer to jp relies on dpf; the EU-US Data Privacy Framework covers only us, not jp (Decision 2023/1795)",
	)}
}

test_xfr_002_dpf_outside_us_and_inactive_is_one_result if {
	d := testing.attestation_with([
		testing.replace_at("/transfers/0/region", "ca"),
		testing.replace_at("/transfers/0/dpf_active", false),
	])
	results(d) == {xfr_002(
		"/transfers/0/mechanism",
		concat("; ", [
			"transfer to ca relies on dpf; the EU-US Data Privacy Framework covers only us, not ca (Decision 2023/1795)",
			"transfer to ca: dpf_active is false; an active DPF certification required (Decision 2023/1795)",
		]),
	)}
}

test_xfr_002_dpf_without_region_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/transfers/0/region")])
	results(d) == {xfr_002(
		"/transfers/0/mechanism",
		"transfer no. 1 relies on dpf; the EU-US Data Privacy Framework covers only us, not an unstated region (Decision 2023/1795)",
	)}
}

test_xfr_002_subprocessor_mechanism_none_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/1/transfer_mechanism", "none")])
	results(d) == {xfr_002(
		"/subprocessors/1/transfer_mechanism",
		"sub-processor \"Example Model Labs\": transfer mechanism is none; adequacy, scc-2021, bcr or an active dpf certification (us only) required (GDPR Art. 45, 46)",
	)}
}

test_xfr_002_subprocessor_mechanism_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/subprocessors/1/transfer_mechanism")])
	results(d) == {xfr_002(
		"/subprocessors/1/transfer_mechanism",
		"sub-processor \"Example Model Labs\": transfer mechanism is not stated; adequacy, scc-2021, bcr or an active dpf certification (us only) required (GDPR Art. 45, 46)",
	)}
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
		"sub-processor \"Example Cloud EU\": transfer mechanism is scc-2010; adequacy, scc-2021, bcr or an active dpf certification (us only) required (GDPR Art. 45, 46)",
	)}
}

test_xfr_002_subprocessor_dpf_inactive_is_an_error_at_dpf_active if {
	d := testing.attestation_with([testing.replace_at("/subprocessors/1/dpf_active", false)])
	results(d) == {xfr_002(
		"/subprocessors/1/dpf_active",
		"sub-processor \"Example Model Labs\": dpf_active is false; an active DPF certification required (Decision 2023/1795)",
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
		"sub-processor \"Example Model Labs\" relies on dpf; the EU-US Data Privacy Framework covers only us, not jp, sg (Decision 2023/1795)",
	)}
}

test_xfr_002_two_offending_items_give_two_results if {
	d := testing.attestation_with([
		testing.replace_at("/transfers/0/mechanism", "none"),
		testing.replace_at("/subprocessors/1/transfer_mechanism", "scc-2010"),
	])
	results(d) == {
		xfr_002(
			"/transfers/0/mechanism",
			"transfer to us: transfer mechanism is none; adequacy, scc-2021, bcr or an active dpf certification (us only) required (GDPR Art. 45, 46)",
		),
		xfr_002(
			"/subprocessors/1/transfer_mechanism",
			"sub-processor \"Example Model Labs\": transfer mechanism is scc-2010; adequacy, scc-2021, bcr or an active dpf certification (us only) required (GDPR Art. 45, 46)",
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

test_xfr_003_scc_without_tia_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/transfers/1", {
		"region": "uk",
		"mechanism": "scc-2021",
		"tia_done": false,
	})])
	results(d) == {xfr_003(
		"/transfers/1/tia_done",
		"transfer to uk under scc-2021 has tia_done false; a transfer impact assessment (tia_done: true) expected (SCC Clause 14)",
	)}
}

test_xfr_003_bcr_with_tia_not_stated_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/transfers/1/mechanism", "bcr")])
	results(d) == {xfr_003(
		"/transfers/1/tia_done",
		"transfer to uk under bcr has tia_done not stated; a transfer impact assessment (tia_done: true) expected (SCC Clause 14)",
	)}
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

test_xfr_003_two_items_give_two_results if {
	d := testing.attestation_with([
		testing.replace_at("/transfers/0/mechanism", "bcr"),
		testing.replace_at("/transfers/0/tia_done", false),
		testing.replace_at("/transfers/1/mechanism", "scc-2021"),
	])
	results(d) == {
		xfr_003(
			"/transfers/0/tia_done",
			"transfer to us under bcr has tia_done false; a transfer impact assessment (tia_done: true) expected (SCC Clause 14)",
		),
		xfr_003(
			"/transfers/1/tia_done",
			"transfer to uk under scc-2021 has tia_done not stated; a transfer impact assessment (tia_done: true) expected (SCC Clause 14)",
		),
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
