"""The results a scenario can compare, each with the words a reader sees for it."""

METRIC_WORDS = {"profit_npv": "profit NPV", "profit": "profit", "revenue": "revenue",
                "customers": "customers at the end", "retention": "retention",
                "mean_clv": "mean customer lifetime value", "net_promoter": "net promoter score",
                "lost": "customers lost", "wom_positive": "positive WOM messages",
                "wom_negative": "negative WOM messages", "complaints": "complaints",
                "recoveries": "recovered complaints", "promoters": "promoter share",
                "detractors": "detractor share"}
METRICS = tuple(METRIC_WORDS)   # the names `metric = ...` accepts
