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
	fails := _cert_001_fails(a)
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_cert_001_fails(a) := [lib.fail(
	"error", ["certifications"],
	"attestation lists no SOC 2 report; a SOC 2 Type II report with an unqualified opinion is required (AICPA SOC 2)",
)] if {
	count(_cert_items(a, "soc2")) == 0
} else := fails if {
	it := lib.latest(_cert_001_pool(a), "period_end")
	base := ["certifications", _cert_index(a, it)]
	fails := array.flatten([_cert_001_period(it, base), _cert_001_opinion(it, base), _cert_001_type(it, base)])
	count(fails) > 0
}

# The type2 reports when there is one, else every soc2 item.
_cert_001_pool(a) := t2 if {
	t2 := [it | some it in _cert_items(a, "soc2"); object.get(it, "report_type", null) == "type2"]
	count(t2) > 0
} else := _cert_items(a, "soc2")

_cert_001_period(it, base) := [lib.fail("error", array.concat(base, ["period_end"]), sprintf(
	"SOC 2 report %s; a period end within %v months, or a bridge letter from it through a date at most %v months old, is required (AICPA SOC 2)",
	[_cert_001_period_found(it), months, gap],
))] if {
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

_cert_001_period_found(it) := "period end is not stated" if {
	not lib.stated(it, ["period_end"])
} else := sprintf("period ended %s, with no bridge letter", [it.period_end]) if {
	not lib.stated(it, ["bridge_letter_through"])
} else := sprintf("period ended %s, with a bridge letter through %s", [it.period_end, it.bridge_letter_through])

_cert_001_opinion(it, base) := [lib.fail("error", array.concat(base, ["opinion"]), sprintf(
	"SOC 2 opinion is %s; an unqualified opinion is required (AT-C 205)",
	[lib.show(v)],
))] if {
	v := object.get(it, "opinion", null)
	v != "unqualified"
} else := []

_cert_001_type(it, base) := [lib.fail("warning", array.concat(base, ["report_type"]), sprintf(
	"SOC 2 report type is %s; a type2 (Type II) report is expected (AICPA SOC 2)",
	[lib.show(v)],
))] if {
	v := object.get(it, "report_type", null)
	v != "type2"
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
	fails := _cert_002_fails(a)
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_cert_002_fails(a) := [lib.fail(
	"warning", ["certifications"],
	"attestation lists no ISO/IEC 27001 certificate; a valid, accredited ISO/IEC 27001 certificate covering the service is expected (ISO/IEC 17021-1)",
)] if {
	count(_cert_items(a, "iso27001")) == 0
} else := fails if {
	it := lib.latest(_cert_items(a, "iso27001"), "expires_on")
	base := ["certifications", _cert_index(a, it)]
	fails := array.flatten([
		_cert_002_edition(it, base),
		_cert_002_valid(it, base),
		_cert_002_scope(it, base),
		_cert_002_audit(it, base),
		_cert_002_accredited(it, base),
	])
	count(fails) > 0
}

_cert_002_sunset := "2025-10-31"

_cert_002_edition(it, base) := [lib.fail("error", array.concat(base, ["edition"]), sprintf(
	"ISO/IEC 27001 certificate edition is 2013, void after %s; a certificate to the 2022 edition is required (IAF MD 26:2023)",
	[_cert_002_sunset],
))] if {
	object.get(it, "edition", null) == "2013"
	lib.today > lib.day(_cert_002_sunset)
} else := []

_cert_002_valid(it, base) := [lib.fail("error", array.concat(base, ["expires_on"]), sprintf(
	"ISO/IEC 27001 certificate %s; an unexpired certificate is required (ISO/IEC 17021-1)",
	[_cert_expiry_found(it)],
))] if {
	not _cert_valid(it)
} else := []

_cert_002_scope(it, base) := [lib.fail("error", array.concat(base, ["scope_includes_service"]), sprintf(
	"ISO/IEC 27001 scope_includes_service is %s; the certificate's scope must cover the service (ISO/IEC 17021-1)",
	[lib.show_at(it, ["scope_includes_service"])],
))] if {
	not lib.is_true(it, ["scope_includes_service"])
} else := []

_cert_002_audit(it, base) := [lib.fail("warning", array.concat(base, [field]), sprintf(
	"ISO/IEC 27001 latest audit (issue or surveillance) date is %s; an audit within 12 months is expected (ISO/IEC 17021-1)",
	[lib.show_at(it, [field])],
))] if {
	field := _cert_002_audit_field(it)
	lib.stale_months(lib.get(it, [field]), 12)
} else := []

# The field holding max(issued_on, last_surveillance_on); last_surveillance_on when neither is stated.
_cert_002_audit_field(it) := "issued_on" if {
	lib.stated(it, ["issued_on"])
	not it.issued_on <= object.get(it, "last_surveillance_on", "")
} else := "last_surveillance_on"

_cert_002_accredited(it, base) := [lib.fail("warning", array.concat(base, ["accredited"]), sprintf(
	"ISO/IEC 27001 accredited is %s; a certificate from an accredited certification body is expected (IAF MD 26:2023)",
	[lib.show_at(it, ["accredited"])],
))] if {
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
	result := lib.result(rego.metadata.rule(), d, "attestation", [lib.fail(
		"note", ["certifications"],
		"attestation lists no valid ISO/IEC 27701 certificate while the engagement shares pii; a valid ISO/IEC 27701 certificate is recommended (ISO/IEC 27701)",
	)])
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
	result := lib.result(rego.metadata.rule(), d, "attestation", [lib.fail(
		"warning", ["certifications"],
		"attestation lists no valid ISO/IEC 42001 certificate and ai.frameworks does not list nist-ai-rmf; an AI management system (ISO/IEC 42001 or NIST AI RMF) is expected (ISO/IEC 42001:2023)",
	)])
}

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
	fails := _cert_005_fails(a)
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_cert_005_fails(a) := [lib.fail(
	"error", ["certifications"],
	"attestation lists no PCI DSS AOC while the engagement shares pan; an AOC to PCI DSS 4.0 or later issued within 12 months is required (PCI DSS 4.0.1 12.8.4)",
)] if {
	count(_cert_items(a, "pci-dss-aoc")) == 0
} else := fails if {
	it := lib.latest(_cert_items(a, "pci-dss-aoc"), "issued_on")
	base := ["certifications", _cert_index(a, it)]
	fails := array.flatten([_cert_005_issued(it, base), _cert_005_version(it, base)])
	count(fails) > 0
}

_cert_005_issued(it, base) := [lib.fail("error", array.concat(base, ["issued_on"]), sprintf(
	"PCI DSS AOC issue date is %s; an AOC issued within 12 months is required (PCI DSS 4.0.1 12.9.2)",
	[lib.show(v)],
))] if {
	v := object.get(it, "issued_on", null)
	lib.stale_months(v, 12)
} else := []

_cert_005_version(it, base) := [lib.fail("error", array.concat(base, ["version"]), sprintf(
	"PCI DSS AOC version is %s; version 4.0 or later is required (PCI DSS 4.0.1 12.8.4)",
	[lib.show(v)],
))] if {
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
	result := lib.result(rego.metadata.rule(), d, "attestation", [lib.fail(
		"warning", ["certifications", i, "expires_on"],
		sprintf(
			"%s certification expires on %s, in %d days; more than %v days of remaining validity expected",
			[_cert_name(it), it.expires_on, lib.day(it.expires_on) - lib.today, days],
		),
	)])
}

# Shared helpers of the certification rules.

_cert_names := {
	"soc2": "SOC 2",
	"iso27001": "ISO/IEC 27001",
	"iso27701": "ISO/IEC 27701",
	"iso42001": "ISO/IEC 42001",
	"pci-dss-aoc": "PCI DSS AOC",
}

_cert_name(it) := object.get(_cert_names, it.type, it.type)

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

_cert_expiry_found(it) := "expiry date is not stated" if {
	not lib.stated(it, ["expires_on"])
} else := sprintf("expired on %s", [it.expires_on])
