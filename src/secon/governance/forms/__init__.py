"""Forms of the governance pages: they check types and shapes, the services check the rules."""
