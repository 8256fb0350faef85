from django.contrib import admin

from nerveguide.content.models import Article, Passage


class PassageInline(admin.TabularInline):
    """An article's passages (headings and anchors), read-only: they come from the file at
    ingest.
    """

    model = Passage
    fields = ("position", "kind", "level", "heading", "anchor")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Read-mostly: the Markdown files in CONTENT_DIR are the source of truth. Edit the file and run
    `nerveguide ingest`; only "is published" can be changed here (to take a page down quickly)."""

    list_display = (
        "title",
        "slug",
        "audience",
        "topic",
        "last_reviewed",
        "next_review",
        "is_published",
    )
    list_filter = ("is_published", "audience", "topic", "region")
    search_fields = ("title", "slug", "description")
    fields = (
        "is_published",
        "slug",
        "title",
        "meta_title",
        "description",
        "audience",
        "region",
        "topic",
        "date_published",
        "last_updated",
        "last_reviewed",
        "next_review",
        "reviewed_by",
        "related",
        "sources",
        "source_path",
        "content_hash",
        "updated_at",
        "body_markdown",
    )
    readonly_fields = tuple(f for f in fields if f != "is_published")
    inlines = [PassageInline]

    def has_add_permission(self, request):
        """False: articles are added as files and published with `nerveguide ingest`."""
        return False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The change form with a subtitle telling editors that the file is the source."""
        extra_context = {
            **(extra_context or {}),
            "subtitle": "Filerne i content/ er kilden: ret filen og kør "
            "'nerveguide ingest'. Her kan du kun af- og genudgive en artikel.",
        }
        return super().changeform_view(request, object_id, form_url, extra_context)
