package vendorgate.rules.dossier_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.dossier

results(d) := r if {
	r := dossier.deny with input as testing.input_of(d)
}

# The results of one rule only (for tests where another rule of the package also fires).
results_of(d, id) := testing.only(results(d), id)

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

# DOS-001

dos_001_text(vendor, kind) := sprintf(
	"dossier of vendor %s (vendor) lacks %s %s document; an Engagement, a VendorAttestation and a ContractTerms required (CSA CCM v4 %s)",
	[vendor, {"Engagement": "an", "VendorAttestation": "a", "ContractTerms": "a"}[kind], kind, {"Engagement": "STA-07", "VendorAttestation": "STA-07", "ContractTerms": "STA-09"}[kind]],
)

dos_001(doc, kind) := testing.result("DOS-001", "error", doc, "/vendor", dos_001_text("northwind-ai", kind))

test_dos_001_missing_contract_is_an_error_at_first_document_vendor if {
	d := json.patch(testing.clean, [
		testing.remove_at("/contract"),
		testing.remove_at("/documents/2"),
	])
	results(d) == {dos_001("s", "ContractTerms")}
}

test_dos_001_missing_engagement_is_located_at_the_first_present_document if {
	d := json.patch(testing.clean, [
		testing.remove_at("/engagement"),
		testing.remove_at("/documents/0"),
	])
	results(d) == {dos_001("a", "Engagement")}
}

test_dos_001_missing_attestation_is_an_error if {
	d := json.patch(testing.clean, [
		testing.remove_at("/attestation"),
		testing.remove_at("/documents/1"),
	])
	results(d) == {dos_001("s", "VendorAttestation")}
}

test_dos_001_two_missing_kinds_give_two_results if {
	d := json.patch(testing.clean, [
		testing.remove_at("/engagement"),
		testing.remove_at("/attestation"),
		testing.replace_at("/documents", [{"id": "c", "kind": "ContractTerms", "valid": true}]),
	])
	results(d) == {dos_001("c", "Engagement"), dos_001("c", "VendorAttestation")}
}

test_dos_001_message_names_the_vendor if {
	d := json.patch(testing.clean, [
		testing.replace_at("/vendor", "acme"),
		testing.remove_at("/contract"),
		testing.remove_at("/documents/2"),
	])
	results(d) == {{
		"rule": "DOS-001",
		"level": "error",
		"message": "dossier of vendor acme (vendor) lacks a ContractTerms document; an Engagement, a VendorAttestation and a ContractTerms required (CSA CCM v4 STA-09)",
		"vendor": "acme",
		"doc": "s",
		"pointer": "/vendor",
	}}
}

test_dos_001_an_invalid_document_still_counts_as_present if {
	d := json.patch(testing.clean, [
		testing.replace_at("/documents/2/valid", false),
		testing.replace_at("/contract/valid", false),
	])
	count(results(d)) == 0
}

# DOS-002

dos_002_text(nth, kind, read) := sprintf(
	"document kind (kind) is %s, %s one for vendor northwind-ai; one %s per vendor allowed, and the rules read only %s: merge this one into it or delete it",
	[kind, nth, kind, read],
)

c2 := {"id": "c2", "kind": "ContractTerms", "valid": true, "path": "vendors/northwind-ai/contract-2024.yaml", "index": 0}

test_dos_002_extra_contract_is_an_error_at_its_kind_naming_the_file_the_rules_read if {
	d := json.patch(testing.clean, [testing.add_at("/documents/-", c2)])
	results(d) == {testing.result(
		"DOS-002", "error", "c2", "/kind",
		dos_002_text("a second", "ContractTerms", "vendors/northwind-ai/contract.yaml"),
	)}
}

test_dos_002_two_extra_documents_give_two_results if {
	d := json.patch(testing.clean, [
		testing.add_at("/documents/-", c2),
		testing.add_at("/documents/-", {"id": "c3", "kind": "ContractTerms", "valid": true, "path": "vendors/northwind-ai/old.yaml", "index": 0}),
	])
	results(d) == {
		testing.result(
			"DOS-002", "error", "c2", "/kind",
			dos_002_text("a second", "ContractTerms", "vendors/northwind-ai/contract.yaml"),
		),
		testing.result(
			"DOS-002", "error", "c3", "/kind",
			dos_002_text("a third", "ContractTerms", "vendors/northwind-ai/contract.yaml"),
		),
	}
}

test_dos_002_past_the_fifth_an_extra_document_is_another if {
	extra := [{"id": sprintf("c%d", [n]), "kind": "ContractTerms", "valid": true, "path": sprintf("c%d.yaml", [n]), "index": 0} |
		some n in numbers.range(2, 6)
	]
	d := json.patch(testing.clean, [testing.add_at("/documents/-", x) | some x in extra])
	some r in results(d)
	r.doc == "c6"
	r.message == dos_002_text("another", "ContractTerms", "vendors/northwind-ai/contract.yaml")
}

test_dos_002_documents_of_one_file_are_named_by_their_position if {
	d := json.patch(testing.clean, [
		testing.replace_at("/documents", [
			{"id": "s", "kind": "Engagement", "valid": true, "path": "vendors/acme/dossier.yaml", "index": 0},
			{"id": "a", "kind": "VendorAttestation", "valid": true, "path": "vendors/acme/dossier.yaml", "index": 1},
			{"id": "c", "kind": "ContractTerms", "valid": true, "path": "vendors/acme/dossier.yaml", "index": 2},
			{"id": "c2", "kind": "ContractTerms", "valid": true, "path": "vendors/acme/dossier.yaml", "index": 3},
		]),
	])
	results(d) == {testing.result(
		"DOS-002", "error", "c2", "/kind",
		dos_002_text("a second", "ContractTerms", "document 3 of vendors/acme/dossier.yaml"),
	)}
}

test_dos_002_a_later_document_of_a_file_is_located_by_its_own_document if {
	d := json.patch(testing.clean, [testing.add_at("/documents/-", {
		"id": "c2", "kind": "ContractTerms", "valid": true, "path": "vendors/all.yaml", "index": 2,
	})])
	results(d) == {testing.result(
		"DOS-002", "error", "c2", "/kind",
		dos_002_text("a second", "ContractTerms", "vendors/northwind-ai/contract.yaml"),
	)}
}

test_dos_002_the_later_document_in_path_order_is_the_extra_one if {
	d := json.patch(testing.clean, [testing.add_at("/documents/1", {
		"id": "a0",
		"kind": "VendorAttestation",
		"valid": true,
		"path": "vendors/northwind-ai/attestation-0.yaml",
		"index": 0,
	})])
	results(d) == {testing.result(
		"DOS-002", "error", "a", "/kind",
		dos_002_text("a second", "VendorAttestation", "vendors/northwind-ai/attestation-0.yaml"),
	)}
}

test_dos_002_an_invalid_extra_document_counts if {
	d := json.patch(testing.clean, [testing.add_at("/documents/-", {
		"id": "s2",
		"kind": "Engagement",
		"valid": false,
		"path": "vendors/northwind-ai/scope.yaml",
		"index": 0,
	})])
	results(d) == {testing.result(
		"DOS-002", "error", "s2", "/kind",
		dos_002_text("a second", "Engagement", "vendors/northwind-ai/engagement.yaml"),
	)}
}

test_dos_002_extra_and_missing_kinds_are_reported_together if {
	d := json.patch(testing.clean, [
		testing.remove_at("/contract"),
		testing.replace_at("/documents/2", {
			"id": "s2", "kind": "Engagement", "valid": true,
			"path": "vendors/northwind-ai/scope.yaml", "index": 0,
		}),
	])
	results(d) == {
		dos_001("s", "ContractTerms"),
		testing.result(
			"DOS-002", "error", "s2", "/kind",
			dos_002_text("a second", "Engagement", "vendors/northwind-ai/engagement.yaml"),
		),
	}
}

test_dos_002_documents_of_an_unknown_kind_are_left_to_the_schema_check if {
	d := json.patch(testing.clean, [
		testing.add_at("/documents/-", {"id": "x1", "kind": "Vendor", "valid": false}),
		testing.add_at("/documents/-", {"id": "x2", "kind": "Vendor", "valid": false}),
	])
	count(results(d)) == 0
}

# DOS-003

dos_003(message) := dos_003_at("/attested_on", message)

dos_003_at(pointer, message) := testing.result("DOS-003", "warning", "a", pointer, message)

attestation_date(found) := sprintf(
	"attestation date (attested_on) is %s; at most 365 days old required (CSA CCM v4 A&A-02)",
	[found],
)

test_dos_003_limit_date_passes if {
	d := testing.attestation_with([testing.replace_at("/attested_on", "2025-12-01")])
	count(results(d)) == 0
}

test_dos_003_one_day_older_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/attested_on", "2025-11-30")])
	results(d) == {dos_003(attestation_date("2025-11-30 (366 days old)"))}
}

test_dos_003_not_stated_is_a_warning_at_the_document if {
	d := testing.attestation_with([testing.remove_at("/attested_on")])
	results(d) == {dos_003_at("", attestation_date("not stated"))}
}

test_dos_003_null_is_not_stated_at_its_key if {
	d := testing.attestation_with([testing.replace_at("/attested_on", null)])
	results(d) == {dos_003(attestation_date("not stated"))}
}

test_dos_003_date_after_evaluation_date_is_read_as_not_stated_at_its_key if {
	d := testing.attestation_with([testing.replace_at("/attested_on", "2027-01-15")])
	results_of(d, "DOS-003") == {dos_003(attestation_date("not stated"))}
}

test_dos_003_threshold_override_applies if {
	r := results(testing.clean) with data.vendorgate_profile.thresholds as {"attestation_max_age_days": 30}
	r == {dos_003("attestation date (attested_on) is 2026-10-01 (61 days old); at most 30 days old required by the organisation profile (CSA CCM v4 A&A-02; catalog default 365 days)")}
}

test_dos_003_threshold_override_of_one_day_is_singular if {
	r := results(testing.clean) with data.vendorgate_profile.thresholds as {"attestation_max_age_days": 1}
	r == {dos_003("attestation date (attested_on) is 2026-10-01 (61 days old); at most 1 day old required by the organisation profile (CSA CCM v4 A&A-02; catalog default 365 days)")}
}

test_dos_003_silent_without_attestation if {
	d := json.patch(testing.clean, [
		testing.remove_at("/attestation"),
		testing.remove_at("/documents/1"),
	])
	count(results_of(d, "DOS-003")) == 0
}

test_dos_003_silent_with_invalid_attestation if {
	d := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.replace_at("/attestation/body/attested_on", "2020-01-01"),
	])
	count(results(d)) == 0
}

# DOS-004

soc2_sha := "7761b6a03bc972510c7fbae5a9e4e90eaad03f7a98533b0d2d8d8860abb334cc"

other_sha := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

with_evidence(facts) := json.patch(testing.clean, [testing.replace_at("/evidence", facts)])

# The message about an item's evidence path: found value and expectation, then the source.
evidence(item, text) := sprintf("evidence file (%s.evidence) %s (CSA CCM v4 STA-14)", [item, text])

dos_004(pointer, message) := testing.result("DOS-004", "error", "a", pointer, message)

ok_fact := {"doc": "a", "item": "/certifications/0", "path": "evidence/soc2-type2-2026.txt", "status": "ok"}

test_dos_004_ok_evidence_passes if {
	count(results(with_evidence([ok_fact]))) == 0
}

test_dos_004_no_evidence_facts_passes if {
	d := json.patch(testing.clean, [testing.remove_at("/evidence")])
	count(results(d)) == 0
}

test_dos_004_path_outside_the_repository_is_an_error_at_evidence if {
	d := with_evidence([{"doc": "a", "item": "/certifications/0", "path": "../../secret.pdf", "status": "outside"}])
	results(d) == {dos_004(
		"/certifications/0/evidence",
		evidence("certifications[0]", "is ../../secret.pdf, outside the repository; a file inside the checked repository required"),
	)}
}

test_dos_004_missing_file_is_an_error_at_evidence if {
	d := with_evidence([{"doc": "a", "item": "/documents/1", "path": "evidence/irp.pdf", "status": "missing"}])
	results(d) == {dos_004(
		"/documents/1/evidence",
		evidence("documents[1]", "is evidence/irp.pdf, which does not exist; an existing file required: add it or fix the path"),
	)}
}

test_dos_004_hash_mismatch_is_an_error_at_sha256_with_both_hashes if {
	d := with_evidence([{
		"doc": "a",
		"item": "/certifications/0",
		"path": "evidence/soc2-type2-2026.txt",
		"status": "mismatch",
		"expected": soc2_sha,
		"actual": other_sha,
	}])
	results(d) == {dos_004(
		"/certifications/0/sha256",
		concat("; ", [
			"evidence file hash (certifications[0].sha256) is 7761b6a03bc9, but evidence/soc2-type2-2026.txt has SHA-256 0123456789ab",
			"the SHA-256 of the file required: update the file or the stated hash (CSA CCM v4 STA-14)",
		]),
	)}
}

test_dos_004_two_bad_items_give_two_results if {
	d := with_evidence([
		ok_fact,
		{"doc": "a", "item": "/certifications/1", "path": "/etc/passwd", "status": "outside"},
		{"doc": "a", "item": "/documents/0", "path": "evidence/policy.pdf", "status": "missing"},
	])
	results(d) == {
		dos_004("/certifications/1/evidence", evidence("certifications[1]", "is /etc/passwd, outside the repository; a file inside the checked repository required")),
		dos_004("/documents/0/evidence", evidence("documents[0]", "is evidence/policy.pdf, which does not exist; an existing file required: add it or fix the path")),
	}
}

test_dos_004_result_is_located_at_the_document_of_the_fact if {
	d := with_evidence([{"doc": "other", "item": "/certifications/2", "path": "evidence/x.pdf", "status": "missing"}])
	results(d) == {testing.result(
		"DOS-004", "error", "other", "/certifications/2/evidence",
		evidence("certifications[2]", "is evidence/x.pdf, which does not exist; an existing file required: add it or fix the path"),
	)}
}

test_dos_004_silent_without_attestation if {
	d := json.patch(with_evidence([{"doc": "a", "item": "/certifications/0", "path": "x", "status": "missing"}]), [
		testing.remove_at("/attestation"),
		testing.remove_at("/documents/1"),
	])
	count(results_of(d, "DOS-004")) == 0
}

test_dos_004_silent_with_invalid_attestation if {
	d := json.patch(with_evidence([{"doc": "a", "item": "/certifications/0", "path": "x", "status": "missing"}]), [{
		"op": "replace",
		"path": "/attestation/valid",
		"value": false,
	}])
	count(results(d)) == 0
}

test_dos_004_unreadable_file_says_why_and_what_to_do if {
	d := with_evidence([{
		"doc": "a", "item": "/certifications/0", "path": "evidence/loop.pdf", "status": "unreadable",
		"reason": "a symbolic link loop", "remedy": "replace the link with the file itself",
	}])
	results(d) == {dos_004(
		"/certifications/0/evidence",
		evidence("certifications[0]", concat("; ", [
			"is evidence/loop.pdf, which cannot be read: a symbolic link loop",
			"a readable file required: replace the link with the file itself",
		])),
	)}
}

test_dos_004_too_large_file_names_size_limit_and_remedy if {
	d := with_evidence([{
		"doc": "a", "item": "/documents/0", "path": "evidence/big.pdf", "status": "too_large",
		"size": 300000000, "limit": 268435456,
	}])
	results(d) == {dos_004(
		"/documents/0/evidence",
		evidence("documents[0]", concat("; ", [
			"is evidence/big.pdf, 300000000 bytes, over the limit of 268435456 bytes, so its sha256 cannot be verified",
			"a file within the size limit required: raise --max-evidence-size or store a smaller file",
		])),
	)}
}

test_dos_004_unknown_status_is_still_a_result if {
	d := with_evidence([{"doc": "a", "item": "/certifications/0", "path": "evidence/x.pdf", "status": "weird"}])
	results(d) == {dos_004(
		"/certifications/0/evidence",
		evidence("certifications[0]", "is evidence/x.pdf, which could not be checked: status weird is unknown to the policies; a checked file required: update vendorgate and its policies together"),
	)}
}
