"""The Danish language layer that every feature imports (pure Python, no Django).

Modules, from letters up to care:

- `text`: normalising and tokenising what people type.
- `folding`: æ/ø/å ↔ ae/oe/aa, both ways, and comparison keys.
- `slugs`: URL slugs and heading anchors.
- `words`: "is this a Danish word?", word frequency, spelling corrections and compound
  splitting, against a real dictionary (Stavekontrolden's Hunspell dictionary).
- `lemmas`: lemmas (lemmy) and stems (Snowball via PyStemmer).
- `formatting`: dates ("12. oktober 2025") and phone numbers ("70 11 31 31").
- `places`: postcodes, towns and their *health region* (Region Hovedstaden …).
- `contacts`: whom to call: 112 and the lægevagt number of each health region.
- `regions`: the *body region* an article or handout is about (nakke, lænd).

Nothing outside this package re-implements any of these.
"""
