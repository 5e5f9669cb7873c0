"""The results a scenario can compare, each with the words a reader sees for it and its
unit (for axis labels and money with its currency)."""

METRIC_WORDS = {"profit_npv": "profit NPV", "profit": "profit", "revenue": "revenue",
                "customers": "customers at the end", "retention": "retention",
                "mean_clv": "mean customer lifetime value",
                "net_promoter": "net promoter score",
                "lost": "customers lost", "wom_positive": "positive word-of-mouth messages",
                "wom_negative": "negative word-of-mouth messages",
                "wom_ratio": "positive messages per negative one", "complaints": "complaints",
                "recoveries": "recovered complaints", "promoters": "promoter share",
                "detractors": "detractor share"}
METRIC_UNITS = {"profit_npv": "$", "profit": "$", "revenue": "$", "mean_clv": "$",
                "customers": "people", "lost": "people", "retention": "share kept",
                "net_promoter": "-100 to +100", "wom_positive": "messages",
                "wom_negative": "messages", "complaints": "a count",
                "recoveries": "a count", "promoters": "share", "detractors": "share"}
# The names `metric = ...` accepts: every result above but the message ratio, which is
# infinite in a market without bad word of mouth (reported, never compared).
METRICS = tuple(m for m in METRIC_WORDS if m != "wom_ratio")
