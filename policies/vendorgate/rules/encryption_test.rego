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

test_enc_001_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at(tls)])
	results(d) == {enc_001(
		"error",
		tls,
		"accepted TLS versions are not stated; TLS 1.2 or 1.3 required (NIST SP 800-52r2)",
	)}
}

test_enc_001_empty_list_is_not_stated if {
	d := testing.attestation_with([testing.replace_at(tls, [])])
	results(d) == {enc_001(
		"error",
		tls,
		"accepted TLS versions are not stated; TLS 1.2 or 1.3 required (NIST SP 800-52r2)",
	)}
}

test_enc_001_deprecated_version_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.replace_at(tls, ["1.2", "1.1", "1.3"])])
	results(d) == {enc_001(
		"error",
		"/encryption/in_transit/tls_versions/1",
		"accepted TLS versions include 1.1; ssl2, ssl3, 1.0 and 1.1 must be disabled (RFC 8996)",
	)}
}

test_enc_001_ssl_is_deprecated if {
	d := testing.attestation_with([testing.replace_at(tls, ["1.3", "ssl2", "ssl3"])])
	results(d) == {enc_001(
		"error",
		"/encryption/in_transit/tls_versions/1",
		"accepted TLS versions include ssl2, ssl3; ssl2, ssl3, 1.0 and 1.1 must be disabled (RFC 8996)",
	)}
}

test_enc_001_without_1_3_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(tls, ["1.2"])])
	results(d) == {enc_001(
		"warning",
		tls,
		"accepted TLS versions are 1.2; TLS 1.3 support recommended (NIST SP 800-52r2 §3.1)",
	)}
}

test_enc_001_only_1_3_passes if {
	d := testing.attestation_with([testing.replace_at(tls, ["1.3"])])
	count(results(d)) == 0
}

test_enc_001_only_deprecated_versions_combine_all_branches if {
	d := testing.attestation_with([testing.replace_at(tls, ["1.0", "1.1"])])
	results(d) == {enc_001(
		"error",
		"/encryption/in_transit/tls_versions/0",
		concat("; ", [
			"accepted TLS versions include 1.0, 1.1; ssl2, ssl3, 1.0 and 1.1 must be disabled (RFC 8996)",
			"accepted TLS versions are 1.0, 1.1; TLS 1.2 or 1.3 required (NIST SP 800-52r2)",
			"accepted TLS versions are 1.0, 1.1; TLS 1.3 support recommended (NIST SP 800-52r2 §3.1)",
		]),
	)}
}

test_enc_001_deprecated_and_no_1_3 if {
	d := testing.attestation_with([testing.replace_at(tls, ["1.2", "1.0"])])
	results(d) == {enc_001(
		"error",
		"/encryption/in_transit/tls_versions/1",
		concat("; ", [
			"accepted TLS versions include 1.0; ssl2, ssl3, 1.0 and 1.1 must be disabled (RFC 8996)",
			"accepted TLS versions are 1.2, 1.0; TLS 1.3 support recommended (NIST SP 800-52r2 §3.1)",
		]),
	)}
}

# ENC-002

test_enc_002_disabled_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/encryption/at_rest/enabled", false)])
	results(d) == {enc_002(
		"error",
		"/encryption/at_rest/enabled",
		"encryption at rest (encryption.at_rest.enabled) is false; it must be true (GDPR Art. 32(1)(a))",
	)}
}

test_enc_002_enabled_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/encryption/at_rest/enabled")])
	results(d) == {enc_002(
		"error",
		"/encryption/at_rest/enabled",
		"encryption at rest (encryption.at_rest.enabled) is not stated; it must be true (GDPR Art. 32(1)(a))",
	)}
}

test_enc_002_3des_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/encryption/at_rest/algorithm", "3DES")])
	results(d) == {enc_002(
		"error",
		"/encryption/at_rest/algorithm",
		"encryption-at-rest algorithm is 3DES; DES, 3DES and RC4 are disallowed (NIST SP 800-131A r2)",
	)}
}

test_enc_002_weak_algorithm_parts_are_found if {
	every alg in ["des-ede3-cbc", "TripleDES", "tdea_cbc", "Triple DES", "rc4", "AES-256 RC4", "ede3"] {
		d := testing.attestation_with([testing.replace_at("/encryption/at_rest/algorithm", alg)])
		results(d) == {enc_002(
			"error",
			"/encryption/at_rest/algorithm",
			sprintf("encryption-at-rest algorithm is %s; DES, 3DES and RC4 are disallowed (NIST SP 800-131A r2)", [alg]),
		)}
	}
}

test_enc_002_strong_algorithms_pass if {
	every alg in ["AES-128-GCM", "aes_256_xts", "ChaCha20-Poly1305", "DESX-like", "AES DESIGN"] {
		d := testing.attestation_with([testing.replace_at("/encryption/at_rest/algorithm", alg)])
		count(results(d)) == 0
	}
}

test_enc_002_algorithm_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/encryption/at_rest/algorithm")])
	results(d) == {enc_002(
		"error",
		"/encryption/at_rest/algorithm",
		"encryption-at-rest algorithm is not stated; a strong cipher such as AES-256-GCM required (NIST SP 800-131A r2)",
	)}
}

test_enc_002_key_bits_below_minimum_is_an_error_and_a_note if {
	d := testing.attestation_with([testing.replace_at("/encryption/at_rest/key_bits", 127)])
	results(d) == {enc_002(
		"error",
		"/encryption/at_rest/key_bits",
		concat("; ", [
			"encryption-at-rest key length is 127 bits; at least 128 bits required (NIST SP 800-131A r2)",
			"encryption-at-rest key length is 127 bits; 256 bits recommended (NIST SP 800-131A r2)",
		]),
	)}
}

test_enc_002_key_bits_at_minimum_is_a_note if {
	d := testing.attestation_with([testing.replace_at("/encryption/at_rest/key_bits", 128)])
	results(d) == {enc_002(
		"note",
		"/encryption/at_rest/key_bits",
		"encryption-at-rest key length is 128 bits; 256 bits recommended (NIST SP 800-131A r2)",
	)}
}

test_enc_002_key_bits_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/encryption/at_rest/key_bits")])
	results(d) == {enc_002(
		"error",
		"/encryption/at_rest/key_bits",
		"encryption-at-rest key length is not stated; at least 128 bits required (NIST SP 800-131A r2)",
	)}
}

test_enc_002_key_bits_threshold_override_applies if {
	d := testing.attestation_with([testing.replace_at("/encryption/at_rest/key_bits", 192)])
	r := results(d) with data.vendorgate_profile.thresholds as {"at_rest_min_key_bits": 256}
	r == {enc_002(
		"error",
		"/encryption/at_rest/key_bits",
		concat("; ", [
			"encryption-at-rest key length is 192 bits; at least 256 bits required (NIST SP 800-131A r2)",
			"encryption-at-rest key length is 192 bits; 256 bits recommended (NIST SP 800-131A r2)",
		]),
	)}
}

test_enc_002_scope_without_logs_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/encryption/at_rest/scope", ["primary", "backups"])])
	results(d) == {enc_002(
		"warning",
		"/encryption/at_rest/scope",
		"encryption-at-rest scope lacks logs; it should cover backups and logs (GDPR Art. 32(1)(a))",
	)}
}

test_enc_002_scope_without_backups_and_logs_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/encryption/at_rest/scope", ["primary"])])
	results(d) == {enc_002(
		"warning",
		"/encryption/at_rest/scope",
		"encryption-at-rest scope lacks backups, logs; it should cover backups and logs (GDPR Art. 32(1)(a))",
	)}
}

test_enc_002_scope_not_stated_is_a_warning if {
	d := testing.attestation_with([testing.replace_at("/encryption/at_rest/scope", [])])
	results(d) == {enc_002(
		"warning",
		"/encryption/at_rest/scope",
		"encryption-at-rest scope is not stated; it should cover backups and logs (GDPR Art. 32(1)(a))",
	)}
}

test_enc_002_combined_branches_give_one_error_at_the_first if {
	d := testing.attestation_with([testing.replace_at("/encryption/at_rest", {"enabled": false, "algorithm": "RC4", "key_bits": 128})])
	results(d) == {enc_002(
		"error",
		"/encryption/at_rest/enabled",
		concat("; ", [
			"encryption at rest (encryption.at_rest.enabled) is false; it must be true (GDPR Art. 32(1)(a))",
			"encryption-at-rest algorithm is RC4; DES, 3DES and RC4 are disallowed (NIST SP 800-131A r2)",
			"encryption-at-rest scope is not stated; it should cover backups and logs (GDPR Art. 32(1)(a))",
			"encryption-at-rest key length is 128 bits; 256 bits recommended (NIST SP 800-131A r2)",
		]),
	)}
}

test_enc_002_warning_and_note_give_a_warning if {
	d := testing.attestation_with([
		testing.replace_at("/encryption/at_rest/key_bits", 192),
		testing.replace_at("/encryption/at_rest/scope", ["primary", "logs"]),
	])
	results(d) == {enc_002(
		"warning",
		"/encryption/at_rest/scope",
		concat("; ", [
			"encryption-at-rest scope lacks backups; it should cover backups and logs (GDPR Art. 32(1)(a))",
			"encryption-at-rest key length is 192 bits; 256 bits recommended (NIST SP 800-131A r2)",
		]),
	)}
}

test_enc_002_at_rest_not_stated if {
	d := testing.attestation_with([testing.remove_at("/encryption/at_rest")])
	results(d) == {enc_002(
		"error",
		"/encryption/at_rest/enabled",
		concat("; ", [
			"encryption at rest (encryption.at_rest.enabled) is not stated; it must be true (GDPR Art. 32(1)(a))",
			"encryption-at-rest algorithm is not stated; a strong cipher such as AES-256-GCM required (NIST SP 800-131A r2)",
			"encryption-at-rest key length is not stated; at least 128 bits required (NIST SP 800-131A r2)",
			"encryption-at-rest scope is not stated; it should cover backups and logs (GDPR Art. 32(1)(a))",
		]),
	)}
}

# ENC-003

fips := "/encryption/fips_validated"

test_enc_003_phi_without_fips_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(fips, false)])
	results(d) == {enc_003(
		fips,
		"FIPS 140 validation (encryption.fips_validated) is false; validated modules expected when PHI is shared (HHS breach guidance)",
	)}
}

test_enc_003_fips_not_stated_is_a_warning if {
	d := testing.attestation_with([testing.remove_at(fips)])
	results(d) == {enc_003(
		fips,
		"FIPS 140 validation (encryption.fips_validated) is not stated; validated modules expected when PHI is shared (HHS breach guidance)",
	)}
}

test_enc_003_hipaa_regime_counts_as_phi if {
	d := testing.patched([testing.replace_at("/data_classes", ["pii"])], [testing.replace_at(fips, false)], [])
	results(d) == {enc_003(
		fips,
		"FIPS 140 validation (encryption.fips_validated) is false; validated modules expected when PHI is shared (HHS breach guidance)",
	)}
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

custody := "/encryption/keys/custody"

rotation := "/encryption/keys/rotation_days"

test_enc_004_application_custody_is_an_error if {
	d := testing.attestation_with([testing.replace_at(custody, "application")])
	results(d) == {enc_004(
		"error",
		custody,
		"encryption key custody is application; keys must be held in a KMS, HSM, CMK or BYOK, not in the application (NIST SP 800-57)",
	)}
}

test_enc_004_custody_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at(custody)])
	results(d) == {enc_004(
		"error",
		custody,
		"encryption key custody is not stated; keys must be held in a KMS, HSM, CMK or BYOK, not in the application (NIST SP 800-57)",
	)}
}

test_enc_004_managed_custody_passes if {
	every c in ["kms", "hsm", "cmk", "byok"] {
		count(results(testing.attestation_with([testing.replace_at(custody, c)]))) == 0
	}
}

test_enc_004_keys_with_data_is_an_error if {
	d := testing.attestation_with([testing.replace_at("/encryption/keys/separate_from_data", false)])
	results(d) == {enc_004(
		"error",
		"/encryption/keys/separate_from_data",
		"key separation from data (encryption.keys.separate_from_data) is false; it must be true (NIST SP 800-57)",
	)}
}

test_enc_004_separation_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at("/encryption/keys/separate_from_data")])
	results(d) == {enc_004(
		"error",
		"/encryption/keys/separate_from_data",
		"key separation from data (encryption.keys.separate_from_data) is not stated; it must be true (NIST SP 800-57)",
	)}
}

test_enc_004_rotation_over_max_is_an_error if {
	d := testing.attestation_with([testing.replace_at(rotation, 731)])
	results(d) == {enc_004(
		"error",
		rotation,
		concat("; ", [
			"key rotation period is 731 days; at most 730 days allowed (NIST SP 800-57 Pt1 r5 §5.3.6)",
			"key rotation period is 731 days; 365 days or less recommended (PCI DSS 3.7.4)",
		]),
	)}
}

test_enc_004_rotation_at_max_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(rotation, 730)])
	results(d) == {enc_004(
		"warning",
		rotation,
		"key rotation period is 730 days; 365 days or less recommended (PCI DSS 3.7.4)",
	)}
}

test_enc_004_rotation_over_warn_is_a_warning if {
	d := testing.attestation_with([testing.replace_at(rotation, 366)])
	results(d) == {enc_004(
		"warning",
		rotation,
		"key rotation period is 366 days; 365 days or less recommended (PCI DSS 3.7.4)",
	)}
}

test_enc_004_rotation_not_stated_is_an_error if {
	d := testing.attestation_with([testing.remove_at(rotation)])
	results(d) == {enc_004(
		"error",
		rotation,
		"key rotation period is not stated; at most 730 days allowed (NIST SP 800-57 Pt1 r5 §5.3.6)",
	)}
}

test_enc_004_threshold_overrides_apply if {
	d := testing.attestation_with([testing.replace_at(rotation, 365)])
	r := results(d) with data.vendorgate_profile.thresholds as {"key_rotation_max_days": 300, "key_rotation_warn_days": 90}
	r == {enc_004(
		"error",
		rotation,
		concat("; ", [
			"key rotation period is 365 days; at most 300 days allowed (NIST SP 800-57 Pt1 r5 §5.3.6)",
			"key rotation period is 365 days; 90 days or less recommended (PCI DSS 3.7.4)",
		]),
	)}
}

test_enc_004_combined_branches_give_one_error_at_the_first if {
	d := testing.attestation_with([testing.replace_at(custody, "application"), testing.replace_at(rotation, 400), testing.remove_at("/encryption/keys/separate_from_data")])
	results(d) == {enc_004(
		"error",
		custody,
		concat("; ", [
			"encryption key custody is application; keys must be held in a KMS, HSM, CMK or BYOK, not in the application (NIST SP 800-57)",
			"key separation from data (encryption.keys.separate_from_data) is not stated; it must be true (NIST SP 800-57)",
			"key rotation period is 400 days; 365 days or less recommended (PCI DSS 3.7.4)",
		]),
	)}
}

# TRN-001

trn_not_stated := "transfer channels are not stated; only encrypted channels (https, sftp, ftps, smtp-tls, vpn-ipsec or vpn-tls) allowed (PCI DSS 4.2.1)"

trn_insecure(channel) := sprintf(
	"transfer channel %s is insecure; use an encrypted channel (https, sftp, ftps, smtp-tls, vpn-ipsec or vpn-tls) instead (PCI DSS 4.2.1)",
	[channel],
)

test_trn_001_not_stated_is_one_error if {
	d := testing.attestation_with([testing.remove_at("/transfer_channels")])
	results(d) == {trn_001("/transfer_channels", trn_not_stated)}
}

test_trn_001_empty_list_is_not_stated if {
	d := testing.attestation_with([testing.replace_at("/transfer_channels", [])])
	results(d) == {trn_001("/transfer_channels", trn_not_stated)}
}

test_trn_001_insecure_channel_is_an_error_at_the_item if {
	d := testing.attestation_with([testing.replace_at("/transfer_channels", ["https", "ftp", "sftp"])])
	results(d) == {trn_001("/transfer_channels/1", trn_insecure("ftp"))}
}

test_trn_001_two_insecure_channels_give_two_results if {
	d := testing.attestation_with([testing.replace_at("/transfer_channels", ["http", "https", "public-bucket"])])
	results(d) == {
		trn_001("/transfer_channels/0", trn_insecure("http")),
		trn_001("/transfer_channels/2", trn_insecure("public-bucket")),
	}
}

test_trn_001_every_insecure_channel_fails if {
	channels := ["ftp", "http", "telnet", "tftp", "smtp", "public-bucket"]
	d := testing.attestation_with([testing.replace_at("/transfer_channels", channels)])
	results(d) == {trn_001(sprintf("/transfer_channels/%d", [i]), trn_insecure(ch)) | some i, ch in channels}
}

test_trn_001_secure_channels_pass if {
	d := testing.attestation_with([testing.replace_at("/transfer_channels", ["https", "sftp", "ftps", "vpn-ipsec", "vpn-tls", "smtp-tls"])])
	count(results(d)) == 0
}
