# The clean example dossier examples/vendors/northwind-ai as Rego values (kept
# equal to the YAML by tests/policy/test_catalog.py), and the dossiers built from it.
# (The package's METADATA is in testing_test.rego; a package is annotated once.)
package vendorgate.lib.testing

as_of := "2026-12-01"

engagement := {
	"apiVersion": "vendorgate/v1",
	"kind": "Engagement",
	"vendor": "northwind-ai",
	"name": "Northwind AI Ltd.",
	"service": "Contract-analysis assistant (hosted LLM)",
	"owner": {
		"team": "Legal Operations",
		"contact": "legal-ops@example.com",
	},
	"data_classes": [
		"pii",
		"phi",
		"confidential",
	],
	"regimes": [
		"gdpr",
		"ccpa",
		"hipaa",
		"nis2",
		"dora",
		"euaia",
	],
	"allowed_regions": [
		"eu",
		"uk",
		"us",
	],
	"risk": {
		"tier": "high",
		"assessed_on": "2026-06-30",
		"dpia_required": true,
		"dpia_done": true,
	},
	"data_flows": [
		{
			"name": "contract documents",
			"classes": [
				"confidential",
				"pii",
			],
			"masking": "pseudonymization",
			"identity_needed": false,
		},
		{
			"name": "claims summaries",
			"classes": [
				"phi",
			],
			"masking": "tokenization",
			"identity_needed": false,
		},
	],
	"ai_use": {
		"annex_iii_high_risk": false,
	},
}

attestation := {
	"apiVersion": "vendorgate/v1",
	"kind": "VendorAttestation",
	"vendor": "northwind-ai",
	"attested_on": "2026-10-01",
	"attested_by": {
		"name": "Dana Whitfield",
		"title": "Chief Information Security Officer",
		"email": "security@northwind.example",
	},
	"certifications": [
		{
			"type": "soc2",
			"report_type": "type2",
			"period_end": "2026-06-30",
			"opinion": "unqualified",
			"evidence": "evidence/soc2-type2-2026.txt",
			"sha256": "7761b6a03bc972510c7fbae5a9e4e90eaad03f7a98533b0d2d8d8860abb334cc",
		},
		{
			"type": "iso27001",
			"edition": "2022",
			"issued_on": "2025-03-01",
			"expires_on": "2028-02-28",
			"last_surveillance_on": "2026-03-10",
			"accredited": true,
			"scope_includes_service": true,
		},
		{
			"type": "iso27701",
			"edition": "2019",
			"issued_on": "2025-03-01",
			"expires_on": "2028-02-28",
			"last_surveillance_on": "2026-03-10",
			"accredited": true,
			"scope_includes_service": true,
		},
		{
			"type": "iso42001",
			"edition": "2023",
			"issued_on": "2026-01-15",
			"expires_on": "2029-01-14",
			"accredited": true,
			"scope_includes_service": true,
		},
	],
	"documents": [
		{
			"type": "security-policy",
			"reviewed_on": "2026-04-01",
		},
		{
			"type": "incident-response-plan",
			"reviewed_on": "2026-04-01",
		},
		{
			"type": "bc-dr-plan",
			"reviewed_on": "2026-05-15",
		},
		{
			"type": "privacy-policy",
			"reviewed_on": "2026-02-01",
		},
	],
	"pentest": {
		"last_on": "2026-08-20",
		"by": "Example Security LLP",
	},
	"encryption": {
		"in_transit": {
			"tls_versions": [
				"1.2",
				"1.3",
			],
		},
		"at_rest": {
			"enabled": true,
			"algorithm": "AES-256-GCM",
			"key_bits": 256,
			"scope": [
				"primary",
				"backups",
				"logs",
				"vector-stores",
				"caches",
			],
		},
		"fips_validated": true,
		"keys": {
			"custody": "hsm",
			"separate_from_data": true,
			"rotation_days": 365,
		},
	},
	"transfer_channels": [
		"https",
		"sftp",
	],
	"access": {
		"rbac": true,
		"least_privilege": true,
		"privileged_segregation": true,
		"mfa": {
			"admins": true,
			"customer_data_access": true,
			"remote": true,
		},
		"review_interval_days": 90,
	},
	"logging": {
		"customer_data_access": true,
		"admin_actions": true,
		"fields": [
			"user",
			"event",
			"timestamp",
			"outcome",
			"origin",
			"object",
		],
		"retention_days": 400,
		"searchable_days": 90,
		"immutable": true,
		"customer_export": true,
	},
	"incident_response": {
		"plan": true,
		"last_tested_on": "2026-05-20",
	},
	"subprocessors": [
		{
			"name": "Example Cloud EU",
			"purpose": "hosting and storage",
			"locations": [
				"eu",
			],
			"transfer_mechanism": "scc-2021",
			"flowdown": true,
		},
		{
			"name": "Example Model Labs",
			"purpose": "foundation-model inference",
			"locations": [
				"us",
			],
			"transfer_mechanism": "dpf",
			"dpf_active": true,
			"flowdown": true,
		},
	],
	"residency": {
		"storage": [
			"eu",
		],
		"processing": [
			"eu",
			"us",
		],
		"support_access": [
			"uk",
		],
	},
	"transfers": [
		{
			"region": "us",
			"mechanism": "dpf",
			"dpf_active": true,
			"tia_done": true,
		},
		{
			"region": "uk",
			"mechanism": "adequacy",
		},
	],
	"ai": {
		"in_scope": true,
		"training_on_customer_data": "never",
		"retention": {
			"prompts_days": 0,
			"outputs_days": 0,
			"abuse_log_days": 30,
			"zero_retention_available": true,
			"human_review": "disclosed",
		},
		"upstream_models": [
			{
				"provider": "Example Model Labs",
				"retention_days": 0,
				"trains_on_inputs": false,
			},
		],
		"frameworks": [
			"nist-ai-rmf",
			"iso42001",
		],
		"red_team_last_on": "2026-07-01",
		"model_card": "https://northwind.example/model-card",
		"model_change_notice_days": 30,
	},
	"eu_ai_act": {
		"role": "provider",
		"conformity_declaration": true,
		"eu_database_registration": true,
		"instructions_for_use": true,
		"automatic_logging": true,
		"log_retention_days": 365,
		"serious_incident_report_days": 10,
	},
}

contract := {
	"apiVersion": "vendorgate/v1",
	"kind": "ContractTerms",
	"vendor": "northwind-ai",
	"contract_id": "MSA-2026-0142",
	"effective_on": "2026-07-01",
	"term_ends_on": "2029-06-30",
	"roles": {
		"data_owner": "customer",
		"controller": "customer",
		"processor": "vendor",
		"data_manager": "customer",
	},
	"processing": {
		"subject": "Analysis of customer contracts and claims correspondence",
		"duration": "Term of the agreement plus the exit period",
		"nature": "Storage, retrieval and machine analysis",
		"purpose": "Contract review and claims triage for the customer",
		"data_types": [
			"contact details",
			"contract terms",
			"health claim summaries",
		],
		"subject_categories": [
			"customers",
			"employees",
			"claimants",
		],
	},
	"data_ownership": {
		"customer_sole_owner": true,
		"use_limited_to_instructions": true,
		"outputs_customer_owned": true,
	},
	"dpa": {
		"signed": true,
		"signed_on": "2026-06-20",
		"clauses": [
			"instructions",
			"confidentiality",
			"security",
			"subprocessing",
			"data-subject-requests",
			"assistance",
			"deletion-return",
			"audits",
		],
	},
	"baa": {
		"signed": true,
		"breach_notice_days": 5,
	},
	"ccpa": {
		"no_sell_share": true,
		"specified_purposes": true,
		"purpose_limit": true,
		"no_combining": true,
		"same_protection": true,
		"audit_remediate": true,
		"notify_if_noncompliant": true,
	},
	"sla": {
		"availability_pct": 99.9,
		"period": "monthly",
		"service_credits": true,
		"response_times": true,
		"chronic_failure_exit": true,
	},
	"breach_notification": {
		"window_hours": 24,
		"clock_start": "awareness",
		"content": [
			"nature",
			"categories",
			"approximate-counts",
			"contact",
			"consequences",
			"measures",
			"identities",
		],
	},
	"subprocessor_changes": {
		"notice_days": 30,
		"objection_right": true,
	},
	"location_change_notice_days": 60,
	"audit_rights": {
		"on_request": true,
		"third_party_reports": true,
		"regulator_access": true,
	},
	"ai": {
		"training_prohibited": true,
	},
	"exit": {
		"disposition": "customer-choice",
		"deadline_days": 30,
		"backups_deadline_days": 90,
		"format": [
			"json",
			"csv",
		],
		"subprocessors_included": true,
		"deletion_certificate": true,
		"method": "nist-800-88",
		"log_export_before_deletion": true,
		"evidence_retention_years": 6,
	},
	"termination": {
		"access_revocation_hours": 4,
	},
}

# A dossier of the three documents, with ids "s", "a" and "c".
dossier(s, a, c) := {
	"vendor": "northwind-ai",
	"documents": [
		{"id": "s", "kind": "Engagement", "valid": true, "path": "vendors/northwind-ai/engagement.yaml", "index": 0},
		{"id": "a", "kind": "VendorAttestation", "valid": true, "path": "vendors/northwind-ai/attestation.yaml", "index": 0},
		{"id": "c", "kind": "ContractTerms", "valid": true, "path": "vendors/northwind-ai/contract.yaml", "index": 0},
	],
	"engagement": {"id": "s", "valid": true, "body": s},
	"attestation": {"id": "a", "valid": true, "body": a},
	"contract": {"id": "c", "valid": true, "body": c},
	"evidence": [],
}

clean := dossier(engagement, attestation, contract)

# Each document with JSON patches applied (RFC 6902 operations).
patched(sp, ap, cp) := dossier(json.patch(engagement, sp), json.patch(attestation, ap), json.patch(contract, cp))
