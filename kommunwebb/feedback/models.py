"""What visitors answered to "Var sidan till hjälp?": the page, the answer and the time,
and, if they wrote one, a comment (at most 1,000 characters, with e-mail addresses, phone
numbers and personal identity numbers masked before it is stored). Nothing about the visitor.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000


class PageFeedback(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sida"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    helpful = models.BooleanField(_("till hjälp"))
    created_at = models.DateTimeField(_("svarat"), default=timezone.now, db_index=True)
    comment = models.TextField(_("kommentar"), max_length=COMMENT_MAX_LENGTH, blank=True)
    commented_at = models.DateTimeField(_("kommenterat"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("sidrespons")
        verbose_name_plural = _("sidrespons")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "created_at"], name="feedback_page_time")]
        # Counts and comments are read only through the reports, with this permission.
        default_permissions = ()
        permissions = [("view_feedback", _("Kan se sidrespons"))]

    def __str__(self):
        return f"{self.page_id}: {'ja' if self.helpful else 'nej'}"
