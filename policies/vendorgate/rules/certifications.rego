# METADATA
# title: Certifications
# description: SOC 2, ISO/IEC 27001, 27701 and 42001 certificates, PCI DSS AOC, and certificates about to expire.
package vendorgate.rules.certifications

import data.vendorgate.lib

# METADATA
# title: SOC 2 Type II current
# description: >-
#   The vendor must provide a SOC 2 Type II report with an unqualified opinion
#   whose period ended within the last 12 months, or a bridge letter that
#   covers the gap since.
# custom:
#   id: CERT-001
#   severity: error
#   security_severity: 7.0
#   source: AICPA SOC 2; AT-C 205; CCM A&A-02
#   controls:
#     "AICPA": ["SOC 2", "AT-C 205"]
#     "CSA CCM v4": ["A&A-02"]
#   tags: [certifications, soc2]
#   help: |
#     Ask the vendor for its latest SOC 2 Type II report and list it under
#     `certifications` with `type: soc2`, `report_type: type2`, `period_end`
#     and `opinion`. The period must have ended within 12 months (the
#     `soc2_max_age_months` threshold); otherwise ask for a bridge letter and
#     set `bridge_letter_through` to the date it covers, which must be at most 3
#     months old (`bridge_max_gap_months`). A qualified, adverse or disclaimed
#     opinion needs the exceptions resolved and a new report.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	conds := _cert_001_conds(d, a)
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_cert_001_conds(d, a) := [lib.cond(
	d, "attestation", "error", ["certifications"], "SOC 2 report", "is not listed",
	lib.expect("a SOC 2 Type II report with an unqualified opinion required", ["AICPA SOC 2"]),
)] if {
	count(_cert_items(a, "soc2")) == 0
} else := conds if {
	it := lib.latest(_cert_001_pool(a), "period_end")
	base := ["certifications", _cert_index(a, it)]
	conds := array.flatten([
		_cert_001_period(d, it, base),
		_cert_001_opinion(d, it, base),
		_cert_001_type(d, it, base),
	])
}

# The type2 reports when there is one, else every soc2 item.
_cert_001_pool(a) := t2 if {
	t2 := [it | some it in _cert_items(a, "soc2"); object.get(it, "report_type", null) == "type2"]
	count(t2) > 0
} else := _cert_items(a, "soc2")

_cert_001_period(d, it, base) := [lib.cond(
	d, "attestation", "error", array.concat(base, ["period_end"]), "SOC 2 report period end",
	_cert_001_period_found(it), object.union(_cert_001_period_expectation(months, gap), {"op": "", "n": 0}),
)] if {
	months := lib.threshold("soc2_max_age_months")
	gap := lib.threshold("bridge_max_gap_months")
	_cert_001_stale(it, months, gap)
} else := []

_cert_001_stale(it, _, _) if not lib.stated(it, ["period_end"])

_cert_001_stale(it, months, gap) if {
	lib.older_than_months(it.period_end, months)
	not _cert_001_bridged(it, gap)
}

_cert_001_bridged(it, gap) if {
	lib.stated(it, ["bridge_letter_through"])
	it.bridge_letter_through >= it.period_end
	not lib.older_than_months(it.bridge_letter_through, gap)
}

_cert_001_period_found(it) := "is not stated" if {
	not lib.stated(it, ["period_end"])
} else := sprintf("is %s, with no bridge letter", [lib.show_age(it.period_end)]) if {
	not lib.stated(it, ["bridge_letter_through"])
} else := sprintf("is %s, with a bridge letter through %s", [lib.show_age(it.period_end), it.bridge_letter_through])

# One expectation names both limits, and the one the organisation changed says so (the report's
# age when both changed). A date is not compared with bounds in months: op and n are cleared.
_cert_001_period_expectation(months, gap) := lib.limit(
	"bridge_max_gap_months", "max",
	sprintf("a period end within the last %s, or a bridge letter from it through a date at most %%s old, required", [lib.show_in(months, "months")]),
	"months", ["AICPA SOC 2"],
) if {
	not lib.overridden("soc2_max_age_months")
} else := lib.limit(
	"soc2_max_age_months", "max",
	sprintf("a period end within the last %%s, or a bridge letter from it through a date at most %s old, required", [lib.show_in(gap, "months")]),
	"months", ["AICPA SOC 2"],
)

_cert_001_opinion(d, it, base) := [lib.cond(
	d, "attestation", "error", array.concat(base, ["opinion"]), "SOC 2 report opinion", lib.found_at(it, ["opinion"]),
	lib.expect("unqualified required", ["AICPA AT-C 205"]),
)] if {
	object.get(it, "opinion", null) != "unqualified"
} else := []

_cert_001_type(d, it, base) := [lib.cond(
	d, "attestation", "warning", array.concat(base, ["report_type"]), "SOC 2 report type", lib.found_at(it, ["report_type"]),
	lib.expect("type2 (Type II) expected", ["AICPA SOC 2"]),
)] if {
	object.get(it, "report_type", null) != "type2"
} else := []

# METADATA
# title: ISO/IEC 27001 valid
# description: >-
#   The vendor should hold an ISO/IEC 27001 certificate that is valid, to the
#   current edition, covers the service, is kept up by surveillance audits and
#   comes from an accredited certification body.
# custom:
#   id: CERT-002
#   severity: error
#   security_severity: 6.5
#   source: IAF MD 26:2023; ISO/IEC 17021-1
#   controls:
#     "IAF": ["MD 26:2023"]
#     "ISO/IEC 17021-1": []
#   tags: [certifications, iso27001]
#   help: |
#     List the vendor's ISO/IEC 27001 certificate under `certifications` with
#     `type: iso27001`, `edition`, `issued_on`, `expires_on`,
#     `last_surveillance_on`, `accredited` and `scope_includes_service`. Since
#     2025-10-31 certificates to the 2013 edition are void: ask for the
#     transition to the 2022 edition. The certificate must be unexpired, its
#     scope must cover the service bought (ask for the scope statement), the
#     latest audit (issue or surveillance) should be at most 12 months old, and
#     the certification body should be accredited (an IAF MLA signatory).
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	conds := _cert_002_conds(d, a)
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_cert_002_conds(d, a) := [lib.cond(
	d, "attestation", "warning", ["certifications"], "ISO/IEC 27001 certificate", "is not listed",
	lib.expect("a valid, accredited ISO/IEC 27001 certificate covering the service expected", ["ISO/IEC 17021-1"]),
)] if {
	count(_cert_items(a, "iso27001")) == 0
} else := conds if {
	it := lib.latest(_cert_items(a, "iso27001"), "expires_on")
	base := ["certifications", _cert_index(a, it)]
	conds := array.flatten([
		_cert_002_edition(d, it, base),
		_cert_002_valid(d, it, base),
		_cert_002_scope(d, it, base),
		_cert_002_audit(d, it, base),
		_cert_002_accredited(d, it, base),
	])
}

_cert_002_sunset := "2025-10-31"

_cert_002_edition(d, it, base) := [lib.cond(
	d, "attestation", "error", array.concat(base, ["edition"]), "ISO/IEC 27001 certificate edition", "is 2013",
	lib.expect(sprintf("the 2022 edition required, certificates to the 2013 edition being void after %s", [_cert_002_sunset]), ["IAF MD 26:2023"]),
)] if {
	object.get(it, "edition", null) == "2013"
	lib.today > lib.day(_cert_002_sunset)
} else := []

_cert_002_valid(d, it, base) := [lib.cond(
	d, "attestation", "error", array.concat(base, ["expires_on"]), "ISO/IEC 27001 certificate expiry date", _cert_expiry_found(it),
	lib.expect("an unexpired certificate required", ["ISO/IEC 17021-1"]),
)] if {
	not _cert_valid(it)
} else := []

_cert_002_scope(d, it, base) := [lib.cond(
	d, "attestation", "error", array.concat(base, ["scope_includes_service"]), "ISO/IEC 27001 certificate scope includes the service",
	lib.found_at(it, ["scope_includes_service"]),
	lib.expect("must be true", ["ISO/IEC 17021-1"]),
)] if {
	not lib.is_true(it, ["scope_includes_service"])
} else := []

_cert_002_audit(d, it, base) := [lib.cond(
	d, "attestation", "warning", array.concat(base, [field]), label,
	sprintf("is %s", [lib.show_age(lib.get(it, [field]))]),
	lib.expect("an audit (issue or surveillance) within the last 12 months expected", ["ISO/IEC 17021-1"]),
)] if {
	field := _cert_002_audit_field(it)
	label := _cert_002_audit_labels[field]
	lib.stale_months(lib.get(it, [field]), 12)
} else := []

_cert_002_audit_labels := {
	"issued_on": "ISO/IEC 27001 certificate issue date",
	"last_surveillance_on": "ISO/IEC 27001 certificate last surveillance audit date",
}

# The field holding max(issued_on, last_surveillance_on); last_surveillance_on when neither is stated.
_cert_002_audit_field(it) := "issued_on" if {
	lib.stated(it, ["issued_on"])
	not it.issued_on <= object.get(it, "last_surveillance_on", "")
} else := "last_surveillance_on"

_cert_002_accredited(d, it, base) := [lib.cond(
	d, "attestation", "warning", array.concat(base, ["accredited"]), "ISO/IEC 27001 certification body accredited",
	lib.found_at(it, ["accredited"]),
	lib.expect("must be true", ["IAF MD 26:2023"]),
)] if {
	not lib.is_true(it, ["accredited"])
} else := []

# METADATA
# title: Privacy certification
# description: >-
#   When the engagement shares personal data, an ISO/IEC 27701 privacy
#   certification of the vendor is recommended.
# custom:
#   id: CERT-003
#   severity: note
#   security_severity: 2.5
#   source: ISO/IEC 27701
#   controls:
#     "ISO/IEC 27701": []
#   tags: [certifications, iso27701, gdpr]
#   help: |
#     Ask the vendor whether it holds an ISO/IEC 27701 (privacy information
#     management) certificate and list it under `certifications` with
#     `type: iso27701` and its `expires_on`; it must be unexpired. Without
#     one, review the vendor's privacy controls through the DPA and the
#     attestation instead.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	lib.has(s, "pii")
	a := lib.attestation(d)
	not _cert_has_valid(a, "iso27701")
	conds := [lib.cond(
		d, "attestation", "note", ["certifications"], "ISO/IEC 27701 certificate", _cert_none_found(a, "iso27701"),
		lib.expect("a valid certificate recommended when the engagement shares personal data", ["ISO/IEC 27701"]),
	)]
	some result in lib.results(rego.metadata.rule(), d, conds)
}

# METADATA
# title: AI management system
# description: >-
#   An AI vendor should run an AI management system: a valid ISO/IEC 42001
#   certificate, or an adopted NIST AI Risk Management Framework.
# custom:
#   id: CERT-004
#   severity: warning
#   security_severity: 4.0
#   source: ISO/IEC 42001:2023; NIST AI 100-1
#   controls:
#     "ISO/IEC 42001:2023": []
#     "NIST AI 100-1": []
#   tags: [certifications, ai, iso42001]
#   help: |
#     Ask the vendor for its ISO/IEC 42001 certificate and list it under
#     `certifications` with `type: iso42001` and its `expires_on` (it must be
#     unexpired), or, if it manages AI risk under the NIST AI RMF, add
#     `nist-ai-rmf` to `ai.frameworks`. If the service uses no AI, set
#     `ai.in_scope: false`.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	lib.ai_in_scope(a)
	not _cert_has_valid(a, "iso42001")
	not "nist-ai-rmf" in lib.list(a, ["ai", "frameworks"])
	conds := [
		lib.cond(
			d, "attestation", "warning", ["certifications"], "ISO/IEC 42001 certificate", _cert_none_found(a, "iso42001"),
			lib.expect("a valid certificate expected, or nist-ai-rmf in ai.frameworks", ["ISO/IEC 42001:2023"]),
		),
		lib.cond_at(
			d, "attestation", "warning", ["certifications"], ["ai", "frameworks"], "AI risk frameworks",
			_cert_004_frameworks_found(a),
			lib.expect("nist-ai-rmf expected, or a valid ISO/IEC 42001 certificate", ["NIST AI 100-1"]),
		),
	]
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_cert_004_frameworks_found(a) := "is not stated" if {
	count(lib.list(a, ["ai", "frameworks"])) == 0
} else := "lacks nist-ai-rmf"

# METADATA
# title: PCI DSS AOC
# description: >-
#   When the engagement shares card data, the vendor must provide a PCI DSS
#   Attestation of Compliance to version 4.0 or later, issued within 12 months.
# custom:
#   id: CERT-005
#   severity: error
#   security_severity: 7.0
#   source: PCI DSS 4.0.1 12.8.4, 12.9.2
#   controls:
#     "PCI DSS 4.0.1": ["12.8.4", "12.9.2"]
#   tags: [certifications, pci-dss]
#   help: |
#     Ask the vendor for its PCI DSS Attestation of Compliance (AOC) as a
#     service provider and list it under `certifications` with
#     `type: pci-dss-aoc`, `version` (a quoted string such as `"4.0.1"`) and
#     `issued_on`. The AOC must be to PCI DSS 4.0 or later and issued within
#     12 months; ask for the current year's AOC otherwise.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	lib.has(s, "pan")
	a := lib.attestation(d)
	conds := _cert_005_conds(d, a)
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_cert_005_conds(d, a) := [lib.cond(
	d, "attestation", "error", ["certifications"], "PCI DSS AOC", "is not listed",
	lib.expect("an AOC to PCI DSS 4.0 or later, issued within the last 12 months, required when the engagement shares card data", ["PCI DSS 4.0.1 12.9.2"]),
)] if {
	count(_cert_items(a, "pci-dss-aoc")) == 0
} else := conds if {
	it := lib.latest(_cert_items(a, "pci-dss-aoc"), "issued_on")
	base := ["certifications", _cert_index(a, it)]
	conds := array.flatten([_cert_005_issued(d, it, base), _cert_005_version(d, it, base)])
}

_cert_005_issued(d, it, base) := [lib.cond(
	d, "attestation", "error", array.concat(base, ["issued_on"]), "PCI DSS AOC issue date", sprintf("is %s", [lib.show_age(v)]),
	lib.expect("an AOC issued within the last 12 months required", ["PCI DSS 4.0.1 12.8.4"]),
)] if {
	v := object.get(it, "issued_on", null)
	lib.stale_months(v, 12)
} else := []

_cert_005_version(d, it, base) := [lib.cond(
	d, "attestation", "error", array.concat(base, ["version"]), "PCI DSS AOC version", lib.found(v),
	lib.expect("4.0 or later required", ["PCI DSS 4.0.1 12.8.4"]),
)] if {
	v := object.get(it, "version", null)
	not _cert_005_current(v)
} else := []

# A dotted version of integers that is at least 4.0 (an unreadable version is not).
_cert_005_current(v) if {
	is_string(v)
	regex.match(`^[0-9]+(\.[0-9]+)*$`, v)
	not lib.version_lt(v, "4.0")
}

# METADATA
# title: Certification expiring soon
# description: >-
#   A certificate or report that expires within the warning period needs its
#   renewal followed up before it lapses.
# custom:
#   id: CERT-006
#   severity: warning
#   security_severity: 3.5
#   source: "-"
#   controls: {}
#   tags: [certifications]
#   help: |
#     Ask the vendor for the renewed certificate (or the recertification audit
#     date) before `expires_on`, and update the item's `expires_on` and
#     `evidence` once it is issued. The warning starts 60 days before expiry
#     (the `expiry_warning_days` threshold).
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	days := lib.threshold("expiry_warning_days")
	some i, it in lib.list(a, ["certifications"])
	lib.stated(it, ["expires_on"])
	lib.within_days(it.expires_on, days)
	conds := [lib.cond(
		d, "attestation", "warning", ["certifications", i, "expires_on"], sprintf("%s expiry date", [_cert_name(it)]),
		sprintf("is %s (%s)", [it.expires_on, _cert_006_in(lib.day(it.expires_on) - lib.today)]),
		lib.limit("expiry_warning_days", "min", "more than %s of remaining validity expected", "days", []),
	)]
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_cert_006_in(0) := "today"

_cert_006_in(n) := sprintf("in %s", [lib.show_in(n, "days")]) if n > 0

# Shared helpers of the certification rules.

_cert_names := {
	"soc2": "SOC 2 report",
	"iso27001": "ISO/IEC 27001 certificate",
	"iso27701": "ISO/IEC 27701 certificate",
	"iso42001": "ISO/IEC 42001 certificate",
	"pci-dss-aoc": "PCI DSS AOC",
}

# How a message names an item by its type ("SOC 2 report"); the path gives its position.
_cert_name(it) := _cert_names[it.type]

_cert_name(it) := sprintf("%s certification", [object.get(it, "type", "untyped")]) if not _cert_names[object.get(it, "type", "")]

# The certification items of a type, in list order.
_cert_items(a, t) := [it | some it in lib.list(a, ["certifications"]); object.get(it, "type", null) == t]

# The index of an item in A.certifications (the first equal one).
_cert_index(a, it) := [i | some i, x in lib.list(a, ["certifications"]); x == it][0]

# Valid: expires_on stated and not expired.
_cert_valid(it) if {
	lib.stated(it, ["expires_on"])
	not lib.expired(it.expires_on)
}

_cert_has_valid(a, t) if {
	some it in _cert_items(a, t)
	_cert_valid(it)
}

_cert_expiry_found(it) := "is not stated" if {
	not lib.stated(it, ["expires_on"])
} else := sprintf("is %s (expired)", [it.expires_on])

# Why no item of a type counts: none is listed, or none listed is valid.
_cert_none_found(a, t) := "is not listed" if {
	count(_cert_items(a, t)) == 0
} else := "is listed but expired or without expires_on"
