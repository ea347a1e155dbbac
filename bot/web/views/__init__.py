"""Views of the web process, one module per concept."""
