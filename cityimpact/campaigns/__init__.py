"""Open campaigns: residents propose pilots, the city evaluates, selected ones become
experiments with published results."""
