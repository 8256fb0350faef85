"""Data files that name articles must name articles that exist, by their real titles."""

from pathlib import Path

import yaml

from nerveguide.content.documents import read_directory

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = REPO / "src" / "nerveguide" / "selfcheck" / "questions.yaml"


def published_titles() -> dict[str, str]:
    documents, _ = read_directory(REPO / "content", find_near_duplicates=False)
    return {d.slug: d.title for d in documents}


def test_self_check_article_links_exist_with_their_titles():
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    titles = published_titles()
    assert data["article_titles"], "questions.yaml names no articles"
    for slug, title in data["article_titles"].items():
        assert slug in titles, f"questions.yaml names '{slug}', which is not in content/"
        # A shorter link text is fine when the article's title begins with it.
        assert titles[slug].startswith(title), f"{slug}: '{title}' vs '{titles[slug]}'"
    named = {slug for group in data["articles"].values() for slug in group}
    assert named <= set(data["article_titles"]), named - set(data["article_titles"])
