"""Shared foundation: cities (tenants), organisations, the audit log and background jobs."""
