"""Every page template compiles at start-up (the warm start compiles them before any visit)."""

from pokin.api.html import compile_templates, templates


def test_every_page_template_compiles():
    names = templates().list_templates(extensions=["html"])
    assert {"base.html", "home.html", "region.html", "element.html", "tree.html"} <= set(names)
    assert compile_templates() == len(names)
