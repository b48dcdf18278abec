"""What the report says, from a validated input: checks, derived values
(rates, 万元, year over year), follow-ups of last year's plans, number and
punctuation rules, and the render context built from them."""
