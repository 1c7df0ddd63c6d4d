# METADATA
# title: Dossier
# description: Completeness of a vendor's dossier, one document per kind, attestation age and evidence files.
package vendorgate.rules.dossier

import data.vendorgate.lib

# METADATA
# title: Dossier complete
# description: >-
#   A vendor's dossier needs the customer's scope (Engagement), the vendor's
#   claims (VendorAttestation) and the signed terms (ContractTerms); without one
#   of them the due diligence cannot be judged.
# custom:
#   id: DOS-001
#   severity: error
#   security_severity: 7.0
#   source: "CSA CCM v4 STA-07, STA-09"
#   controls:
#     "CSA CCM v4": ["STA-07", "STA-09"]
#   tags: [dossier]
#   help: |
#     Add the missing document to the vendor's folder, with the same `vendor`
#     id as the others: an `Engagement` (`engagement.yaml`, the customer's own
#     scope), a `VendorAttestation` (`attestation.yaml`, what the vendor claims)
#     and a `ContractTerms` (`contract.yaml`, what the signed contract says).
#     If a document exists but is not found, check that its `vendor` value is
#     spelt exactly like the others'.
deny contains result if {
	some d in input.dossiers
	kinds := {doc.kind | some doc in d.documents}
	some kind in dos_001_kinds
	not kind in kinds
	result := _result(rego.metadata.rule(), d, d.documents[0].id, "/vendor", [
		lib.said(sprintf("dossier of vendor %s", [d.vendor]), ["vendor"], sprintf("lacks %s %s document", [_article(kind), kind])),
		_expected("an Engagement, a VendorAttestation and a ContractTerms required", [_dos_001_control[kind]]),
	])
}

# The control that asks for each document: the inventory of the supplier and
# the scope of its service (STA-07), the signed agreement (STA-09).
_dos_001_control := {
	"Engagement": "CSA CCM v4 STA-07",
	"VendorAttestation": "CSA CCM v4 STA-07",
	"ContractTerms": "CSA CCM v4 STA-09",
}

_article(kind) := "an" if startswith(kind, "E")

else := "a"

# Public: the document kinds of a dossier, which tests/policy/test_kinds.py
# compares with vendorgate's Kind enum.
dos_001_kinds := ["Engagement", "VendorAttestation", "ContractTerms"]

# METADATA
# title: One document per kind
# description: >-
#   A vendor has at most one document of each kind; with several, the rules
#   judge only the first (by path) and the others would be silently ignored.
# custom:
#   id: DOS-002
#   severity: error
#   security_severity: 5.0
#   source: "-"
#   controls: {}
#   tags: [dossier]
#   help: |
#     Keep exactly one `Engagement`, one `VendorAttestation` and one
#     `ContractTerms` per `vendor` id. Merge the extra document into the first
#     one (the rules only read the first, by path), or delete it; if it belongs
#     to another vendor, fix its `vendor` value.
deny contains result if {
	some d in input.dossiers
	some i, doc in d.documents
	doc.kind in dos_001_kinds
	firsts := [prev | some j, prev in d.documents; j < i; prev.kind == doc.kind]
	count(firsts) > 0
	result := _result(rego.metadata.rule(), d, doc.id, "/kind", [
		lib.said("document kind", ["kind"], sprintf("is %s, %s one for vendor %s", [doc.kind, _dos_002_nth(count(firsts) + 1), d.vendor])),
		_expected(
			sprintf(
				"one %s per vendor allowed, and the rules read only %s: merge this one into it or delete it",
				[doc.kind, _dos_002_place(d, firsts[0])],
			),
			[],
		),
	])
}

# A document named by its file, with its position when the file holds more than one document.
_dos_002_place(d, doc) := sprintf("document %d of %s", [doc.index + 1, doc.path]) if {
	_dos_002_shares_its_file(d, doc)
} else := doc.path

_dos_002_shares_its_file(_, doc) if doc.index > 0

_dos_002_shares_its_file(d, doc) if {
	some other in d.documents
	other.path == doc.path
	other.index != doc.index
}

_dos_002_nth(n) := concat(" ", ["a", ["second", "third", "fourth", "fifth"][n - 2]]) if {
	n <= 5
} else := "another"

# METADATA
# title: Attestation current
# description: >-
#   The vendor's attestation must be recent: a claim made more than a year ago
#   no longer describes the service being bought.
# custom:
#   id: DOS-003
#   severity: warning
#   security_severity: 4.0
#   source: CSA CCM A&A-02
#   controls:
#     "CSA CCM v4": ["A&A-02"]
#   tags: [dossier]
#   help: |
#     Ask the vendor for a fresh attestation and set `attested_on` to the date
#     it was made. It should be at most 365 days old (the
#     `attestation_max_age_days` threshold); plan a yearly re-attestation.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	conds := _dos_003_conds(d, a)
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_dos_003_conds(d, a) := [lib.cond(
	d, "attestation", "warning", ["attested_on"], "attestation date", sprintf("is %s", [lib.show_age(attested_on)]),
	lib.limit("attestation_max_age_days", "max", "at most %s old required", "days", ["CSA CCM v4 A&A-02"]),
)] if {
	attested_on := lib.get(a, ["attested_on"])
	lib.stale_days(attested_on, lib.threshold("attestation_max_age_days"))
} else := []

# METADATA
# title: Evidence present and intact
# description: >-
#   Every evidence file an attestation item points to must exist inside the
#   checked repository and, when a sha256 is stated, have that SHA-256; the
#   files are hashed by vendorgate, never read by the policies.
# custom:
#   id: DOS-004
#   severity: error
#   security_severity: 7.0
#   source: "CSA CCM v4 STA-14; ISO/IEC 27001:2022 A.5.19"
#   controls:
#     "CSA CCM v4": ["STA-14"]
#     "ISO/IEC 27001:2022": ["A.5.19"]
#   tags: [dossier]
#   help: |
#     Put each evidence file (SOC 2 report, certificate, policy) in the
#     vendor's `evidence/` folder and set the item's `evidence:` to its path
#     relative to the document's folder; paths with `..`, absolute paths and
#     symlinks that leave the repository are refused. When the file changes,
#     update the item's `sha256:` to the new file's SHA-256
#     (`sha256sum evidence/file.pdf`), or fetch the document the hash belongs to.
deny contains result if {
	some d in input.dossiers
	lib.attestation(d)
	some fact in object.get(d, "evidence", [])
	fact.status != "ok"
	result := _dos_004_result(rego.metadata.rule(), d, fact)
}

_dos_004_result(meta, d, fact) := _dos_004_at(
	meta, d, fact, sprintf(
		"is %s, outside the repository",
		[fact.path],
	),
	"a file inside the checked repository required",
) if fact.status == "outside"

_dos_004_result(meta, d, fact) := _dos_004_at(
	meta, d, fact, sprintf(
		"is %s, which does not exist",
		[fact.path],
	),
	"an existing file required: add it or fix the path",
) if fact.status == "missing"

_dos_004_result(meta, d, fact) := _result(meta, d, fact.doc, concat("", [fact.item, "/sha256"]), [
	lib.said("evidence file hash", array.concat(_dos_004_path(fact.item), ["sha256"]), sprintf(
		"is %s, but %s has SHA-256 %s",
		[_dos_004_short(fact, "expected"), fact.path, _dos_004_short(fact, "actual")],
	)),
	_expected("the SHA-256 of the file required: update the file or the stated hash", [_dos_004_source]),
]) if fact.status == "mismatch"

_dos_004_result(meta, d, fact) := _dos_004_at(
	meta, d, fact, sprintf(
		"is %s, which cannot be read: %s",
		[fact.path, object.get(fact, "reason", "no reason given")],
	),
	sprintf("a readable file required: %s", [object.get(fact, "remedy", "check the file")]),
) if fact.status == "unreadable"

_dos_004_result(meta, d, fact) := _dos_004_at(
	meta, d, fact, sprintf(
		"is %s, %v bytes, over the limit of %v bytes, so its sha256 cannot be verified",
		[fact.path, object.get(fact, "size", "?"), object.get(fact, "limit", "?")],
	),
	"a file within the size limit required: raise --max-evidence-size or store a smaller file",
) if fact.status == "too_large"

# A status this policy does not know is still a result, never a silent pass.
_dos_004_result(meta, d, fact) := _dos_004_at(
	meta, d, fact, sprintf(
		"is %s, which could not be checked: status %v is unknown to the policies",
		[fact.path, fact.status],
	),
	"a checked file required: update vendorgate and its policies together",
) if not fact.status in _dos_004_statuses

_dos_004_statuses := {"outside", "missing", "mismatch", "unreadable", "too_large"}

# Every condition of DOS-004 asks that the supplier's evidence be there to assess.
_dos_004_source := "CSA CCM v4 STA-14"

# A result about the item's evidence path, in the document of the fact.
_dos_004_at(meta, d, fact, found, expectation) := _result(meta, d, fact.doc, concat("", [fact.item, "/evidence"]), [
	lib.said("evidence file", array.concat(_dos_004_path(fact.item), ["evidence"]), found),
	_expected(expectation, [_dos_004_source]),
])

# The item's JSON pointer as a path: "/certifications/0" is ["certifications", 0].
_dos_004_path(item) := [_dos_004_step(p) | some i, p in split(item, "/"); i > 0]

_dos_004_step(p) := to_number(p) if regex.match(`^[0-9]+$`, p)

_dos_004_step(p) := replace(replace(p, "~1", "/"), "~0", "~") if not regex.match(`^[0-9]+$`, p)

_dos_004_short(fact, key) := substring(object.get(fact, key, ""), 0, 12)

# Dossier-level results (DOS-001, DOS-002, DOS-004) are not about a document of
# a role, so they are built here in the shape of lib.results: one result at a
# literal pointer of a document id, its message "label (path) found" and each
# expectation with its source.
_result(meta, d, doc_id, pointer, clauses) := {
	"rule": meta.custom.id,
	"level": meta.custom.severity,
	"message": concat("; ", clauses),
	"vendor": d.vendor,
	"doc": doc_id,
	"pointer": pointer,
}

_expected(text, cites) := lib.expectation_text(lib.expect(text, cites))
