"""Checks documents against the JSON Schema of their kind."""

from vendorgate.validation.schemas import SchemaValidator

__all__ = ["SchemaValidator"]
