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
	conds := [lib.cond(
		d, role, "error", found.path, _dos_005_label(found.path),
		sprintf("is %s, after the evaluation date %s", [found.date, input.as_of]),
		lib.expect("a date on or before the evaluation date required, as every other rule reads a later one as not stated", ["CSA CCM v4 STA-14"]),
	) |
		some role in ["engagement", "attestation", "contract"]
		d[role].valid
		some found in lib.future_dates(d[role].body, role)
	]
	some result in lib.results(rego.metadata.rule(), d, conds)
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
	"on": "review date",
	"access_revoked_on": "access revocation date",
	"data_disposition_on": "data disposition date",
}

# An event date without a label of its own is still a result, named as a date.
_dos_005_label(path) := object.get(_dos_005_labels, path[count(path) - 1], "event date")
