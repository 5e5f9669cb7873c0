"""The classroom market game: teams run rival firms in one shared market, round by round.

`levers` (what a team's money buys, with prices), `rounds` (the round clock the teacher
drives), `leaderboard` (profit round by round), `market` (the one place that talks to the
multi-firm model), `session` (all of it behind one lock, as JSON for the pages) and
`server` (a stdlib HTTP server for the team and teacher pages in `pages/`).
"""
