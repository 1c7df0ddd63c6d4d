# METADATA
# title: Encryption and transfer
# description: TLS floor, encryption at rest, validated crypto modules, key management and secure transfer channels.
package vendorgate.rules.encryption

import data.vendorgate.lib

# METADATA
# title: TLS floor
# description: >-
#   The service must accept only TLS 1.2 or 1.3 in transit: SSL 2/3 and
#   TLS 1.0/1.1 are deprecated (RFC 8996), and TLS 1.3 should be supported.
# custom:
#   id: ENC-001
#   severity: error
#   security_severity: 9.0
#   source: NIST SP 800-52r2 §3.1; RFC 8996
#   controls:
#     "NIST SP 800-52r2": ["§3.1"]
#     "RFC 8996": []
#   tags: [encryption]
#   help: |
#     List in the attestation's `encryption.in_transit.tls_versions` every
#     protocol version the service accepts (quoted strings, e.g. `"1.2"`,
#     `"1.3"`). The vendor must disable `ssl2`, `ssl3`, `"1.0"` and `"1.1"`
#     and accept TLS 1.2 or 1.3; supporting TLS 1.3 is recommended. If the
#     service still accepts a deprecated version, require the vendor to turn it
#     off before onboarding.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	fails := _enc_001_fails(a)
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_enc_001_path := ["encryption", "in_transit", "tls_versions"]

_enc_001_weak := {"ssl2", "ssl3", "1.0", "1.1"}

_enc_001_fails(a) := [lib.fail(
	"error",
	_enc_001_path,
	"accepted TLS versions are not stated; TLS 1.2 or 1.3 required (NIST SP 800-52r2)",
)] if {
	not lib.stated(a, _enc_001_path)
} else := array.flatten([_enc_001_deprecated(vs), _enc_001_floor(vs), _enc_001_tls13(vs)]) if {
	vs := lib.list(a, _enc_001_path)
}

_enc_001_deprecated(vs) := [lib.fail("error", array.concat(_enc_001_path, [first]), sprintf(
	"accepted TLS versions include %s; ssl2, ssl3, 1.0 and 1.1 must be disabled (RFC 8996)",
	[concat(", ", weak)],
))] if {
	weak := [sprintf("%v", [v]) | some v in vs; v in _enc_001_weak]
	count(weak) > 0
	first := [i | some i, v in vs; v in _enc_001_weak][0]
} else := []

_enc_001_floor(vs) := [lib.fail("error", _enc_001_path, sprintf(
	"accepted TLS versions are %s; TLS 1.2 or 1.3 required (NIST SP 800-52r2)",
	[_enc_001_show(vs)],
))] if {
	not "1.2" in vs
	not "1.3" in vs
} else := []

_enc_001_tls13(vs) := [lib.fail("warning", _enc_001_path, sprintf(
	"accepted TLS versions are %s; TLS 1.3 support recommended (NIST SP 800-52r2 §3.1)",
	[_enc_001_show(vs)],
))] if {
	not "1.3" in vs
} else := []

_enc_001_show(vs) := concat(", ", [sprintf("%v", [v]) | some v in vs])

# METADATA
# title: Encryption at rest
# description: >-
#   Customer data must be encrypted at rest with a strong cipher and key
#   length, including backups and logs; DES, 3DES and RC4 are disallowed.
# custom:
#   id: ENC-002
#   severity: error
#   security_severity: 9.0
#   source: GDPR 32(1)(a); NIST SP 800-131A r2
#   controls:
#     "GDPR": ["Art. 32(1)(a)"]
#     "NIST SP 800-131A r2": []
#   tags: [encryption, gdpr]
#   help: |
#     In the attestation, set `encryption.at_rest.enabled: true`, name the
#     cipher in `encryption.at_rest.algorithm` (e.g. `AES-256-GCM`; DES, 3DES,
#     TDEA and RC4 are not acceptable) and its key length in
#     `encryption.at_rest.key_bits` (at least 128, 256 recommended). List
#     `backups` and `logs` in `encryption.at_rest.scope`. If the vendor
#     cannot attest this, require encryption at rest in the contract's
#     security annex before onboarding.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	fails := array.flatten([
		_enc_002_enabled(a),
		_enc_002_algorithm(a),
		_enc_002_key_bits(a),
		_enc_002_scope(a),
		_enc_002_key_note(a),
	])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_enc_002_enabled_path := ["encryption", "at_rest", "enabled"]

_enc_002_algorithm_path := ["encryption", "at_rest", "algorithm"]

_enc_002_key_bits_path := ["encryption", "at_rest", "key_bits"]

_enc_002_scope_path := ["encryption", "at_rest", "scope"]

_enc_002_enabled(a) := [lib.fail("error", _enc_002_enabled_path, sprintf(
	"encryption at rest (encryption.at_rest.enabled) is %s; it must be true (GDPR Art. 32(1)(a))",
	[lib.show_at(a, _enc_002_enabled_path)],
))] if {
	not lib.is_true(a, _enc_002_enabled_path)
} else := []

_enc_002_algorithm(a) := [lib.fail(
	"error",
	_enc_002_algorithm_path,
	"encryption-at-rest algorithm is not stated; a strong cipher such as AES-256-GCM required (NIST SP 800-131A r2)",
)] if {
	not lib.stated(a, _enc_002_algorithm_path)
} else := [lib.fail("error", _enc_002_algorithm_path, sprintf(
	"encryption-at-rest algorithm is %v; DES, 3DES and RC4 are disallowed (NIST SP 800-131A r2)",
	[alg],
))] if {
	alg := lib.get(a, _enc_002_algorithm_path)
	_enc_002_weak_algorithm(alg)
} else := []

_enc_002_weak_parts := {"DES", "3DES", "TDEA", "TRIPLEDES", "EDE3", "RC4"}

_enc_002_weak_algorithm(alg) if {
	is_string(alg)
	some part in regex.split(`[-_ ]`, upper(alg))
	part in _enc_002_weak_parts
}

_enc_002_key_bits(a) := [lib.fail("error", _enc_002_key_bits_path, sprintf(
	"encryption-at-rest key length is %s; at least %v bits required (NIST SP 800-131A r2)",
	[lib.show_in(key_bits, "bits"), min_bits],
))] if {
	key_bits := lib.get(a, _enc_002_key_bits_path)
	min_bits := lib.threshold("at_rest_min_key_bits")
	not lib.at_least(key_bits, min_bits)
} else := []

_enc_002_scope(a) := [lib.fail(
	"warning",
	_enc_002_scope_path,
	"encryption-at-rest scope is not stated; it should cover backups and logs (GDPR Art. 32(1)(a))",
)] if {
	not lib.stated(a, _enc_002_scope_path)
} else := [lib.fail("warning", _enc_002_scope_path, sprintf(
	"encryption-at-rest scope lacks %s; it should cover backups and logs (GDPR Art. 32(1)(a))",
	[concat(", ", missing)],
))] if {
	missing := lib.missing(["backups", "logs"], lib.list(a, _enc_002_scope_path))
	count(missing) > 0
} else := []

_enc_002_key_note(a) := [lib.fail("note", _enc_002_key_bits_path, sprintf(
	"encryption-at-rest key length is %v bits; 256 bits recommended (NIST SP 800-131A r2)",
	[key_bits],
))] if {
	key_bits := lib.get(a, _enc_002_key_bits_path)
	lib.below(key_bits, 256)
} else := []

# METADATA
# title: Validated crypto modules
# description: >-
#   When protected health information is shared, the vendor's encryption should
#   use FIPS 140-validated modules so that encrypted PHI counts as secured
#   under the HHS breach guidance.
# custom:
#   id: ENC-003
#   severity: warning
#   security_severity: 5.5
#   source: HHS breach guidance (FIPS 140)
#   controls:
#     "HHS breach guidance": ["FIPS 140"]
#   tags: [encryption, hipaa]
#   help: |
#     Ask the vendor to attest `encryption.fips_validated: true` (its
#     cryptographic modules hold a FIPS 140-2 or 140-3 validation certificate).
#     Without it, a loss of encrypted PHI may still be a reportable breach;
#     require validated modules in the BAA or security annex.
deny contains result if {
	some d in input.dossiers
	s := lib.engagement(d)
	lib.has(s, "phi")
	a := lib.attestation(d)
	not lib.is_true(a, _enc_003_path)
	result := lib.result(rego.metadata.rule(), d, "attestation", [lib.fail("warning", _enc_003_path, sprintf(
		"FIPS 140 validation (encryption.fips_validated) is %s; validated modules expected when PHI is shared (HHS breach guidance)",
		[lib.show_at(a, _enc_003_path)],
	))])
}

_enc_003_path := ["encryption", "fips_validated"]

# METADATA
# title: Key management
# description: >-
#   Encryption keys must be held outside the application, stored apart from
#   the data they protect and rotated within a bounded cryptoperiod.
# custom:
#   id: ENC-004
#   severity: error
#   security_severity: 8.0
#   source: NIST SP 800-57 Pt1 r5 §5.3.6; PCI 3.7.4
#   controls:
#     "NIST SP 800-57 Pt1 r5": ["§5.3.6"]
#     "PCI DSS 4.0.1": ["3.7.4"]
#   tags: [encryption]
#   help: |
#     In the attestation, set `encryption.keys.custody` to `kms`, `hsm`,
#     `cmk` or `byok` (not `application`), `encryption.keys.separate_from_data:
#     true`, and `encryption.keys.rotation_days` to the rotation period actually
#     applied: at most 730 days, 365 days or less recommended. If the vendor
#     keeps keys in the application or never rotates them, require a managed
#     key service and a rotation period in the security annex.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	fails := array.flatten([
		_enc_004_custody(a),
		_enc_004_separate(a),
		_enc_004_rotation(a),
		_enc_004_rotation_warn(a),
	])
	count(fails) > 0
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_enc_004_custody_path := ["encryption", "keys", "custody"]

_enc_004_separate_path := ["encryption", "keys", "separate_from_data"]

_enc_004_rotation_path := ["encryption", "keys", "rotation_days"]

_enc_004_custody(a) := [lib.fail("error", _enc_004_custody_path, sprintf(
	"encryption key custody is %s; keys must be held in a KMS, HSM, CMK or BYOK, not in the application (NIST SP 800-57)",
	[lib.show(custody)],
))] if {
	custody := lib.get(a, _enc_004_custody_path)
	custody in {null, "application"}
} else := []

_enc_004_separate(a) := [lib.fail("error", _enc_004_separate_path, sprintf(
	"key separation from data (encryption.keys.separate_from_data) is %s; it must be true (NIST SP 800-57)",
	[lib.show_at(a, _enc_004_separate_path)],
))] if {
	not lib.is_true(a, _enc_004_separate_path)
} else := []

_enc_004_rotation(a) := [lib.fail("error", _enc_004_rotation_path, sprintf(
	"key rotation period is %s; at most %v days allowed (NIST SP 800-57 Pt1 r5 §5.3.6)",
	[lib.show_in(days, "days"), max_days],
))] if {
	days := lib.get(a, _enc_004_rotation_path)
	max_days := lib.threshold("key_rotation_max_days")
	not lib.at_most(days, max_days)
} else := []

_enc_004_rotation_warn(a) := [lib.fail("warning", _enc_004_rotation_path, sprintf(
	"key rotation period is %v days; %v days or less recommended (PCI DSS 3.7.4)",
	[days, warn_days],
))] if {
	days := lib.get(a, _enc_004_rotation_path)
	warn_days := lib.threshold("key_rotation_warn_days")
	lib.above(days, warn_days)
} else := []

# METADATA
# title: Secure transfer channels
# description: >-
#   Every channel the vendor uses to exchange customer data must be encrypted:
#   ftp, http, telnet, tftp, plain smtp and public buckets are not acceptable.
# custom:
#   id: TRN-001
#   severity: error
#   security_severity: 9.0
#   source: PCI 4.2.1; NIST SP 800-52r2
#   controls:
#     "PCI DSS 4.0.1": ["4.2.1"]
#     "NIST SP 800-52r2": []
#   tags: [encryption]
#   help: |
#     List in the attestation's `transfer_channels` every channel used to
#     exchange customer data. Replace `ftp` with `sftp` or `ftps`, `http` with
#     `https`, `smtp` with `smtp-tls`, `telnet` and `tftp` with `sftp` or a VPN
#     (`vpn-ipsec`, `vpn-tls`), and a `public-bucket` with access-controlled
#     `https` or `sftp` delivery. If the vendor still needs an insecure
#     channel, record a waiver with its justification.
deny contains result if {
	some d in input.dossiers
	a := lib.attestation(d)
	some fails in _trn_001_fails(a)
	result := lib.result(rego.metadata.rule(), d, "attestation", fails)
}

_trn_001_insecure := {"ftp", "http", "telnet", "tftp", "smtp", "public-bucket"}

_trn_001_alternatives := "https, sftp, ftps, smtp-tls, vpn-ipsec or vpn-tls"

_trn_001_fails(a) := [[lib.fail("error", ["transfer_channels"], sprintf(
	"transfer channels are not stated; only encrypted channels (%s) allowed (PCI DSS 4.2.1)",
	[_trn_001_alternatives],
))]] if {
	not lib.stated(a, ["transfer_channels"])
} else := [[lib.fail("error", ["transfer_channels", i], sprintf(
	"transfer channel %v is insecure; use an encrypted channel (%s) instead (PCI DSS 4.2.1)",
	[channel, _trn_001_alternatives],
))] |
	some i, channel in lib.list(a, ["transfer_channels"])
	channel in _trn_001_insecure
]
