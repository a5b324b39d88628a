"""Users, their municipality, units and roles; login with throttling and TOTP; API tokens."""
