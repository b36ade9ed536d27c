"""The embedded default corpus (installed as the package ``duidu.seeds``)."""
