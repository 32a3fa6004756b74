"""A city's portfolio of innovation initiatives, their partners, outcomes and spread."""
