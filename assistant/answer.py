"""Answer stage (placeholder until the cited-answers work lands)."""
