// PHRExport: see docs/architecture.md. Filled in by its issue.
