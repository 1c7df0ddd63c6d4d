"""vendorgate: a policy-as-code compliance gate for AI-vendor due-diligence dossiers."""

__version__ = "0.1.0"
