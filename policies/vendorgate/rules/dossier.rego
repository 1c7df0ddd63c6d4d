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
	result := lib.result_at(rego.metadata.rule(), d, d.documents[0].id, "error", ["vendor"], sprintf(
		"dossier of vendor %s has no %s document; a dossier needs an Engagement, a VendorAttestation and a ContractTerms",
		[d.vendor, kind],
	))
}

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
	result := lib.result_at(rego.metadata.rule(), d, doc.id, "error", ["kind"], sprintf(
		"%s is %s %s for vendor %s; the rules read %s: merge or delete this one",
		[_dos_002_place(d, doc), _dos_002_nth(count(firsts) + 1), doc.kind, d.vendor, _dos_002_place(d, firsts[0])],
	))
}

# A document named by its file, with its position when the file holds more than one document.
_dos_002_place(d, doc) := sprintf("%s (document %d)", [doc.path, doc.index + 1]) if {
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
	fails := _dos_003_fails(a)
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_dos_003_fails(a) := [lib.fail("warning", ["attested_on"], sprintf(
	"attestation date is %s; an attestation at most %v days old is required (CSA CCM A&A-02)",
	[lib.show_age(attested_on), max_days],
))] if {
	attested_on := lib.get(a, ["attested_on"])
	max_days := lib.threshold("attestation_max_age_days")
	lib.stale_days(attested_on, max_days)
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

_dos_004_result(meta, d, fact) := _dos_004_at(meta, d, fact, "/evidence", sprintf(
	"evidence path %s leaves the repository; keep evidence files inside it",
	[fact.path],
)) if fact.status == "outside"

_dos_004_result(meta, d, fact) := _dos_004_at(meta, d, fact, "/evidence", sprintf(
	"evidence file %s does not exist; add it or fix the path",
	[fact.path],
)) if fact.status == "missing"

_dos_004_result(meta, d, fact) := _dos_004_at(meta, d, fact, "/sha256", sprintf(
	"evidence file %s has SHA-256 %s, but its sha256 states %s; update the file or the stated hash",
	[fact.path, _dos_004_short(fact, "actual"), _dos_004_short(fact, "expected")],
)) if fact.status == "mismatch"

_dos_004_result(meta, d, fact) := _dos_004_at(meta, d, fact, "/evidence", sprintf(
	"evidence file %s cannot be read (%s); %s",
	[fact.path, object.get(fact, "reason", "no reason given"), object.get(fact, "remedy", "check the file")],
)) if fact.status == "unreadable"

_dos_004_result(meta, d, fact) := _dos_004_at(meta, d, fact, "/evidence", sprintf(
	"evidence file %s is %v bytes, over the limit of %v bytes, so its sha256 cannot be verified; raise --max-evidence-size or store a smaller file",
	[fact.path, object.get(fact, "size", "?"), object.get(fact, "limit", "?")],
)) if fact.status == "too_large"

# A status this policy does not know is still a result, never a silent pass.
_dos_004_result(meta, d, fact) := _dos_004_at(meta, d, fact, "/evidence", sprintf(
	"evidence file %s could not be checked (status %v); update vendorgate and its policies together",
	[fact.path, fact.status],
)) if not fact.status in _dos_004_statuses

_dos_004_statuses := {"outside", "missing", "mismatch", "unreadable", "too_large"}

# A result of the given document located at a literal pointer (item pointer + suffix).
_dos_004_at(meta, d, fact, suffix, text) := object.union(
	lib.result_at(meta, d, fact.doc, "error", [], text),
	{"pointer": concat("", [fact.item, suffix])},
)

_dos_004_short(fact, key) := substring(object.get(fact, key, ""), 0, 12)
