"""Data shipped with Duidu (installed as the package ``duidu.resources``)."""
