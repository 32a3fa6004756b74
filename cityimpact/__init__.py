"""cityimpact: run, measure and share a city's innovation initiatives."""
