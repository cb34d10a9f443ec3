"""'Did you mean': the known names closest to one that was not found.

One helper for every error of ``pokin.core.errors`` that names something unknown (a cascade, an
element, an owner). The similarity is rapidfuzz's ``token_set_ratio`` over case-folded,
punctuation-free text: a typo, a missing part (``bkpsdm-pemalang``) or words out of order come
close, while names that only share a prefix (``kabid-...``) stay apart. Only the suggestions
nearly as close as the best one are shown: one clear answer beats three guesses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process, utils

from pokin.core.i18n import gettext

#: Suggestions shown at most.
MAX_SUGGESTIONS = 3
#: The least similarity (0-100) a suggestion has: below it, silence beats a wild guess.
MIN_SIMILARITY = 75.0
#: How far (in points) below the best suggestion another one may be.
MAX_BEHIND_BEST = 10.0


def close_matches(
    word: str,
    known: Mapping[str, str] | Iterable[str],
    *,
    limit: int = MAX_SUGGESTIONS,
    cutoff: float = MIN_SIMILARITY,
) -> list[str]:
    """What to suggest for ``word``, best first. ``known`` maps each text that may be meant
    (an id, a code, a name) to what to suggest for it (the id to type); a plain iterable
    suggests its texts themselves. Several texts of one suggestion count once."""
    choices = dict(known) if isinstance(known, Mapping) else {k: k for k in known}
    choices.pop(word, None)
    if not word.strip() or not choices:
        return []
    texts = sorted(t for t in choices if t)
    found = process.extract(
        word,
        texts,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        limit=None,
        score_cutoff=cutoff,
    )
    shown: list[str] = []
    # best score first; a tie goes to the closer length, then to the text's order
    ranked = sorted(found, key=lambda f: (-f[1], abs(len(f[0]) - len(word)), f[2]))
    for text, score, _ in ranked:
        if score < ranked[0][1] - MAX_BEHIND_BEST:
            break
        suggestion = choices[text]
        if suggestion not in shown and suggestion != word:
            shown.append(suggestion)
        if len(shown) == limit:
            break
    return shown


def did_you_mean(suggestions: list[str]) -> str:
    """The tail of a not-found message: ``; did you mean 'a' or 'b'?`` (empty without any)."""
    if not suggestions:
        return ""
    quoted = [repr(s) for s in suggestions]
    if len(quoted) == 1:
        return gettext("; did you mean %(one)s?") % {"one": quoted[0]}
    return gettext("; did you mean %(some)s or %(last)s?") % {
        "some": ", ".join(quoted[:-1]),
        "last": quoted[-1],
    }
