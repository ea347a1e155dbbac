"""Security of the web process: the login counters behind throttling and the security headers."""
