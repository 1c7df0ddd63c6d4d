package vendorgate.rules.encryption_test

import data.vendorgate.lib.testing
import data.vendorgate.rules.encryption

results(d) := r if {
	r := encryption.deny with input as testing.input_of(d)
}

finding(rule, level, pointer, message) := testing.result(rule, level, "a", pointer, message)

enc_001(level, pointer, message) := finding("ENC-001", level, pointer, message)

enc_002(level, pointer, message) := finding("ENC-002", level, pointer, message)

enc_003(pointer, message) := finding("ENC-003", "warning", pointer, message)

enc_004(level, pointer, message) := finding("ENC-004", level, pointer, message)

trn_001(pointer, message) := finding("TRN-001", "error", pointer, message)

tls := "/encryption/in_transit/tls_versions"

test_clean_dossier_passes if {
	count(results(testing.clean)) == 0
}

test_silent_without_attestation if {
	d := json.patch(testing.clean, [testing.remove_at("/attestation")])
	count(results(d)) == 0
}

test_silent_with_invalid_attestation if {
	bad := json.patch(testing.clean, [
		testing.replace_at("/attestation/valid", false),
		testing.replace_at("/attestation/body/encryption", {"in_transit": {"tls_versions": ["ssl3"]}, "keys": {"custody": "application"}}),
		testing.replace_at("/attestation/body/transfer_channels", ["ftp"]),
	])
	count(results(bad)) == 0
}

# ENC-001

tls_parent := "/encryption/in_transit"

tls_required := "TLS 1.2 or 1.3 required (NIST SP 800-52r2 §3.1)"

tls_deprecated := "ssl2, ssl3, 1.0 and 1.1 must be disabled (RFC 8996)"

tls_13 := "TLS 1.3 support recommended (NIST SP 800-52r2 §3.1)"

tls_found(found) := sprintf("list of accepted TLS versions (encryption.in_transit.tls_versions) %s", [found])

test_enc_001_not_stated_is_an_error_at_in_transit if {
	d := testing.attestation_with([testing.remove_at(tls)])
	results(d) == {enc_001("error", tls_parent, concat("; ", [tls_found("is not stated"), tls_required]))}
}

test_enc_001_empty_list_is_not_stated_at_its_key if {
	d := testing.attestation_with([testing.replace_at(tls, [])])
	results(d) == {enc_001("error", tls, concat("; ", [tls_found("is not stated"), tls_required]))}
}

test_enc_001_encryption_not_stated_is_located_at_the_document if {
	d := testing.attestation_with([testing.remove_at("/encryption")])
	testing.only(results(d), "ENC-001") == {enc_001("error", "", concat("; ", [tls_found("is not stated"), tls_required]))}
}

test_enc_001_deprecated_version_is_an_error_at_the_list if {
	d := testing.attestation_with([testing.replace_at(tls, ["1.2", "1.1", "1.3"])])
	results(d) == {enc_001("error", tls, concat("; ", [tls_found("is 1.2, 1.1, 1.3"), tls_deprecated]))}
}

test_enc_001_ssl_is_deprecated if {
	d := testing.attestation_with([testing.replace_at(tls, ["1.3", "ssl2", "ssl3"])])
	results(d) == {enc_001("error", tls, concat("; ", [tls_found("is 1.3, ssl2, ssl3"), tls_deprecated]))}
}

test_enc_001_without_1_3_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(tls, ["1.2"])])
	results(d) == {enc_001("warning", tls, concat("; ", [tls_found("is 1.2"), tls_13]))}
}

test_enc_001_only_1_3_passes if {
	d := testing.attestation_with([testing.replace_at(tls, ["1.3"])])
	count(results(d)) == 0
}

test_enc_001_only_deprecated_versions_list_every_condition_errors_first if {
	d := testing.attestation_with([testing.replace_at(tls, ["1.0", "1.1"])])
	results(d) == {enc_001(
		"error",
		tls,
		concat("; ", [tls_found("is 1.0, 1.1"), tls_deprecated, tls_required, tls_13]),
	)}
}

test_enc_001_deprecated_and_no_1_3_are_both_listed if {
	d := testing.attestation_with([testing.replace_at(tls, ["1.0", "1.2"])])
	results(d) == {enc_001("error", tls, concat("; ", [tls_found("is 1.0, 1.2"), tls_deprecated, tls_13]))}
}

# ENC-002

at_rest := "/encryption/at_rest"

algorithm := "/encryption/at_rest/algorithm"

key_bits := "/encryption/at_rest/key_bits"

scope := "/encryption/at_rest/scope"

enabled_text := "must be true (GDPR Art. 32(1)(a))"

strong_text := "a strong cipher such as AES-256-GCM required (NIST SP 800-131A r2)"

weak_text := "a strong cipher such as AES-256-GCM required, not DES, 3DES, TDEA or RC4 (NIST SP 800-131A r2)"

min_bits_text := "at least 128 bits required (NIST SP 800-131A r2)"

note_bits_text := "at least 256 bits recommended (NIST SP 800-131A r2)"

scope_text := "backups and logs required (GDPR Art. 32(1)(a))"

test_enc_002_disabled_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/encryption/at_rest/enabled", false)])
	results(d) == {enc_002(
		"error",
		"/encryption/at_rest/enabled",
		sprintf("encryption at rest (encryption.at_rest.enabled) is false; %s", [enabled_text]),
	)}
}

test_enc_002_enabled_not_stated_is_an_error_at_at_rest if {
	d := testing.attestation_with([testing.remove_at("/encryption/at_rest/enabled")])
	results(d) == {enc_002(
		"error",
		at_rest,
		sprintf("encryption at rest (encryption.at_rest.enabled) is not stated; %s", [enabled_text]),
	)}
}

test_enc_002_3des_is_an_error if {
	d := testing.attestation_with([testing.replace_at(algorithm, "3DES")])
	results(d) == {enc_002(
		"error",
		algorithm,
		sprintf("encryption-at-rest algorithm (encryption.at_rest.algorithm) is 3DES; %s", [weak_text]),
	)}
}

test_enc_002_weak_algorithm_parts_are_found if {
	every alg in ["des-ede3-cbc", "TripleDES", "tdea_cbc", "Triple DES", "rc4", "AES-256 RC4", "ede3"] {
		d := testing.attestation_with([testing.replace_at(algorithm, alg)])
		results(d) == {enc_002(
			"error",
			algorithm,
			sprintf("encryption-at-rest algorithm (encryption.at_rest.algorithm) is %s; %s", [alg, weak_text]),
		)}
	}
}

test_enc_002_strong_algorithms_pass if {
	every alg in ["AES-128-GCM", "aes_256_xts", "ChaCha20-Poly1305", "DESX-like", "AES DESIGN"] {
		d := testing.attestation_with([testing.replace_at(algorithm, alg)])
		count(results(d)) == 0
	}
}

test_enc_002_algorithm_not_stated_is_an_error_at_at_rest if {
	d := testing.attestation_with([testing.remove_at(algorithm)])
	results(d) == {enc_002(
		"error",
		at_rest,
		sprintf("encryption-at-rest algorithm (encryption.at_rest.algorithm) is not stated; %s", [strong_text]),
	)}
}

test_enc_002_key_bits_below_minimum_is_an_error_without_the_implied_note if {
	d := testing.attestation_with([testing.replace_at(key_bits, 112)])
	results(d) == {enc_002(
		"error",
		key_bits,
		sprintf("encryption-at-rest key length (encryption.at_rest.key_bits) is 112 bits; %s", [min_bits_text]),
	)}
}

test_enc_002_key_bits_at_minimum_is_a_note if {
	d := testing.attestation_with([testing.replace_at(key_bits, 128)])
	results(d) == {enc_002(
		"note",
		key_bits,
		sprintf("encryption-at-rest key length (encryption.at_rest.key_bits) is 128 bits; %s", [note_bits_text]),
	)}
}

test_enc_002_key_bits_not_stated_is_an_error_at_at_rest if {
	d := testing.attestation_with([testing.remove_at(key_bits)])
	results(d) == {enc_002(
		"error",
		at_rest,
		sprintf("encryption-at-rest key length (encryption.at_rest.key_bits) is not stated; %s", [min_bits_text]),
	)}
}

test_enc_002_key_bits_threshold_override_says_so_and_keeps_the_default if {
	d := testing.attestation_with([testing.replace_at(key_bits, 192)])
	r := results(d) with data.vendorgate_profile.thresholds as {"at_rest_min_key_bits": 256}
	r == {enc_002(
		"error",
		key_bits,
		"encryption-at-rest key length (encryption.at_rest.key_bits) is 192 bits; at least 256 bits required by the organisation profile (NIST SP 800-131A r2; catalog default 128 bits)",
	)}
}

test_enc_002_scope_without_logs_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(scope, ["primary", "backups"])])
	results(d) == {enc_002(
		"warning",
		scope,
		sprintf("encryption-at-rest scope (encryption.at_rest.scope) lacks logs; %s", [scope_text]),
	)}
}

test_enc_002_scope_without_backups_and_logs_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(scope, ["primary"])])
	results(d) == {enc_002(
		"warning",
		scope,
		sprintf("encryption-at-rest scope (encryption.at_rest.scope) lacks backups, logs; %s", [scope_text]),
	)}
}

test_enc_002_scope_not_stated_is_a_warning_at_at_rest if {
	d := testing.attestation_with([testing.remove_at(scope)])
	results(d) == {enc_002(
		"warning",
		at_rest,
		sprintf("encryption-at-rest scope (encryption.at_rest.scope) is not stated; %s", [scope_text]),
	)}
}

test_enc_002_each_value_is_its_own_result if {
	d := testing.attestation_with([
		testing.replace_at(scope, ["primary"]),
		testing.replace_at(key_bits, 64),
		testing.replace_at(algorithm, "RC4"),
	])
	results(d) == {
		enc_002(
			"error",
			algorithm,
			sprintf("encryption-at-rest algorithm (encryption.at_rest.algorithm) is RC4; %s", [weak_text]),
		),
		enc_002(
			"error",
			key_bits,
			sprintf("encryption-at-rest key length (encryption.at_rest.key_bits) is 64 bits; %s", [min_bits_text]),
		),
		enc_002(
			"warning",
			scope,
			sprintf("encryption-at-rest scope (encryption.at_rest.scope) lacks backups, logs; %s", [scope_text]),
		),
	}
}

test_enc_002_absent_values_merge_at_at_rest_highest_level_first if {
	d := testing.attestation_with([
		testing.remove_at(scope),
		testing.remove_at("/encryption/at_rest/enabled"),
		testing.replace_at(key_bits, 192),
	])
	results(d) == {
		enc_002(
			"error",
			at_rest,
			concat("; ", [
				sprintf("encryption at rest (encryption.at_rest.enabled) is not stated; %s", [enabled_text]),
				sprintf("encryption-at-rest scope (encryption.at_rest.scope) is not stated; %s", [scope_text]),
			]),
		),
		enc_002(
			"note",
			key_bits,
			sprintf("encryption-at-rest key length (encryption.at_rest.key_bits) is 192 bits; %s", [note_bits_text]),
		),
	}
}

test_enc_002_at_rest_not_stated_is_one_error_at_encryption if {
	d := testing.attestation_with([testing.remove_at(at_rest)])
	results(d) == {enc_002(
		"error",
		"/encryption",
		concat("; ", [
			sprintf("encryption at rest (encryption.at_rest.enabled) is not stated; %s", [enabled_text]),
			sprintf("encryption-at-rest algorithm (encryption.at_rest.algorithm) is not stated; %s", [strong_text]),
			sprintf("encryption-at-rest key length (encryption.at_rest.key_bits) is not stated; %s", [min_bits_text]),
			sprintf("encryption-at-rest scope (encryption.at_rest.scope) is not stated; %s", [scope_text]),
		]),
	)}
}

# ENC-003

fips := "/encryption/fips_validated"

fips_text := "must be true when PHI is shared (HHS breach guidance FIPS 140)"

test_enc_003_phi_without_fips_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(fips, false)])
	results(d) == {enc_003(fips, sprintf("FIPS 140 validation (encryption.fips_validated) is false; %s", [fips_text]))}
}

test_enc_003_fips_not_stated_is_a_warning_at_encryption if {
	d := testing.attestation_with([testing.remove_at(fips)])
	results(d) == {enc_003(
		"/encryption",
		sprintf("FIPS 140 validation (encryption.fips_validated) is not stated; %s", [fips_text]),
	)}
}

test_enc_003_hipaa_regime_counts_as_phi if {
	d := testing.patched([testing.replace_at("/data_classes", ["pii"])], [testing.replace_at(fips, false)], [])
	results(d) == {enc_003(fips, sprintf("FIPS 140 validation (encryption.fips_validated) is false; %s", [fips_text]))}
}

test_enc_003_silent_without_phi if {
	d := testing.patched(
		[testing.replace_at("/data_classes", ["pii"]), testing.replace_at("/regimes", ["gdpr"])],
		[testing.replace_at(fips, false)],
		[],
	)
	count(results(d)) == 0
}

test_enc_003_silent_without_engagement if {
	d := json.patch(testing.attestation_with([testing.replace_at(fips, false)]), [testing.remove_at("/engagement")])
	count(results(d)) == 0
}

test_enc_003_silent_with_invalid_engagement if {
	d := json.patch(testing.attestation_with([testing.replace_at(fips, false)]), [testing.replace_at("/engagement/valid", false)])
	count(results(d)) == 0
}

# ENC-004

keys := "/encryption/keys"

custody := "/encryption/keys/custody"

separate := "/encryption/keys/separate_from_data"

rotation := "/encryption/keys/rotation_days"

custody_text := "kms, hsm, cmk or byok required, not application (NIST SP 800-57 Pt1 r5 §5.3.6)"

separate_text := "must be true (NIST SP 800-57 Pt1 r5 §5.3.6)"

rotation_max_text := "at most 730 days allowed (NIST SP 800-57 Pt1 r5 §5.3.6)"

rotation_warn_text := "365 days or less recommended (PCI DSS 4.0.1 3.7.4)"

test_enc_004_application_custody_is_an_error if {
	d := testing.attestation_with([testing.replace_at(custody, "application")])
	results(d) == {enc_004(
		"error",
		custody,
		sprintf("encryption key custody (encryption.keys.custody) is application; %s", [custody_text]),
	)}
}

test_enc_004_custody_not_stated_is_an_error_at_keys if {
	d := testing.attestation_with([testing.remove_at(custody)])
	results(d) == {enc_004(
		"error",
		keys,
		sprintf("encryption key custody (encryption.keys.custody) is not stated; %s", [custody_text]),
	)}
}

test_enc_004_managed_custody_passes if {
	every c in ["kms", "hsm", "cmk", "byok"] {
		d := testing.attestation_with([testing.replace_at(custody, c)])
		count(results(d)) == 0
	}
}

test_enc_004_keys_with_data_is_an_error if {
	d := testing.attestation_with([testing.replace_at(separate, false)])
	results(d) == {enc_004(
		"error",
		separate,
		sprintf("key separation from data (encryption.keys.separate_from_data) is false; %s", [separate_text]),
	)}
}

test_enc_004_separation_not_stated_is_an_error_at_keys if {
	d := testing.attestation_with([testing.remove_at(separate)])
	results(d) == {enc_004(
		"error",
		keys,
		sprintf("key separation from data (encryption.keys.separate_from_data) is not stated; %s", [separate_text]),
	)}
}

test_enc_004_rotation_over_max_is_an_error_without_the_implied_warning if {
	d := testing.attestation_with([testing.replace_at(rotation, 731)])
	results(d) == {enc_004(
		"error",
		rotation,
		sprintf("key rotation period (encryption.keys.rotation_days) is 731 days; %s", [rotation_max_text]),
	)}
}

test_enc_004_rotation_at_max_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(rotation, 730)])
	results(d) == {enc_004(
		"warning",
		rotation,
		sprintf("key rotation period (encryption.keys.rotation_days) is 730 days; %s", [rotation_warn_text]),
	)}
}

test_enc_004_rotation_over_warn_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(rotation, 366)])
	results(d) == {enc_004(
		"warning",
		rotation,
		sprintf("key rotation period (encryption.keys.rotation_days) is 366 days; %s", [rotation_warn_text]),
	)}
}

test_enc_004_rotation_not_stated_is_an_error_at_keys if {
	d := testing.attestation_with([testing.remove_at(rotation)])
	results(d) == {enc_004(
		"error",
		keys,
		sprintf("key rotation period (encryption.keys.rotation_days) is not stated; %s", [rotation_max_text]),
	)}
}

test_enc_004_threshold_overrides_say_so_and_keep_the_defaults if {
	d := testing.attestation_with([testing.replace_at(rotation, 200)])
	r := results(d) with data.vendorgate_profile.thresholds as {"key_rotation_warn_days": 180}
	r == {enc_004(
		"warning",
		rotation,
		"key rotation period (encryption.keys.rotation_days) is 200 days; 180 days or less recommended by the organisation profile (PCI DSS 4.0.1 3.7.4; catalog default 365 days)",
	)}
	r2 := results(d) with data.vendorgate_profile.thresholds as {"key_rotation_max_days": 90, "key_rotation_warn_days": 60}
	r2 == {enc_004(
		"error",
		rotation,
		"key rotation period (encryption.keys.rotation_days) is 200 days; at most 90 days allowed by the organisation profile (NIST SP 800-57 Pt1 r5 §5.3.6; catalog default 730 days)",
	)}
}

test_enc_004_each_value_is_its_own_result if {
	d := testing.attestation_with([
		testing.replace_at(rotation, 1000),
		testing.replace_at(separate, false),
		testing.replace_at(custody, "application"),
	])
	results(d) == {
		enc_004(
			"error",
			custody,
			sprintf("encryption key custody (encryption.keys.custody) is application; %s", [custody_text]),
		),
		enc_004(
			"error",
			separate,
			sprintf("key separation from data (encryption.keys.separate_from_data) is false; %s", [separate_text]),
		),
		enc_004(
			"error",
			rotation,
			sprintf("key rotation period (encryption.keys.rotation_days) is 1000 days; %s", [rotation_max_text]),
		),
	}
}

test_enc_004_keys_not_stated_is_one_error_at_encryption if {
	d := testing.attestation_with([testing.remove_at(keys)])
	results(d) == {enc_004(
		"error",
		"/encryption",
		concat("; ", [
			sprintf("encryption key custody (encryption.keys.custody) is not stated; %s", [custody_text]),
			sprintf("key separation from data (encryption.keys.separate_from_data) is not stated; %s", [separate_text]),
			sprintf("key rotation period (encryption.keys.rotation_days) is not stated; %s", [rotation_max_text]),
		]),
	)}
}

# TRN-001

trn_not_stated := "list of transfer channels (transfer_channels) is not stated; only encrypted channels allowed: https, sftp, ftps, smtp-tls, vpn-ipsec or vpn-tls (PCI DSS 4.0.1 4.2.1)"

trn_instead := {
	"ftp": "sftp or ftps",
	"http": "https",
	"telnet": "sftp, vpn-ipsec or vpn-tls",
	"tftp": "sftp, vpn-ipsec or vpn-tls",
	"smtp": "smtp-tls",
	"public-bucket": "access-controlled https or sftp",
}

trn_insecure(i, channel) := sprintf(
	"transfer channel (transfer_channels[%d]) is %s; an encrypted channel such as %s required (PCI DSS 4.0.1 4.2.1)",
	[i, channel, trn_instead[channel]],
)

test_trn_001_not_stated_is_one_error_at_the_document if {
	d := testing.attestation_with([testing.remove_at("/transfer_channels")])
	results(d) == {trn_001("", trn_not_stated)}
}

test_trn_001_empty_list_is_not_stated_at_its_key if {
	d := testing.attestation_with([testing.replace_at("/transfer_channels", [])])
	results(d) == {trn_001("/transfer_channels", trn_not_stated)}
}

test_trn_001_insecure_channel_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.replace_at("/transfer_channels", ["https", "ftp", "sftp"])])
	results(d) == {trn_001("/transfer_channels/1", trn_insecure(1, "ftp"))}
}

test_trn_001_two_insecure_channels_give_two_results if {
	d := testing.attestation_with([testing.replace_at("/transfer_channels", ["http", "https", "public-bucket"])])
	results(d) == {
		trn_001("/transfer_channels/0", trn_insecure(0, "http")),
		trn_001("/transfer_channels/2", trn_insecure(2, "public-bucket")),
	}
}

test_trn_001_a_repeated_channel_fails_at_each_item if {
	d := testing.attestation_with([testing.replace_at("/transfer_channels", ["ftp", "ftp"])])
	results(d) == {
		trn_001("/transfer_channels/0", trn_insecure(0, "ftp")),
		trn_001("/transfer_channels/1", trn_insecure(1, "ftp")),
	}
}

test_trn_001_every_insecure_channel_fails if {
	channels := ["ftp", "http", "telnet", "tftp", "smtp", "public-bucket"]
	d := testing.attestation_with([testing.replace_at("/transfer_channels", channels)])
	results(d) == {trn_001(sprintf("/transfer_channels/%d", [i]), trn_insecure(i, ch)) | some i, ch in channels}
}

test_trn_001_secure_channels_pass if {
	d := testing.attestation_with([testing.replace_at("/transfer_channels", ["https", "sftp", "ftps", "vpn-ipsec", "vpn-tls", "smtp-tls"])])
	count(results(d)) == 0
}
