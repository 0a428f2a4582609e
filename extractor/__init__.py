"""protokol: extraction of assignments from Russian meeting protocols."""
