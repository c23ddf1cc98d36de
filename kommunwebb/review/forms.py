from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from .models import PageReview


def editors():
    """People who can log in to the admin, by name."""
    user_model = get_user_model()
    admin_access = Q(groups__permissions__codename="access_admin") | Q(
        user_permissions__codename="access_admin"
    )
    return (
        user_model.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | admin_access)
        .distinct()
        .order_by("first_name", "last_name", user_model.USERNAME_FIELD)
    )


class EditorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name().strip()
        return f"{name} ({user.email})" if name and user.email else name or user.get_username()


class PageReviewForm(forms.ModelForm):
    person = EditorChoiceField(
        queryset=editors(),
        required=False,
        label=_("Sidansvarig person"),
        empty_label=_("Ingen person – påminnelsen går till enheten"),
        help_text=PageReview._meta.get_field("person").help_text,
    )

    class Meta:
        model = PageReview
        fields = ["unit", "person", "review_by"]
        widgets = {"review_by": AdminDateInput}
        labels = {"unit": _("Sidansvarig enhet"), "review_by": _("Granska senast")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = editors()
        self.fields["unit"].empty_label = _("Ingen enhet vald")
