"""Carbon handprint: the CLC / VTT-LUT method for cities (calculation core in calculator/)."""
