"""The portfolio's REST API (/api/v1/): public read, staff write through the services."""
