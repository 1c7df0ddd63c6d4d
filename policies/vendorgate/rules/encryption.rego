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
	conds := _enc_001_conds(d, a)
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_enc_001_path := ["encryption", "in_transit", "tls_versions"]

_enc_001_label := "list of accepted TLS versions"

_enc_001_weak := {"ssl2", "ssl3", "1.0", "1.1"}

_enc_001_required := lib.expect("TLS 1.2 or 1.3 required", ["NIST SP 800-52r2 §3.1"])

_enc_001_conds(d, a) := [lib.cond(d, "attestation", "error", _enc_001_path, _enc_001_label, "is not stated", _enc_001_required)] if {
	not lib.stated(a, _enc_001_path)
} else := array.flatten([_enc_001_deprecated(d, vs), _enc_001_floor(d, vs), _enc_001_tls13(d, vs)]) if {
	vs := lib.list(a, _enc_001_path)
}

_enc_001_found(vs) := sprintf("is %s", [concat(", ", [sprintf("%v", [v]) | some v in vs])])

_enc_001_deprecated(d, vs) := [lib.cond(
	d, "attestation", "error", _enc_001_path, _enc_001_label, _enc_001_found(vs),
	lib.expect("ssl2, ssl3, 1.0 and 1.1 must be disabled", ["RFC 8996"]),
)] if {
	some v in vs
	v in _enc_001_weak
} else := []

_enc_001_floor(d, vs) := [lib.cond(d, "attestation", "error", _enc_001_path, _enc_001_label, _enc_001_found(vs), _enc_001_required)] if {
	not "1.2" in vs
	not "1.3" in vs
} else := []

_enc_001_tls13(d, vs) := [lib.cond(
	d, "attestation", "warning", _enc_001_path, _enc_001_label, _enc_001_found(vs),
	lib.expect("TLS 1.3 support recommended", ["NIST SP 800-52r2 §3.1"]),
)] if {
	not "1.3" in vs
} else := []

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
	conds := array.flatten([
		_enc_002_enabled(d, a),
		_enc_002_algorithm(d, a),
		_enc_002_key_bits(d, a),
		_enc_002_scope(d, a),
		_enc_002_key_note(d, a),
	])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_enc_002_enabled_path := ["encryption", "at_rest", "enabled"]

_enc_002_algorithm_path := ["encryption", "at_rest", "algorithm"]

_enc_002_key_bits_path := ["encryption", "at_rest", "key_bits"]

_enc_002_scope_path := ["encryption", "at_rest", "scope"]

_enc_002_enabled(d, a) := [lib.cond(
	d, "attestation", "error", _enc_002_enabled_path, "encryption at rest", lib.found_at(a, _enc_002_enabled_path),
	lib.expect("must be true", ["GDPR Art. 32(1)(a)"]),
)] if {
	not lib.is_true(a, _enc_002_enabled_path)
} else := []

_enc_002_algorithm_label := "encryption-at-rest algorithm"

_enc_002_algorithm(d, a) := [lib.cond(
	d, "attestation", "error", _enc_002_algorithm_path, _enc_002_algorithm_label, "is not stated",
	lib.expect("a strong cipher such as AES-256-GCM required", ["NIST SP 800-131A r2"]),
)] if {
	not lib.stated(a, _enc_002_algorithm_path)
} else := [lib.cond(
	d, "attestation", "error", _enc_002_algorithm_path, _enc_002_algorithm_label, lib.found(alg),
	lib.expect("a strong cipher such as AES-256-GCM required, not DES, 3DES, TDEA or RC4", ["NIST SP 800-131A r2"]),
)] if {
	alg := lib.get(a, _enc_002_algorithm_path)
	_enc_002_weak_algorithm(alg)
} else := []

_enc_002_weak_parts := {"DES", "3DES", "TDEA", "TRIPLEDES", "EDE3", "RC4"}

_enc_002_weak_algorithm(alg) if {
	is_string(alg)
	some part in regex.split(`[-_ ]`, upper(alg))
	part in _enc_002_weak_parts
}

_enc_002_key_bits_label := "encryption-at-rest key length"

_enc_002_key_bits(d, a) := [lib.cond(
	d, "attestation", "error", _enc_002_key_bits_path, _enc_002_key_bits_label, lib.found_in(key_bits, "bits"),
	lib.limit("at_rest_min_key_bits", "min", "at least %s required", "bits", ["NIST SP 800-131A r2"]),
)] if {
	key_bits := lib.get(a, _enc_002_key_bits_path)
	not lib.at_least(key_bits, lib.threshold("at_rest_min_key_bits"))
} else := []

_enc_002_key_note(d, a) := [lib.cond(
	d, "attestation", "note", _enc_002_key_bits_path, _enc_002_key_bits_label, lib.found_in(key_bits, "bits"),
	lib.bound("min", 256, "at least 256 bits recommended", ["NIST SP 800-131A r2"]),
)] if {
	key_bits := lib.get(a, _enc_002_key_bits_path)
	lib.below(key_bits, 256)
} else := []

_enc_002_scope(d, a) := [lib.cond(
	d, "attestation", "warning", _enc_002_scope_path, "encryption-at-rest scope", found,
	lib.expect("backups and logs required", ["GDPR Art. 32(1)(a)"]),
)] if {
	missing := lib.missing(["backups", "logs"], lib.list(a, _enc_002_scope_path))
	count(missing) > 0
	found := _enc_002_scope_found(a, missing)
} else := []

_enc_002_scope_found(a, _) := "is not stated" if not lib.stated(a, _enc_002_scope_path)

_enc_002_scope_found(a, missing) := sprintf("lacks %s", [concat(", ", missing)]) if lib.stated(a, _enc_002_scope_path)

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
	conds := [lib.cond(
		d, "attestation", "warning", _enc_003_path, "FIPS 140 validation", lib.found_at(a, _enc_003_path),
		lib.expect("must be true when PHI is shared", ["HHS breach guidance FIPS 140"]),
	)]
	some result in lib.results(rego.metadata.rule(), d, conds)
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
	conds := array.flatten([
		_enc_004_custody(d, a),
		_enc_004_separate(d, a),
		_enc_004_rotation(d, a),
		_enc_004_rotation_warn(d, a),
	])
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_enc_004_custody_path := ["encryption", "keys", "custody"]

_enc_004_separate_path := ["encryption", "keys", "separate_from_data"]

_enc_004_rotation_path := ["encryption", "keys", "rotation_days"]

_enc_004_rotation_label := "key rotation period"

_enc_004_custody(d, a) := [lib.cond(
	d, "attestation", "error", _enc_004_custody_path, "encryption key custody", lib.found(custody),
	lib.expect("kms, hsm, cmk or byok required, not application", ["NIST SP 800-57 Pt1 r5 §5.3.6"]),
)] if {
	custody := lib.get(a, _enc_004_custody_path)
	custody in {null, "application"}
} else := []

_enc_004_separate(d, a) := [lib.cond(
	d, "attestation", "error", _enc_004_separate_path, "key separation from data", lib.found_at(a, _enc_004_separate_path),
	lib.expect("must be true", ["NIST SP 800-57 Pt1 r5 §5.3.6"]),
)] if {
	not lib.is_true(a, _enc_004_separate_path)
} else := []

_enc_004_rotation(d, a) := [lib.cond(
	d, "attestation", "error", _enc_004_rotation_path, _enc_004_rotation_label, lib.found_in(days, "days"),
	lib.limit("key_rotation_max_days", "max", "at most %s allowed", "days", ["NIST SP 800-57 Pt1 r5 §5.3.6"]),
)] if {
	days := lib.get(a, _enc_004_rotation_path)
	not lib.at_most(days, lib.threshold("key_rotation_max_days"))
} else := []

_enc_004_rotation_warn(d, a) := [lib.cond(
	d, "attestation", "warning", _enc_004_rotation_path, _enc_004_rotation_label, lib.found_in(days, "days"),
	lib.limit("key_rotation_warn_days", "max", "%s or less recommended", "days", ["PCI DSS 4.0.1 3.7.4"]),
)] if {
	days := lib.get(a, _enc_004_rotation_path)
	lib.above(days, lib.threshold("key_rotation_warn_days"))
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
	conds := _trn_001_conds(d, a)
	some result in lib.results(rego.metadata.rule(), d, conds)
}

_trn_001_path := ["transfer_channels"]

_trn_001_instead := {
	"ftp": "sftp or ftps",
	"http": "https",
	"telnet": "sftp, vpn-ipsec or vpn-tls",
	"tftp": "sftp, vpn-ipsec or vpn-tls",
	"smtp": "smtp-tls",
	"public-bucket": "access-controlled https or sftp",
}

_trn_001_conds(d, a) := [lib.cond(
	d, "attestation", "error", _trn_001_path, "list of transfer channels", "is not stated",
	lib.expect("only encrypted channels allowed: https, sftp, ftps, smtp-tls, vpn-ipsec or vpn-tls", ["PCI DSS 4.0.1 4.2.1"]),
)] if {
	not lib.stated(a, _trn_001_path)
} else := [lib.cond(
	d, "attestation", "error", ["transfer_channels", i], "transfer channel", lib.found(channel),
	lib.expect(sprintf("an encrypted channel such as %s required", [_trn_001_instead[channel]]), ["PCI DSS 4.0.1 4.2.1"]),
) |
	some i, channel in lib.list(a, _trn_001_path)
	_trn_001_instead[channel]
]
