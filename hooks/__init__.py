"""MkDocs plugins of the Secretariat site, one package each."""
