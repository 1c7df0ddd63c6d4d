# Dossier dates: a date that records a past event must not lie after the evaluation date.
# (The package's METADATA is in dossier.rego; a package is annotated once.)
package vendorgate.rules.dossier

import data.vendorgate.lib

# METADATA
# title: Event dates not in the future
# description: >-
#   A date that records a past event (an attestation, an audit period's end, a
#   certificate's issue or surveillance audit, a review, a test, a risk
#   assessment, a signature) cannot lie after the evaluation date. Such a date
#   is a typo or a claim made ahead of time; every other rule reads it as not
#   stated, so that a SOC 2 period ending in 2099 never counts as current.
# custom:
#   id: DOS-005
#   severity: error
#   security_severity: 6.0
#   source: "CSA CCM v4 STA-14; ISO/IEC 27001:2022 A.5.19"
#   controls:
#     "CSA CCM v4": ["STA-14"]
#     "ISO/IEC 27001:2022": ["A.5.19"]
#   tags: [dossier]
#   help: |
#     Correct the date to the day the event actually happened (YYYY-MM-DD). A
#     date that records a past event (`attested_on`, a certification's
#     `period_end`, `issued_on` or `last_surveillance_on`, a document's
#     `reviewed_on`, `pentest.last_on`, `incident_response.last_tested_on`,
#     `ai.red_team_last_on`, `risk.assessed_on`, `dpa.signed_on`) cannot be
#     later than the evaluation date (`--as-of`, default today). Dates that
#     look ahead (`expires_on`, `bridge_letter_through`, `term_ends_on`) may be
#     in the future. Until it is corrected, every other rule reads the date as
#     not stated.
deny contains result if {
	some d in input.dossiers
	some role in ["engagement", "attestation", "contract"]
	d[role].valid
	some found in lib.future_dates(d[role].body, role)
	result := lib.result_at(rego.metadata.rule(), d, d[role].id, "error", found.path, sprintf(
		"%s (%s) is %s, after the evaluation date %s; a date that records a past event cannot be in the future, so the rules read it as not stated (CSA CCM v4 STA-14; ISO/IEC 27001:2022 A.5.19)",
		[_dos_005_label(found.path), _dos_005_field(found.path), found.date, input.as_of],
	))
}

_dos_005_labels := {
	"attested_on": "attestation date",
	"period_end": "report period end",
	"issued_on": "issue date",
	"last_surveillance_on": "last surveillance audit date",
	"reviewed_on": "document review date",
	"last_on": "last penetration test date",
	"last_tested_on": "last incident response test date",
	"red_team_last_on": "last red-team exercise date",
	"assessed_on": "risk assessment date",
	"signed_on": "DPA signature date",
}

_dos_005_label(path) := _dos_005_labels[path[count(path) - 1]]

# The field as a reviewer reads it: certifications[0].period_end.
_dos_005_field(path) := concat("", [_dos_005_step(i, p) | some i, p in path])

_dos_005_step(_, p) := sprintf("[%d]", [p]) if is_number(p)

_dos_005_step(0, p) := p if is_string(p)

_dos_005_step(i, p) := sprintf(".%s", [p]) if {
	is_string(p)
	i > 0
}
