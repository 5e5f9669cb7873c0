"""The money a firm may spend a month in class: one figure for the app and the game."""

STRATEGY_BUDGET = 5000.0   # money a month, at the presets' full market size
