"""The register: municipalities and their organisation, households, persons, identities, events."""
