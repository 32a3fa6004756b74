"""The Sustainable Development Goals: the global framework and the city's localisation of it."""
