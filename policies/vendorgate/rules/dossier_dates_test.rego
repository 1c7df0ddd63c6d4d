package vendorgate.rules.dossier_dates_test

import data.vendorgate.lib
import data.vendorgate.lib.testing
import data.vendorgate.rules.dossier

dos_005_of(d) := {r | some r in dossier.deny with input as testing.input_of(d); r.rule == "DOS-005"}

dos_005(doc, pointer, message) := testing.result("DOS-005", "error", doc, pointer, message)

text(label, field, date) := sprintf(
	"%s (%s) is %s, after the evaluation date 2026-12-01; a date on or before the evaluation date required, as every other rule reads a later one as not stated (CSA CCM v4 STA-14)",
	[label, field, date],
)

test_clean_dossier_has_no_future_dates if {
	count(dos_005_of(testing.clean)) == 0
}

test_the_evaluation_date_itself_passes if {
	d := testing.attestation_with([testing.replace_at("/attested_on", "2026-12-01")])
	count(dos_005_of(d)) == 0
}

test_the_next_day_is_an_error_at_the_field if {
	d := testing.attestation_with([testing.replace_at("/attested_on", "2026-12-02")])
	dos_005_of(d) == {dos_005("a", "/attested_on", text("attestation date", "attested_on", "2026-12-02"))}
}

test_a_soc2_period_ending_in_2099_is_an_error_at_its_item if {
	d := testing.attestation_with([testing.replace_at("/certifications/0/period_end", "2099-12-31")])
	dos_005_of(d) == {dos_005(
		"a", "/certifications/0/period_end",
		text("report period end", "certifications[0].period_end", "2099-12-31"),
	)}
}

test_one_result_per_field_in_each_document if {
	d := testing.patched(
		[testing.replace_at("/risk/assessed_on", "2030-01-01")],
		[
			testing.replace_at("/certifications/1/issued_on", "2027-01-01"),
			testing.replace_at("/certifications/1/last_surveillance_on", "2027-02-01"),
			testing.replace_at("/documents/2/reviewed_on", "2027-03-01"),
			testing.replace_at("/pentest/last_on", "2027-04-01"),
			testing.replace_at("/incident_response/last_tested_on", "2027-05-01"),
			testing.replace_at("/ai/red_team_last_on", "2027-06-01"),
		],
		[testing.replace_at("/dpa/signed_on", "2027-07-01")],
	)
	dos_005_of(d) == {
		dos_005("s", "/risk/assessed_on", text("risk assessment date", "risk.assessed_on", "2030-01-01")),
		dos_005("a", "/certifications/1/issued_on", text("issue date", "certifications[1].issued_on", "2027-01-01")),
		dos_005(
			"a", "/certifications/1/last_surveillance_on",
			text("last surveillance audit date", "certifications[1].last_surveillance_on", "2027-02-01"),
		),
		dos_005("a", "/documents/2/reviewed_on", text("document review date", "documents[2].reviewed_on", "2027-03-01")),
		dos_005("a", "/pentest/last_on", text("last penetration test date", "pentest.last_on", "2027-04-01")),
		dos_005(
			"a", "/incident_response/last_tested_on",
			text("last incident response test date", "incident_response.last_tested_on", "2027-05-01"),
		),
		dos_005("a", "/ai/red_team_last_on", text("last red-team exercise date", "ai.red_team_last_on", "2027-06-01")),
		dos_005("c", "/dpa/signed_on", text("DPA signature date", "dpa.signed_on", "2027-07-01")),
	}
}

test_forward_looking_dates_may_be_in_the_future if {
	d := testing.patched(
		[], [
			testing.replace_at("/certifications/1/expires_on", "2099-01-01"),
			testing.add_at("/certifications/0/bridge_letter_through", "2099-01-01"),
		],
		[testing.replace_at("/term_ends_on", "2099-01-01")],
	)
	count(dos_005_of(d)) == 0
}

test_a_future_date_in_an_invalid_engagement_is_left_to_the_schema_check_while_the_others_report if {
	d := json.patch(testing.patched([testing.replace_at("/risk/assessed_on", "2030-01-01")], [], [testing.replace_at("/dpa/signed_on", "2027-07-01")]), [
		testing.replace_at("/engagement/valid", false),
	])
	dos_005_of(d) == {dos_005("c", "/dpa/signed_on", text("DPA signature date", "dpa.signed_on", "2027-07-01"))}
}

test_the_evaluation_date_of_the_run_is_in_the_message if {
	d := testing.attestation_with([testing.replace_at("/attested_on", "2026-12-20")])
	r := {x | some x in dossier.deny with input as testing.input_on(d, "2026-12-15"); x.rule == "DOS-005"}
	r == {dos_005("a", "/attested_on", concat("; ", [
		"attestation date (attested_on) is 2026-12-20, after the evaluation date 2026-12-15",
		"a date on or before the evaluation date required, as every other rule reads a later one as not stated (CSA CCM v4 STA-14)",
	]))}
}

test_silent_on_an_invalid_document if {
	d := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.replace_at("/attestation/body/attested_on", "2099-01-01"),
	])
	count(dos_005_of(d)) == 0
}

test_the_rules_read_a_future_event_date_as_not_stated if {
	d := testing.attestation_with([
		testing.replace_at("/attested_on", "2099-01-01"),
		testing.replace_at("/certifications/0/period_end", "2099-12-31"),
	])
	a := lib.attestation(d) with input as testing.input_of(d)
	not a.attested_on
	not a.certifications[0].period_end
	a.certifications[0].type == "soc2"
	a.certifications[1] == testing.attestation.certifications[1]
}

test_a_body_without_future_dates_is_read_unchanged if {
	lib.attestation(testing.clean) == testing.attestation with input as testing.input_of(testing.clean)
	lib.engagement(testing.clean) == testing.engagement with input as testing.input_of(testing.clean)
	lib.contract(testing.clean) == testing.contract with input as testing.input_of(testing.clean)
}
