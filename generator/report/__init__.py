"""What the report says, from a validated input: checks, the clerk's texts
and the {指标} citations and years in them (texts), metric values (rates,
万元: values), year over year, follow-ups of last year's plans, number and
punctuation rules, and the typed render context built from them."""
